package io.obstime.scheduler.pekko

import com.typesafe.config.ConfigFactory
import io.obstime.clock.{SimulatedTimeSource, TaiTime, UtcTime}
import io.obstime.scheduler.ScheduledTask
import org.apache.pekko.actor.testkit.typed.scaladsl.ActorTestKit
import org.apache.pekko.actor.typed.scaladsl.Behaviors
import org.apache.pekko.actor.typed.{ActorRef, ActorSystem, Behavior}
import org.junit.jupiter.api.Assertions.{assertEquals, assertThrows, assertTrue}
import org.junit.jupiter.api.TestInstance.Lifecycle
import org.junit.jupiter.api.{AfterAll, Test, TestInstance}

import java.time.Duration
import scala.concurrent.duration._
import scala.jdk.DurationConverters._

// readme:scala:begin
/** A control loop that runs one step per tick and reports its tick count every 1000 ticks (1 s at 1 kHz). */
object Controller {
  sealed trait Command
  case object Tick extends Command

  def apply(report: ActorRef[Long]): Behavior[Command] = counting(0L, report)

  private def counting(ticks: Long, report: ActorRef[Long]): Behavior[Command] =
    Behaviors.receiveMessage { case Tick =>
      val now = ticks + 1 // ... one step of the control loop ...
      if (now % 1000 == 0) report ! now
      counting(now, report)
    }
}

object Ticking {
  /** Ticks the controller at 1 kHz on TAI, from `start`; the ticks stop when the actor system stops. */
  def at1kHz(system: ActorSystem[_], controller: ActorRef[Controller.Command], start: TaiTime): ScheduledTask = {
    val scheduler = PekkoTimeScheduler.create(system) // settings: obstime.scheduler in the config
    scheduler.schedulePeriodically(start, 1.millis.toJava, controller, Controller.Tick)
  }
}
// readme:scala:end

/** The README's Scala example (between the readme markers, copied verbatim), with Pekko's Scala DSL. */
@TestInstance(Lifecycle.PER_CLASS)
class ReadmeScalaExampleTest {

  private val testKit = ActorTestKit()

  @AfterAll
  def shutdown(): Unit = testKit.shutdownTestKit()

  @Test
  def aOneKilohertzTaiTaskTicksAScalaDslActor(): Unit = {
    val report = testKit.createTestProbe[Long]()
    val controller = testKit.spawn(Controller(report.ref))

    val ticks = Ticking.at1kHz(testKit.system, controller, TaiTime.now().plus(Duration.ofMillis(100)))

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
      val ticks = scheduler.schedulePeriodically(start, 1.millis.toJava, controller, Controller.Tick)
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
