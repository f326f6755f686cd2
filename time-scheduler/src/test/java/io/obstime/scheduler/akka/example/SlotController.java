package io.obstime.scheduler.akka.example;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TickMessage;
import io.obstime.scheduler.akka.AkkaTimeScheduler;
import java.time.Duration;

/** A control loop whose ticks carry their TAI slot: each step knows which slot it is for and how late it runs. */
public final class SlotController {

    public interface Command {}

    /** One tick: the TAI deadline of its slot, nanoseconds since 1970-01-01T00:00:00 TAI. */
    public record Tick(long taiDeadlineNanos) implements Command {}

    /** What one step reports: its slot and how late (ns) the actor handled it. */
    public record Step(TaiTime slot, long lateNanos) {}

    public static Behavior<Command> create(TimeSource clock, ActorRef<Step> steps) {
        return Behaviors.receive(Command.class)
                .onMessage(Tick.class, tick -> {
                    long lateNanos = clock.taiNanos() - tick.taiDeadlineNanos();
                    // ... one step of the control loop for this slot ...
                    steps.tell(new Step(TaiTime.ofEpochNanos(tick.taiDeadlineNanos()), lateNanos));
                    return Behaviors.same();
                })
                .build();
    }

    /** Ticks the controller at 1 kHz on TAI from {@code start}; each tick is a new Tick of its slot. */
    public static ScheduledTask tickAt1kHz(
            AkkaTimeScheduler scheduler, ActorRef<Command> controller, TaiTime start) {
        return scheduler.schedulePeriodically(start, Duration.ofMillis(1), controller, TickMessage.of(Tick::new));
    }

    private SlotController() {}
}
