package io.obstime.scheduler.pekko.example

import com.typesafe.config.ConfigFactory
import io.obstime.clock.{SimulatedTimeSource, TaiTime, UtcTime}
import io.obstime.scheduler.TickMessage
import io.obstime.scheduler.pekko.PekkoTimeScheduler
import org.apache.pekko.actor.testkit.typed.scaladsl.ActorTestKit
import org.junit.jupiter.api.Assertions.{assertEquals, assertThrows}
import org.junit.jupiter.api.TestInstance.Lifecycle
import org.junit.jupiter.api.{AfterAll, Test, TestInstance}

import java.time.Duration
import scala.concurrent.duration._

/** Runs the README's Scala example of ticks that carry their slot ([[SlotController]]) with Pekko's Scala DSL. */
@TestInstance(Lifecycle.PER_CLASS)
class ReadmeScalaSlotExampleTest {

  private val testKit = ActorTestKit(ConfigFactory.parseString("obstime.scheduler.run-inline = on"))

  @AfterAll
  def shutdown(): Unit = testKit.shutdownTestKit()

  @Test
  def onSimulatedTimeEachStepKnowsItsSlotAndHowLateItRuns(): Unit = {
    val clock = SimulatedTimeSource.startingAt(UtcTime.ofEpochNanos(1800000000000000000L))
    val steps = testKit.createTestProbe[SlotController.Step]()
    val controller = testKit.spawn(SlotController(clock, steps.ref))
    val scheduler = PekkoTimeScheduler.create(testKit.system, clock)
    try {
      val start = TaiTime.now(clock).plus(Duration.ofMillis(1))
      val ticks = SlotController.tickAt1kHz(scheduler, controller, start)

      clock.advance(Duration.ofMillis(1))
      steps.expectMessage(10.seconds, SlotController.Step(start, 0L))

      clock.step(Duration.ofNanos(5300000L)) // stepped over slots 1 to 5: slot 5 runs 0.3 ms late
      steps.expectMessage(10.seconds, SlotController.Step(start.plus(Duration.ofMillis(5)), 300000L))
      assertEquals(4L, ticks.skippedTicks())
    } finally scheduler.close()
  }

  @Test
  def everyOverloadTakesATickMessageFromScala(): Unit = {
    val clock = SimulatedTimeSource.startingAt(UtcTime.ofEpochNanos(1800000000000000000L))
    val probe = testKit.createTestProbe[SlotController.Command]()
    val scheduler = PekkoTimeScheduler.create(testKit.system, clock)
    try {
      val now = TaiTime.now(clock)
      val t0 = now.epochNanos()
      val tick: TickMessage[SlotController.Tick] = SlotController.Tick(_) // a typed value needs no TickMessage.of
      scheduler.scheduleOnce(now.plus(Duration.ofMillis(1)), probe.ref, tick)
      scheduler.scheduleOnce(UtcTime.now(clock).plus(Duration.ofMillis(2)), probe.ref, tick)
      val every = scheduler.schedulePeriodically(Duration.ofMillis(4), probe.ref, TickMessage.of(SlotController.Tick(_)))
      val everyTai = scheduler.schedulePeriodically(now.plus(Duration.ofMillis(3)), Duration.ofMillis(4), probe.ref, tick)
      val everyUtc = scheduler.schedulePeriodically(UtcTime.now(clock), Duration.ofMillis(4), probe.ref, tick)

      clock.advance(Duration.ofMillis(3)) // deadline order, then schedule order
      val deadlines = (1 to 5).map(_ => probe.receiveMessage(10.seconds)).map {
        case SlotController.Tick(d) => d - t0
      }
      assertEquals(Seq(0L, 0L, 1000000L, 2000000L, 3000000L), deadlines)
      probe.expectNoMessage(200.millis)
      Seq(every, everyTai, everyUtc).foreach(_.cancel())
      val npe = assertThrows(classOf[NullPointerException],
        () => scheduler.scheduleOnce(now, probe.ref, null: TickMessage[SlotController.Tick]))
      assertEquals("message", npe.getMessage)
    } finally scheduler.close()
  }
}
