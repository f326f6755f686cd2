package io.obstime.scheduler.pekko.example

import com.typesafe.config.ConfigFactory
import io.obstime.clock.{SimulatedTimeSource, TaiTime, UtcTime}
import io.obstime.scheduler.pekko.PekkoTimeScheduler
import org.apache.pekko.actor.testkit.typed.scaladsl.ActorTestKit
import org.junit.jupiter.api.Assertions.{assertEquals, assertThrows, assertTrue}
import org.junit.jupiter.api.TestInstance.Lifecycle
import org.junit.jupiter.api.{AfterAll, Test, TestInstance}

import java.time.Duration
import scala.concurrent.duration._

/** Runs the README's Scala example ([[Controller]], copied verbatim into the README) with Pekko's Scala DSL. */
@TestInstance(Lifecycle.PER_CLASS)
class ReadmeScalaExampleTest {

  private val testKit = ActorTestKit()

  @AfterAll
  def shutdown(): Unit = testKit.shutdownTestKit()

  @Test
  def aOneKilohertzTaiTaskTicksAScalaDslActor(): Unit = {
    val report = testKit.createTestProbe[Long]()
    val controller = testKit.spawn(Controller(report.ref))

    val system = testKit.system

    val scheduler = PekkoTimeScheduler.get(system)
    val ticks = Controller.tickAt1kHz(scheduler, controller, TaiTime.now().plus(Duration.ofSeconds(1)))

    report.expectMessage(20.seconds, 1000L)
    report.expectMessage(20.seconds, 2000L)
    assertTrue(ticks.cancel())
    assertTrue(ticks.runCount() + ticks.skippedTicks() >= 2000, "every tick was run or counted as skipped")
  }

  @Test
  def onSimulatedTimeOneSecondAt1kHzIsExactly1000TicksOnTheirTaiInstants(): Unit = {
    val simKit = ActorTestKit(ConfigFactory.parseString("obstime.scheduler.run-inline = on"))
    try {
      val clock = SimulatedTimeSource.startingAt(UtcTime.ofEpochNanos(1800000000000000000L))
      val report = simKit.createTestProbe[Long]()
      val controller = simKit.spawn(Controller(report.ref))
      val start = TaiTime.now(clock).plus(Duration.ofMillis(1))
      val scheduler = PekkoTimeScheduler.create(simKit.system, clock)
      val ticks = Controller.tickAt1kHz(scheduler, controller, start)
      val seenAt = scala.collection.mutable.ArrayBuffer.empty[Long]
      // A Runnable for an overloaded Java method: give the lambda its type (or end it with `()`).
      val record: Runnable = () => seenAt += clock.taiNanos()
      scheduler.schedulePeriodically(start, Duration.ofMillis(1), record)

      clock.advance(Duration.ofSeconds(1)) // slots start + 0 ms ... start + 999 ms

      report.expectMessage(10.seconds, 1000L)
      report.expectNoMessage(300.millis)
      assertEquals(1000L, ticks.runCount())
      assertEquals((0 until 1000).map(k => start.epochNanos() + k * 1000000L), seenAt.toSeq)
      scheduler.close()
      assertThrows(classOf[IllegalStateException], () => scheduler.scheduleOnce(start, controller, Controller.Tick))
    } finally simKit.shutdownTestKit()
  }
}
