package io.obstime.scheduler;

import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import java.time.Duration;

/**
 * Runs once-only and periodic tasks at TAI instants. (Contract drafted by the lead; the scheduler's owner completes
 * the Javadoc and may add methods, but keeps these signatures.)
 */
public interface TimeScheduler extends AutoCloseable {

    Cancellable scheduleOnce(TaiTime at, Runnable task);

    Cancellable scheduleOnce(UtcTime at, Runnable task);

    Cancellable schedulePeriodically(Duration period, Runnable task);

    Cancellable schedulePeriodically(TaiTime start, Duration period, Runnable task);

    Cancellable schedulePeriodically(UtcTime start, Duration period, Runnable task);

    /** Stops the timer thread; nothing runs after this returns. Idempotent. */
    @Override
    void close();

    static TimeScheduler standalone(TimeSource timeSource) {
        throw new UnsupportedOperationException("to be written by the scheduler's owner");
    }
}
