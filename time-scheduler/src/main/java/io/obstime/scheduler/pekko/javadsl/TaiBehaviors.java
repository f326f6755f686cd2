package io.obstime.scheduler.pekko.javadsl;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.japi.function.Function;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.pekko.PekkoTimeScheduler;
import io.obstime.scheduler.pekko.internal.PekkoTaiTimers;
import io.obstime.scheduler.javadsl.TaiTimerScheduler;
import java.util.Objects;

/**
 * Behavior decorators for Apache Pekko 1.x, Java API: {@link #withTaiTimers(Function)} gives an actor its own keyed
 * TAI timers, as {@code org.apache.pekko.actor.typed.javadsl.Behaviors.withTimers} gives it timers on the actor
 * system's scheduler.
 *
 * <pre>{@code
 * Behavior<Command> behavior = TaiBehaviors.withTaiTimers(timers -> {
 *     timers.startTimerAtFixedRateWithDeadline("loop", start, Duration.ofMillis(1), Tick::new); // Tick(long)
 *     return Behaviors.receive(Command.class).onMessage(Tick.class, tick -> ...).build();
 * });
 * }</pre>
 *
 * <p>{@link TaiTimerScheduler} gives the semantics (keys, stale messages, TAI and UTC instants, message factories).
 * The timers run on the actor system's
 * {@link PekkoTimeScheduler#get(org.apache.pekko.actor.typed.ActorSystem) shared scheduler} (an Extension: one
 * timer thread per system, configured by {@code obstime.scheduler}) unless a scheduler is given, say one on a
 * {@code SimulatedTimeSource} for tests. Each start of the decorated behavior (the first, and each
 * restart by supervision) gets new, empty timers; the old ones are cancelled when the actor restarts or stops. The
 * Scala API is {@code io.obstime.scheduler.pekko.scaladsl.TaiBehaviors}; the Akka twin is
 * {@code io.obstime.scheduler.akka.javadsl.TaiBehaviors}.
 */
public final class TaiBehaviors {

    /**
     * Decorates the behavior made by {@code factory} with the actor's own TAI timers, on the actor system's shared
     * scheduler.
     *
     * @param <T>     the actor's message type
     * @param factory makes the behavior from the timers; runs at each start of the actor, as {@code Behaviors.setup}
     * @return the decorated behavior
     * @throws NullPointerException if {@code factory} is null
     */
    public static <T> Behavior<T> withTaiTimers(Function<TaiTimerScheduler<T>, Behavior<T>> factory) {
        Objects.requireNonNull(factory, "factory");
        return PekkoTaiTimers.withTaiTimers(null, factory::apply);
    }

    /**
     * As {@link #withTaiTimers(Function)}, with the timers on {@code scheduler}. (Not an overload of
     * {@code withTaiTimers}: the Scala API has the same two names, since Scala infers a function literal's parameter
     * type only for a method that is not overloaded.)
     *
     * @param <T>       the actor's message type
     * @param scheduler the scheduler the timers run on (an {@link PekkoTimeScheduler}, or any {@link TimeScheduler})
     * @param factory   makes the behavior from the timers; runs at each start of the actor
     * @return the decorated behavior
     * @throws NullPointerException if an argument is null
     */
    public static <T> Behavior<T> withTaiTimersOn(
            TimeScheduler scheduler, Function<TaiTimerScheduler<T>, Behavior<T>> factory) {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(factory, "factory");
        return PekkoTaiTimers.withTaiTimers(scheduler, factory::apply);
    }

    private TaiBehaviors() {}
}
