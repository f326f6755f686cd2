package io.obstime.scheduler.akka.example

import akka.actor.testkit.typed.scaladsl.ActorTestKit
import io.obstime.clock.{SimulatedTimeSource, TaiTime, UtcTime}
import io.obstime.scheduler.TickMessage
import io.obstime.scheduler.akka.AkkaTimeScheduler
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.TestInstance.Lifecycle
import org.junit.jupiter.api.{AfterAll, Test, TestInstance}

import java.time.Duration
import scala.concurrent.duration._

/** The TickMessage overloads of the Akka face, called from Scala with Akka's Scala testkit. */
@TestInstance(Lifecycle.PER_CLASS)
class AkkaTickMessageScalaTest {
  import AkkaTickMessageScalaTest._

  private val testKit = ActorTestKit()

  @AfterAll
  def shutdown(): Unit = testKit.shutdownTestKit()

  @Test
  def everyOverloadTakesATickMessageFromScala(): Unit = {
    val clock = SimulatedTimeSource.startingAt(UtcTime.ofEpochNanos(1800000000000000000L))
    val probe = testKit.createTestProbe[Command]()
    val scheduler = AkkaTimeScheduler.create(testKit.system, clock)
    try {
      val now = TaiTime.now(clock)
      val t0 = now.epochNanos()
      scheduler.scheduleOnce(now.plus(Duration.ofMillis(1)), probe.ref, TickMessage.of(Tick(_)))
      scheduler.scheduleOnce(UtcTime.now(clock).plus(Duration.ofMillis(2)), probe.ref, TickMessage.of(Tick(_)))
      val every = scheduler.schedulePeriodically(Duration.ofMillis(4), probe.ref, TickMessage.of(Tick(_)))
      val everyTai =
        scheduler.schedulePeriodically(now.plus(Duration.ofMillis(3)), Duration.ofMillis(4), probe.ref, TickMessage.of(Tick(_)))
      val everyUtc = scheduler.schedulePeriodically(UtcTime.now(clock), Duration.ofMillis(4), probe.ref, TickMessage.of(Tick(_)))

      clock.advance(Duration.ofMillis(3)) // deadline order, then schedule order
      val deadlines = (1 to 5).map(_ => probe.receiveMessage(10.seconds)).map { case Tick(d) => d - t0 }
      assertEquals(Seq(0L, 0L, 1000000L, 2000000L, 3000000L), deadlines)
      probe.expectNoMessage(200.millis)
      Seq(every, everyTai, everyUtc).foreach(_.cancel())
    } finally scheduler.close()
  }
}

object AkkaTickMessageScalaTest {
  sealed trait Command
  final case class Tick(taiDeadlineNanos: Long) extends Command
}
