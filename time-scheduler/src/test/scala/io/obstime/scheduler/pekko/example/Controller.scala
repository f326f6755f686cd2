package io.obstime.scheduler.pekko.example

import io.obstime.clock.TaiTime
import io.obstime.scheduler.ScheduledTask
import io.obstime.scheduler.pekko.PekkoTimeScheduler
import org.apache.pekko.actor.typed.scaladsl.Behaviors
import org.apache.pekko.actor.typed.{ActorRef, Behavior}

import scala.concurrent.duration._
import scala.jdk.DurationConverters._

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

  /** Ticks the controller at 1 kHz on TAI from `start`, until cancelled or the actor system stops. */
  def tickAt1kHz(scheduler: PekkoTimeScheduler, controller: ActorRef[Command], start: TaiTime): ScheduledTask =
    scheduler.schedulePeriodically(start, 1.millis.toJava, controller, Tick)
}
