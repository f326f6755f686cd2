package io.obstime.scheduler.pekko.example

import io.obstime.clock.{SimulatedTimeSource, TaiTime, UtcTime}
import io.obstime.scheduler.TimeScheduler
import io.obstime.scheduler.pekko.scaladsl.TaiBehaviors
import org.apache.pekko.actor.testkit.typed.scaladsl.ActorTestKit
import org.apache.pekko.actor.typed.scaladsl.Behaviors
import org.junit.jupiter.api.Assertions.{assertEquals, assertTrue}
import org.junit.jupiter.api.TestInstance.Lifecycle
import org.junit.jupiter.api.{AfterAll, Test, TestInstance}

import java.time.Duration
import scala.concurrent.duration._

/** Runs the README's Scala example of TAI timers inside an actor ([[ExposureLoop]]), and the Scala API on simulated time. */
@TestInstance(Lifecycle.PER_CLASS)
class ReadmeTimersScalaExampleTest {

  private val testKit = ActorTestKit()

  @AfterAll
  def shutdown(): Unit = testKit.shutdownTestKit()

  @Test
  def theLoopTicksOnTaiSlotsUntilTheExposureEndsAtItsUtcInstant(): Unit = {
    val seconds = testKit.createTestProbe[Long]()
    val events = testKit.createTestProbe[String]()
    val start = TaiTime.ofEpochNanos((TaiTime.now().epochNanos() / 1000000 + 100) * 1000000) // a whole millisecond

    val loop = testKit.spawn(ExposureLoop(start, seconds.ref, events.ref))

    val second = seconds.receiveMessage(20.seconds) // any whole TAI second: a late run may stand for a later slot
    assertEquals(0L, second % 1000000000L)
    assertTrue(second >= start.epochNanos(), "a slot of this loop")
    loop ! ExposureLoop.EndExposureAt(UtcTime.now().plus(Duration.ofMillis(50)))
    events.expectMessage(20.seconds, "exposure ended")
    seconds.expectNoMessage(1500.millis) // a whole TAI second passed: the loop is cancelled
  }

  @Test
  def onSimulatedTimeEveryTickCarriesItsExactSlotAndAOnceTimerFiresAtItsUtcInstant(): Unit = {
    val clock = SimulatedTimeSource.startingAt(UtcTime.parse("2026-11-29T12:00:00Z UTC"))
    val scheduler = TimeScheduler.standalone(clock)
    val start = TaiTime.now(clock).plus(Duration.ofMillis(1))
    val at = UtcTime.parse("2026-11-29T12:00:00.002500Z UTC")
    val out = testKit.createTestProbe[Any]()
    val started = testKit.createTestProbe[String]()
    val behavior = TaiBehaviors.withTaiTimersOn[Any](scheduler, { timers =>
      timers.startTimerAtFixedRateWithDeadline("k", start, 1.milli, ExposureLoop.Tick(_))
      timers.startSingleTimer("once", at, "once")
      started ! "started"
      Behaviors.receiveMessage[Any] { m => out ! m; Behaviors.same }
    })
    testKit.spawn(behavior)
    started.expectMessage(10.seconds, "started")

    clock.advance(Duration.ofMillis(3))

    val slots = (0 until 3).map(k => ExposureLoop.Tick(start.epochNanos() + k * 1000000L))
    assertEquals(Seq(slots(0), slots(1), "once", slots(2)), out.receiveMessages(4, 10.seconds))
    scheduler.close()
  }
}
