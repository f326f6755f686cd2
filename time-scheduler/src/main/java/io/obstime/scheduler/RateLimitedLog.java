package io.obstime.scheduler;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs the first occurrence of a repeated failure with its stack trace and then at most one summary line per
 * interval with the number of occurrences since the last line, so a failing 1 kHz task cannot flood the log. A burst
 * that stops is summarised too: the first occurrence held back puts the log on its {@link Pending} list, which the
 * scheduler's owner thread flushes at its wakes once the interval has passed. Only failure paths use it (it takes a
 * lock and allocates). Never throws: a logger that fails is ignored. Thread-safe.
 */
final class RateLimitedLog {

    /**
     * The logs of one scheduler that hold occurrences not yet reported. Any thread adds (a failure on an executor
     * thread too); the owner flushes.
     */
    static final class Pending {
        private final ConcurrentLinkedQueue<RateLimitedLog> logs = new ConcurrentLinkedQueue<>();
        private final LongSupplier monotonicNanos;

        /** @param monotonicNanos CLOCK_MONOTONIC, {@code System::nanoTime} but in tests */
        Pending(LongSupplier monotonicNanos) {
            this.monotonicNanos = monotonicNanos;
        }

        /**
         * Owner, at each wake: writes the summary of every held-back burst whose interval has passed. Allocates nothing
         * when nothing is held back (the tick path), and nothing of its own otherwise. First in, first out: a log whose
         * interval has not passed holds back the ones behind it, so a summary is at most one interval late.
         */
        void flushDue() {
            if (logs.isEmpty()) {
                return;
            }
            long nowMonotonicNanos = monotonicNanos.getAsLong();
            RateLimitedLog log;
            while ((log = logs.peek()) != null && log.flushIfDue(nowMonotonicNanos)) {
                logs.poll();
            }
        }

        private void add(RateLimitedLog log) {
            logs.add(log);
        }
    }

    private final Logger logger;
    private final long intervalNanos;
    private final Pending pending;
    private final LongSupplier monotonicNanos;
    /** Null for a log of failures; else what the amount of each {@link #occurrence} counts, e.g. "slots skipped". */
    private final String unit;
    /**
     * With a unit: whose occurrences the log counts when several subjects share it, e.g. "periodic tasks on timer
     * obstime-timer"; its summaries then name the latest occurrence's subject after the counts. Null for one subject.
     */
    private final String scope;
    private long lastLogMonotonicNanos;
    private long unlogged;
    private long unloggedAmount;
    private boolean loggedFirst;
    /** True while this log is on {@link #pending}. */
    private boolean queued;
    /** The latest occurrence held back, for the summary; cleared once reported (no failure kept alive for long). */
    private Object latestWhat;
    private Throwable latestFailure;

    /**
     * @param logger        where to log
     * @param intervalNanos the least time between two lines
     * @param pending       the list the owner flushes, or null if a held-back burst need only be reported when the
     *                      next occurrence comes after the interval
     */
    RateLimitedLog(Logger logger, long intervalNanos, Pending pending) {
        this(logger, intervalNanos, pending, null);
    }

    /**
     * @param unit null for a log of failures; else what the amount of each {@link #occurrence} counts, e.g.
     *             "slots skipped"
     */
    RateLimitedLog(Logger logger, long intervalNanos, Pending pending, String unit) {
        this(logger, intervalNanos, pending, unit, null);
    }

    /**
     * @param unit  what the amount of each {@link #occurrence} counts, e.g. "slots skipped"
     * @param scope null when one subject owns the log; else whose occurrences it sums, e.g. "periodic tasks on timer
     *              obstime-timer" (its summaries then name the latest subject)
     */
    RateLimitedLog(Logger logger, long intervalNanos, Pending pending, String unit, String scope) {
        this.logger = logger;
        this.intervalNanos = intervalNanos;
        this.pending = pending;
        this.monotonicNanos = pending != null ? pending.monotonicNanos : System::nanoTime;
        this.unit = unit;
        this.scope = scope;
    }

    RateLimitedLog(Logger logger, long intervalNanos) {
        this(logger, intervalNanos, null);
    }

    /**
     * @param what    what failed and what happens next, e.g. "Task X threw; its schedule continues"
     * @param failure the failure, or null when there is no exception to show
     */
    synchronized void failure(String what, Throwable failure) {
        try {
            report(what, failure, 1);
        } catch (Throwable logFailed) {
            // The logger (an appender, the failure's own getMessage()) threw, or memory ran out: whoever reports a
            // failure is itself containing one and must go on (the timer thread, an executor's run bookkeeping).
        }
    }

    /**
     * For a log made with a unit: one occurrence that counts {@code amount} of it. Allocates nothing and does not
     * call {@code what.toString()} unless a line is written (or, once per interval, the log is put on the pending
     * list).
     *
     * @param what   what happened, as text when logged, e.g. "Periodic task X fell behind its schedule"
     * @param amount how much of the unit this occurrence counts
     */
    synchronized void occurrence(Object what, long amount) {
        try {
            report(what, null, amount);
        } catch (Throwable logFailed) {
            // As in failure(): the owner thread must go on.
        }
    }

    private void report(Object what, Throwable failure, long amount) {
        long nowMonotonicNanos = monotonicNanos.getAsLong();
        if (!loggedFirst) {
            loggedFirst = true;
            lastLogMonotonicNanos = nowMonotonicNanos;
            if (unit == null) {
                logger.warn("{} (later failures are summarised at most once every {} ms)", what,
                        intervalNanos / 1_000_000, failure);
            } else if (scope == null) {
                logger.warn("{}: {} {} (later ones are summarised at most once every {} ms)", what, amount, unit,
                        intervalNanos / 1_000_000);
            } else {
                logger.warn("{}: {} {} (later ones of all {} are summarised at most once every {} ms)", what, amount, unit,
                        scope, intervalNanos / 1_000_000);
            }
            return;
        }
        unlogged++;
        unloggedAmount += amount;
        latestWhat = what;
        latestFailure = failure;
        if (nowMonotonicNanos - lastLogMonotonicNanos >= intervalNanos) {
            summarise(nowMonotonicNanos);
        } else if (pending != null && !queued) {
            queued = true;
            pending.add(this); // the burst may stop here: then the owner writes the summary
        }
    }

    /** @return true if this log can leave the pending list: its summary is written, or there is none to write */
    private synchronized boolean flushIfDue(long nowMonotonicNanos) {
        if (unlogged != 0 && nowMonotonicNanos - lastLogMonotonicNanos < intervalNanos) {
            return false;
        }
        queued = false;
        if (unlogged != 0) {
            try {
                summarise(nowMonotonicNanos);
            } catch (Throwable logFailed) {
                // As in failure(): the owner thread must go on.
            }
        }
        return true;
    }

    private void summarise(long nowMonotonicNanos) {
        long count = unlogged;
        long amount = unloggedAmount;
        Object what = latestWhat;
        Throwable failure = latestFailure;
        unlogged = 0; // first: a logger that throws must not make every later call retry the same line
        unloggedAmount = 0;
        latestWhat = null;
        latestFailure = null;
        lastLogMonotonicNanos = nowMonotonicNanos;
        if (unit != null && scope != null) {
            logger.warn("{} {} by {} since the last report, in {} events; latest: {}", amount, unit, scope, count, what);
        } else if (unit != null) {
            logger.warn("{}: {} {} since the last report, in {} events", what, amount, unit, count);
        } else if (failure == null) {
            logger.warn("{}: {} times since the last report", what, count);
        } else {
            logger.warn("{}: {} times since the last report, latest: {}", what, count, failure.toString());
        }
    }
}
