package io.obstime.scheduler.akka.internal;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.BehaviorInterceptor;
import akka.actor.typed.PostStop;
import akka.actor.typed.PreRestart;
import akka.actor.typed.Signal;
import akka.actor.typed.TypedActorContext;
import akka.actor.typed.javadsl.Behaviors;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.actor.ActorTimers;
import io.obstime.scheduler.akka.AkkaTimeScheduler;
import java.util.Objects;

/**
 * The Akka lines of the {@code TaiBehaviors.withTaiTimers} decorators (javadsl and scaladsl): a setup that makes the
 * actor's {@link ActorTimers}, and an interceptor that unwraps their messages, drops stale ones, and closes the timers
 * when the actor stops or restarts. The Pekko twin differs only in its imports. Internal, not API.
 */
public final class AkkaTaiTimers {

    /** The user's behavior factory, as each DSL's function type adapts to it. */
    @FunctionalInterface
    public interface Factory<T> {
        /**
         * @param timers the actor's timers
         * @return the behavior to decorate
         * @throws Exception whatever the user's factory throws (the actor fails as for {@code Behaviors.setup})
         */
        Behavior<T> apply(ActorTimers<T> timers) throws Exception;
    }

    /**
     * @param <T>       the actor's message type
     * @param scheduler the scheduler the timers run on; null for the actor system's ({@link AkkaTimeScheduler#get})
     * @param factory   makes the decorated behavior from the timers
     * @return the decorated behavior
     */
    public static <T> Behavior<T> withTaiTimers(TimeScheduler scheduler, Factory<T> factory) {
        Objects.requireNonNull(factory, "factory");
        return Behaviors.setup(context -> {
            TimeScheduler s = scheduler != null ? scheduler : AkkaTimeScheduler.get(context.getSystem());
            ActorRef<Object> self = context.getSelf().unsafeUpcast();
            ActorTimers<T> timers = new ActorTimers<>(s, context.getSelf(), self::tell);
            Behavior<T> inner;
            try {
                inner = factory.apply(timers);
            } catch (Exception | Error e) {
                timers.close(); // timers started before the failure must not outlive this incarnation
                throw e;
            }
            Behavior<Object> outer = Behaviors.intercept(() -> new Interceptor<>(timers), inner);
            return outer.narrow();
        });
    }

    /** Receives every message of the actor (Outer = Object): timer messages are unwrapped or dropped. */
    private static final class Interceptor<T> extends BehaviorInterceptor<Object, T> {
        private final ActorTimers<T> timers;

        Interceptor(ActorTimers<T> timers) {
            super(Object.class);
            this.timers = timers;
        }

        @Override
        public Behavior<T> aroundStart(TypedActorContext<Object> context, PreStartTarget<T> target) {
            return closedIfStopped(target.start(context));
        }

        @Override
        @SuppressWarnings("unchecked") // the actor's messages are its T, or timer messages that unwrap to T
        public Behavior<T> aroundReceive(TypedActorContext<Object> context, Object message, ReceiveTarget<T> target) {
            Object delivered = timers.unwrap(message);
            if (delivered == null) {
                return Behaviors.same();
            }
            return closedIfStopped(target.apply(context, (T) delivered));
        }

        @Override
        public Behavior<T> aroundSignal(TypedActorContext<Object> context, Signal signal, SignalTarget<T> target) {
            if (signal instanceof PreRestart || signal instanceof PostStop) {
                try {
                    return target.apply(context, signal);
                } finally {
                    timers.close();
                }
            }
            return closedIfStopped(target.apply(context, signal));
        }

        /** A behavior that stopped: PostStop goes to the stopped behavior, not through here, so close now. */
        private Behavior<T> closedIfStopped(Behavior<T> next) {
            if (!Behavior.isAlive(next)) {
                timers.close();
            }
            return next;
        }

        @Override
        public String toString() {
            return "TaiTimers.Interceptor[" + timers + "]";
        }
    }

    private AkkaTaiTimers() {}
}
