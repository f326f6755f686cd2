package io.obstime.bench.jitter;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;

/**
 * Akka Typed 2.6 {@code Behaviors.withTimers} + {@code timers.startTimerAtFixedRate(key, Tick, interval)}: the
 * idiomatic periodic message to an actor; the task runs in the actor when the Tick is processed. The first Tick is
 * due one interval after the timer starts (the deadlines are taken from just before it is started, after a
 * warm-up start so that class loading does not fall in between).
 */
final class AkkaTimersContender extends AkkaContender {

    private enum Tick {
        INSTANCE
    }

    AkkaTimersContender(int tickMillis) {
        super(tickMillis);
    }

    @Override
    public String name() {
        return "akka-timers-" + tickLabel();
    }

    @Override
    public String description() {
        return "Akka Typed 2.6.21 Behaviors.withTimers startTimerAtFixedRate to an actor, " + tickDescription();
    }

    @Override
    Running start(LatenessRecorder recorder, long periodNanos) {
        Behavior<Tick> ticker = Behaviors.withTimers(timers -> {
            // A timer started and cancelled first: the first start loads classes, which would otherwise pass
            // between our reading of the clock and Akka's, and shift its deadlines after ours.
            timers.startTimerAtFixedRate("warm-up", Tick.INSTANCE, Duration.ofHours(1));
            timers.cancel("warm-up");
            Duration interval = Duration.ofNanos(periodNanos);
            recorder.start(System.nanoTime() + periodNanos);
            timers.startTimerAtFixedRate(Tick.INSTANCE, Tick.INSTANCE, interval);
            return Behaviors.receiveMessage(tick -> {
                recorder.onTick(System.nanoTime());
                return Behaviors.same();
            });
        });
        ActorSystem<Tick> system = createSystem(ticker);
        return () -> terminate(system);
    }
}
