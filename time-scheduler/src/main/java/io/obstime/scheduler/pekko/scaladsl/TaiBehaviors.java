package io.obstime.scheduler.pekko.scaladsl;

import org.apache.pekko.actor.typed.Behavior;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.pekko.PekkoTimeScheduler;
import io.obstime.scheduler.pekko.internal.PekkoTaiTimers;
import io.obstime.scheduler.scaladsl.TaiTimerScheduler;
import java.util.Objects;
import scala.Function1;

/**
 * Behavior decorators for Apache Pekko 1.x, Scala API: {@link #withTaiTimers(Function1)} gives an actor its own keyed
 * TAI timers, as {@code org.apache.pekko.actor.typed.scaladsl.Behaviors.withTimers} gives it timers on the actor
 * system's scheduler.
 *
 * <pre>{@code
 * TaiBehaviors.withTaiTimers[Command] { timers =>
 *   timers.startTimerAtFixedRateWithDeadline("loop", start, 1.milli, Tick(_)) // Tick(deadlineTaiNanos: Long)
 *   Behaviors.receiveMessage { case Tick(deadlineTaiNanos) => ... }
 * }
 * }</pre>
 *
 * <p>{@link TaiTimerScheduler} gives the semantics. The timers run on the actor system's
 * {@link PekkoTimeScheduler#get(org.apache.pekko.actor.typed.ActorSystem) shared scheduler} unless a scheduler is
 * given. Each start of the decorated behavior (the first, and each restart by supervision) gets new, empty timers;
 * the old ones are cancelled when the actor restarts or stops. The Java API is
 * {@code io.obstime.scheduler.pekko.javadsl.TaiBehaviors};
 * the Akka twin is {@code io.obstime.scheduler.akka.scaladsl.TaiBehaviors}.
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
    public static <T> Behavior<T> withTaiTimers(Function1<TaiTimerScheduler<T>, Behavior<T>> factory) {
        Objects.requireNonNull(factory, "factory");
        return PekkoTaiTimers.withTaiTimers(null, factory::apply);
    }

    /**
     * As {@link #withTaiTimers(Function1)}, with the timers on {@code scheduler}. (Not an overload of
     * {@code withTaiTimers}: Scala infers a function literal's parameter type only for a method that is not
     * overloaded.)
     *
     * @param <T>       the actor's message type
     * @param scheduler the scheduler the timers run on (an {@link PekkoTimeScheduler}, or any {@link TimeScheduler})
     * @param factory   makes the behavior from the timers; runs at each start of the actor
     * @return the decorated behavior
     * @throws NullPointerException if an argument is null
     */
    public static <T> Behavior<T> withTaiTimersOn(
            TimeScheduler scheduler, Function1<TaiTimerScheduler<T>, Behavior<T>> factory) {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(factory, "factory");
        return PekkoTaiTimers.withTaiTimers(scheduler, factory::apply);
    }

    private TaiBehaviors() {}
}
