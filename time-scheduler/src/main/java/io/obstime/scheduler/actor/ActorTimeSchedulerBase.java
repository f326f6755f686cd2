package io.obstime.scheduler.actor;

import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.TimeSchedulerSettings;
import io.obstime.scheduler.TimerThreadScheduling;
import io.obstime.scheduler.config.ConfigSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one implementation behind the Akka and Pekko faces: a {@link TimeScheduler} built from an actor system's config
 * (section {@code obstime.scheduler}), running {@link Runnable} tasks on one of its dispatchers unless
 * {@code run-inline = on} (message deliveries always run on the timer thread), and closed when the system shuts down.
 * Every {@code TimeScheduler} method delegates to one engine
 * ({@link TimeScheduler#standalone(TimeSource, TimeSchedulerSettings)}), whose documentation describes the semantics.
 * Internal, not API: the faces' own classes are what users see. Thread-safe.
 */
public abstract class ActorTimeSchedulerBase implements TimeScheduler {

    private final TimeScheduler engine;
    private final Closer closer;
    private final Runnable removeShutdownHooks;

    /**
     * @param system     the actor system, through its face's binding
     * @param timeSource the clock to follow
     * @throws NullPointerException                         if {@code timeSource} is null
     * @throws IllegalStateException                        if the actor system is shutting down or terminated
     * @throws com.typesafe.config.ConfigException.BadValue if a setting under {@code obstime.scheduler} is invalid
     */
    protected ActorTimeSchedulerBase(ActorSystemBinding system, TimeSource timeSource) {
        Objects.requireNonNull(timeSource, "timeSource");
        if (system.isShuttingDown()) {
            throw new IllegalStateException("actor system " + system.name()
                    + " is shutting down or terminated: a scheduler created now would never run anything");
        }
        ConfigSettings config = ConfigSettings.fromConfig(system.config());
        TimeSchedulerSettings settings = config.settings().withTimerThreadName("obstime-timer-" + system.name());
        if (!config.runInline()) {
            settings = settings.withExecutor(executor(system, config));
        }
        this.engine = TimeScheduler.standalone(timeSource, settings);
        this.closer = new Closer(engine);
        try {
            this.removeShutdownHooks = system.onShutdown(closer);
        } catch (RuntimeException e) { // the system began terminating after the check above: no orphan timer thread
            engine.close();
            throw e;
        }
    }

    private static Executor executor(ActorSystemBinding system, ConfigSettings config) {
        if (config.dispatcher().isEmpty()) {
            return system.defaultDispatcher();
        }
        try {
            return system.dispatcher(config.dispatcher());
        } catch (RuntimeException e) {
            throw ConfigSettings.unknownDispatcher(system.config(), e);
        }
    }

    @Override
    public final ScheduledTask scheduleOnce(TaiTime at, Runnable task) {
        return engine.scheduleOnce(at, task);
    }

    @Override
    public final ScheduledTask scheduleOnce(UtcTime at, Runnable task) {
        return engine.scheduleOnce(at, task);
    }

    @Override
    public final ScheduledTask schedulePeriodically(Duration period, Runnable task) {
        return engine.schedulePeriodically(period, task);
    }

    @Override
    public final ScheduledTask schedulePeriodically(TaiTime start, Duration period, Runnable task) {
        return engine.schedulePeriodically(start, period, task);
    }

    @Override
    public final ScheduledTask schedulePeriodically(UtcTime start, Duration period, Runnable task) {
        return engine.schedulePeriodically(start, period, task);
    }

    @Override
    public final ScheduledTask scheduleOnceAtTaiNanos(long deadlineTaiNanos, Runnable task) {
        return engine.scheduleOnceAtTaiNanos(deadlineTaiNanos, task);
    }

    @Override
    public final ScheduledTask schedulePeriodicallyAtTaiNanos(long startTaiNanos, long periodNanos, Runnable task) {
        return engine.schedulePeriodicallyAtTaiNanos(startTaiNanos, periodNanos, task);
    }

    @Override
    public final TimeSource timeSource() {
        return engine.timeSource();
    }

    /**
     * @return the settings read from the actor system's {@code obstime.scheduler} config, with the dispatcher as
     *         executor (none when {@code run-inline = on}) and the timer thread named {@code obstime-timer-<system>}
     */
    @Override
    public final TimeSchedulerSettings settings() {
        return engine.settings();
    }

    @Override
    public final boolean isClosed() {
        return engine.isClosed();
    }

    @Override
    public final Optional<TimerThreadScheduling> timerThreadScheduling() {
        return engine.timerThreadScheduling();
    }

    /**
     * Stops the scheduler as {@link TimeScheduler#close()} does and removes its coordinated-shutdown task. Idempotent;
     * called by the actor system's shutdown too.
     */
    @Override
    public final void close() {
        closer.run();
        removeShutdownHooks.run();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + engine.settings().timerThreadName()
                + (engine.isClosed() ? ", closed]" : "]");
    }

    /**
     * Closes the engine once. The actor system's termination callback holds this, not the face: after close it keeps
     * no engine reachable, so a system that outlives many schedulers does not keep them all.
     */
    private static final class Closer implements Runnable {
        private final AtomicReference<TimeScheduler> engine;

        Closer(TimeScheduler engine) {
            this.engine = new AtomicReference<>(engine);
        }

        @Override
        public void run() {
            TimeScheduler e = engine.getAndSet(null);
            if (e != null) {
                e.close();
            }
        }
    }
}
