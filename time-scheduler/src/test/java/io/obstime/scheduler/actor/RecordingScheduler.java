package io.obstime.scheduler.actor;

import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.TimeSchedulerSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link TimeScheduler} that keeps every task it hands out, so tests can see what timers left behind. */
public final class RecordingScheduler implements TimeScheduler {

    private final TimeScheduler engine;
    /** Every task handed out, in order. */
    public final List<ScheduledTask> tasks = new CopyOnWriteArrayList<>();

    /** @param engine the scheduler that does the work */
    public RecordingScheduler(TimeScheduler engine) {
        this.engine = engine;
    }

    private ScheduledTask kept(ScheduledTask task) {
        tasks.add(task);
        return task;
    }

    @Override
    public ScheduledTask scheduleOnce(TaiTime at, Runnable task) {
        return kept(engine.scheduleOnce(at, task));
    }

    @Override
    public ScheduledTask scheduleOnce(UtcTime at, Runnable task) {
        return kept(engine.scheduleOnce(at, task));
    }

    @Override
    public ScheduledTask schedulePeriodically(Duration period, Runnable task) {
        return kept(engine.schedulePeriodically(period, task));
    }

    @Override
    public ScheduledTask schedulePeriodically(TaiTime start, Duration period, Runnable task) {
        return kept(engine.schedulePeriodically(start, period, task));
    }

    @Override
    public ScheduledTask schedulePeriodically(UtcTime start, Duration period, Runnable task) {
        return kept(engine.schedulePeriodically(start, period, task));
    }

    @Override
    public ScheduledTask scheduleOnceAtTaiNanos(long deadlineTaiNanos, Runnable task) {
        return kept(engine.scheduleOnceAtTaiNanos(deadlineTaiNanos, task));
    }

    @Override
    public ScheduledTask schedulePeriodicallyAtTaiNanos(long startTaiNanos, long periodNanos, Runnable task) {
        return kept(engine.schedulePeriodicallyAtTaiNanos(startTaiNanos, periodNanos, task));
    }

    @Override
    public TimeSource timeSource() {
        return engine.timeSource();
    }

    @Override
    public TimeSchedulerSettings settings() {
        return engine.settings();
    }

    @Override
    public boolean isClosed() {
        return engine.isClosed();
    }

    @Override
    public void close() {
        engine.close();
    }
}
