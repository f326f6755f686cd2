package io.obstime.scheduler.pekko.example

import io.obstime.clock.{TaiTime, TimeSource}
import io.obstime.scheduler.{ScheduledTask, TickMessage}
import io.obstime.scheduler.pekko.PekkoTimeScheduler
import org.apache.pekko.actor.typed.scaladsl.Behaviors
import org.apache.pekko.actor.typed.{ActorRef, Behavior}

import scala.concurrent.duration._
import scala.jdk.DurationConverters._

/** A control loop whose ticks carry their TAI slot: each step knows which slot it is for and how late it runs. */
object SlotController {
  sealed trait Command
  /** One tick: the TAI deadline of its slot, nanoseconds since 1970-01-01T00:00:00 TAI. */
  final case class Tick(taiDeadlineNanos: Long) extends Command

  /** What one step reports: its slot and how late (ns) the actor handled it. */
  final case class Step(slot: TaiTime, lateNanos: Long)

  def apply(clock: TimeSource, steps: ActorRef[Step]): Behavior[Command] =
    Behaviors.receiveMessage { case Tick(deadline) =>
      val lateNanos = clock.taiNanos() - deadline
      // ... one step of the control loop for this slot ...
      steps ! Step(TaiTime.ofEpochNanos(deadline), lateNanos)
      Behaviors.same
    }

  /** Ticks the controller at 1 kHz on TAI from `start`; each tick is a new Tick of its slot. */
  def tickAt1kHz(scheduler: PekkoTimeScheduler, controller: ActorRef[Command], start: TaiTime): ScheduledTask =
    scheduler.schedulePeriodically(start, 1.millis.toJava, controller, TickMessage.of(Tick(_)))
}
