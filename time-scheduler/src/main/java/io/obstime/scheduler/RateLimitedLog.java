package io.obstime.scheduler;

import org.slf4j.Logger;

/**
 * Logs the first occurrence of a repeated failure with its stack trace and then at most one summary line per
 * interval with the number of occurrences since the last line, so a failing 1 kHz task cannot flood the log. Only
 * failure paths use it (it takes a lock and allocates). Never throws: a logger that fails is ignored. Thread-safe.
 */
final class RateLimitedLog {

    private final Logger logger;
    private final long intervalNanos;
    private long lastLogMonotonicNanos;
    private long unlogged;
    private boolean loggedFirst;

    RateLimitedLog(Logger logger, long intervalNanos) {
        this.logger = logger;
        this.intervalNanos = intervalNanos;
    }

    /**
     * @param what    what failed and what happens next, e.g. "Task X threw; its schedule continues"
     * @param failure the failure, or null when there is no exception to show
     */
    synchronized void failure(String what, Throwable failure) {
        try {
            report(what, failure);
        } catch (Throwable logFailed) {
            // The logger (an appender, the failure's own getMessage()) threw, or memory ran out: whoever reports a
            // failure is itself containing one and must go on (the timer thread, an executor's run bookkeeping).
        }
    }

    private void report(String what, Throwable failure) {
        long nowMonotonicNanos = System.nanoTime();
        if (!loggedFirst) {
            loggedFirst = true;
            lastLogMonotonicNanos = nowMonotonicNanos;
            logger.warn("{} (later failures are summarised at most once every {} ms)", what,
                    intervalNanos / 1_000_000, failure);
            return;
        }
        unlogged++;
        if (nowMonotonicNanos - lastLogMonotonicNanos >= intervalNanos) {
            logger.warn("{}: {} times since the last report, latest: {}", what, unlogged, String.valueOf(failure));
            unlogged = 0;
            lastLogMonotonicNanos = nowMonotonicNanos;
        }
    }
}
