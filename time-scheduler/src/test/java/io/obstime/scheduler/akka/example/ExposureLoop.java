package io.obstime.scheduler.akka.example;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.obstime.clock.TaiTime;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.akka.javadsl.TaiBehaviors;
import java.time.Duration;

/** A 1 kHz loop on the actor's own TAI timer, each tick knowing its TAI slot; an exposure that ends at a UTC instant. */
public final class ExposureLoop {

    public interface Command {}

    /** One tick of the loop, for the slot {@code deadlineTaiNanos} (ns since 1970-01-01T00:00:00 TAI). */
    public record Tick(long deadlineTaiNanos) implements Command {}

    public record EndExposureAt(UtcTime at) implements Command {}

    public enum EndExposure implements Command { INSTANCE }

    /** Tells {@code seconds} the slot of each tick at a whole TAI second, {@code events} when the exposure ends. */
    public static Behavior<Command> create(TaiTime start, ActorRef<Long> seconds, ActorRef<String> events) {
        return TaiBehaviors.withTaiTimers(timers -> {
            timers.startTimerAtFixedRateWithDeadline("loop", start, Duration.ofMillis(1), Tick::new);
            return Behaviors.receive(Command.class)
                    .onMessage(Tick.class, tick -> {
                        // ... one step of the control loop, for the slot tick.deadlineTaiNanos() ...
                        if (tick.deadlineTaiNanos() % 1_000_000_000L == 0) {
                            seconds.tell(tick.deadlineTaiNanos());
                        }
                        return Behaviors.same();
                    })
                    .onMessage(EndExposureAt.class, end -> {
                        timers.startSingleTimer("exposure", end.at(), EndExposure.INSTANCE); // replaces an earlier one
                        return Behaviors.same();
                    })
                    .onMessageEquals(EndExposure.INSTANCE, () -> {
                        events.tell("exposure ended");
                        timers.cancel("loop"); // a tick already in the mailbox is not delivered
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private ExposureLoop() {}
}
