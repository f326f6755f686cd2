package io.obstime.bench.jitter;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.TimeUnit;

/**
 * A contender on Akka Typed 2.6: its own actor system with a chosen {@code akka.scheduler.tick-duration}, quiet
 * logging. Akka's scheduler is a timer wheel (LightArrayRevolverScheduler) on one thread named "...-scheduler-1" that
 * sleeps one tick at a time; deadlines are on {@link System#nanoTime()}, Akka's clock.
 */
abstract class AkkaContender extends JavaContender {

    /** Akka's default {@code akka.scheduler.tick-duration}. */
    static final int DEFAULT_TICK_MILLIS = 10;

    final int tickMillis;

    AkkaContender(int tickMillis) {
        this.tickMillis = tickMillis;
    }

    /** @return e.g. "tick1ms" */
    final String tickLabel() {
        return "tick" + tickMillis + "ms";
    }

    /** @return the tick setting, for descriptions */
    final String tickDescription() {
        return "akka.scheduler.tick-duration = " + tickMillis + " ms"
                + (tickMillis == DEFAULT_TICK_MILLIS ? " (Akka's default)" : "");
    }

    @Override
    final boolean isTimerThread(String threadName) {
        return threadName.contains("scheduler");
    }

    @Override
    final String runThreadRole() {
        return "dispatcher thread of the first run (not the scheduler thread; later runs may use others)";
    }

    /** @return a system whose scheduler ticks every {@link #tickMillis} (Akka's minimum is 1 ms) */
    final <T> ActorSystem<T> createSystem(Behavior<T> guardian) {
        Config config = ConfigFactory.parseString(""
                + "akka.scheduler.tick-duration = " + tickMillis + "ms\n"
                + "akka.loglevel = WARNING\n"
                + "akka.stdout-loglevel = WARNING\n"
                + "akka.log-dead-letters = off\n"
                + "akka.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n")
                .withFallback(ConfigFactory.load());
        return ActorSystem.create(guardian, "bench-" + name(), config);
    }

    static void terminate(ActorSystem<?> system) throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
