package io.obstime.bench.jitter;

import akka.actor.Cancellable;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Akka Typed 2.6 {@code system.scheduler().scheduleAtFixedRate(initialDelay, interval, runnable, executionContext)}
 * with the Runnable run on the default dispatcher (how Akka users schedule a Runnable). It catches up after a stall.
 */
final class AkkaFixedRateContender extends AkkaContender {

    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    AkkaFixedRateContender(int tickMillis) {
        super(tickMillis);
    }

    @Override
    public String name() {
        return "akka-fixed-rate-" + tickLabel();
    }

    @Override
    public String description() {
        return "Akka Typed 2.6.21 scheduler().scheduleAtFixedRate(Runnable) on the default dispatcher, "
                + tickDescription();
    }

    @Override
    Running start(LatenessRecorder recorder, long periodNanos) {
        ActorSystem<Void> system = createSystem(Behaviors.empty());
        // Once with a no-op first: the first call loads classes, which would otherwise pass between our reading of
        // the clock and Akka's, and shift its deadlines after ours.
        system.scheduler().scheduleAtFixedRate(Duration.ofHours(1), Duration.ofHours(1), () -> { },
                system.executionContext()).cancel();
        Runnable task = () -> recorder.onTick(System.nanoTime());
        long firstDeadlineNanos = System.nanoTime() + START_DELAY_NANOS;
        recorder.start(firstDeadlineNanos);
        Cancellable cancellable = system.scheduler().scheduleAtFixedRate(
                Duration.ofNanos(firstDeadlineNanos - System.nanoTime()), Duration.ofNanos(periodNanos), task,
                system.executionContext());
        return () -> {
            cancellable.cancel();
            terminate(system);
        };
    }
}
