package io.obstime.scheduler.pekko.example

import io.obstime.clock.{TaiTime, UtcTime}
import io.obstime.scheduler.pekko.scaladsl.TaiBehaviors
import org.apache.pekko.actor.typed.scaladsl.Behaviors
import org.apache.pekko.actor.typed.{ActorRef, Behavior}

import scala.concurrent.duration._

/** A 1 kHz loop on the actor's own TAI timer, each tick knowing its TAI slot; an exposure that ends at a UTC instant. */
object ExposureLoop {
  sealed trait Command
  /** One tick of the loop, for the slot `deadlineTaiNanos` (ns since 1970-01-01T00:00:00 TAI). */
  final case class Tick(deadlineTaiNanos: Long) extends Command
  final case class EndExposureAt(at: UtcTime) extends Command
  case object EndExposure extends Command

  /** Tells `seconds` the slot of each tick at a whole TAI second, `events` when the exposure ends. */
  def apply(start: TaiTime, seconds: ActorRef[Long], events: ActorRef[String]): Behavior[Command] =
    TaiBehaviors.withTaiTimers[Command] { timers =>
      timers.startTimerAtFixedRateWithDeadline("loop", start, 1.milli, Tick(_))
      Behaviors.receiveMessage {
        case Tick(deadlineTaiNanos) =>
          // ... one step of the control loop, for that slot ...
          if (deadlineTaiNanos % 1000000000L == 0) seconds ! deadlineTaiNanos
          Behaviors.same
        case EndExposureAt(at) =>
          timers.startSingleTimer("exposure", at, EndExposure) // replaces an earlier one
          Behaviors.same
        case EndExposure =>
          events ! "exposure ended"
          timers.cancel("loop") // a tick already in the mailbox is not delivered
          Behaviors.same
      }
    }
}
