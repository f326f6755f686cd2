package io.obstime.scheduler.akka.example;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.obstime.clock.TaiTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.akka.AkkaTimeScheduler;
import java.time.Duration;

/** A control loop that runs one step per tick and reports its tick count every 1000 ticks (1 s at 1 kHz). */
public final class Controller {

    public interface Command {}

    public enum Tick implements Command { INSTANCE }

    public static Behavior<Command> create(ActorRef<Long> report) {
        return Behaviors.setup(context -> {
            long[] ticks = {0};
            return Behaviors.receive(Command.class)
                    .onMessageEquals(Tick.INSTANCE, () -> {
                        ticks[0]++; // ... one step of the control loop ...
                        if (ticks[0] % 1000 == 0) {
                            report.tell(ticks[0]);
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    /** Ticks the controller at 1 kHz on TAI from {@code start}, until cancelled or the actor system stops. */
    public static ScheduledTask tickAt1kHz(
            AkkaTimeScheduler scheduler, ActorRef<Command> controller, TaiTime start) {
        return scheduler.schedulePeriodically(start, Duration.ofMillis(1), controller, Tick.INSTANCE);
    }

    private Controller() {}
}
