package io.obstime.bench.jitter;

import org.HdrHistogram.Histogram;

/**
 * {@link LatenessRecorder}'s accounting for N periodic tasks on one timer, into one histogram: task {@code i} has
 * slots {@code d(i, k) = firstDeadline(i) + k·period}; each run serves its task's oldest unserved slot and every later
 * one up to the run (those count as missed), its lateness against that oldest slot recorded with HdrHistogram's
 * coordinated-omission correction; a run before the oldest unserved slot is early and serves nothing. Only slots with
 * index in {@code [warmupTicks, warmupTicks + measuredTicks)} are recorded. One histogram for all tasks (a histogram
 * per task would cost 200 kB each); {@link #onTick} is {@code synchronized} (timers that run tasks on several
 * threads contend on it: that is part of what they cost) and allocates nothing (but once, at the first run, which
 * reads its thread's kernel id for the run-queue wait).
 */
final class MultiTaskRecorder {

    private final long periodNanos;
    private final long windowStart;
    private final long windowEnd;
    private final long[] firstDeadlineNanos;
    private final long[] nextUnserved;
    private final Histogram histogram = new Histogram(LatenessRecorder.HIGHEST_TRACKABLE_NANOS, 3);
    private long runs;
    private long served;
    private long missed;
    private long early;
    private boolean tidRead;
    private long firstRunTid = -1;

    MultiTaskRecorder(long[] firstDeadlineNanos, long periodNanos, long warmupTicks, long measuredTicks) {
        this.firstDeadlineNanos = firstDeadlineNanos.clone();
        this.nextUnserved = new long[firstDeadlineNanos.length];
        this.periodNanos = periodNanos;
        this.windowStart = warmupTicks;
        this.windowEnd = warmupTicks + measuredTicks;
    }

    /** One run of task {@code task}, with the clock read at its start. */
    synchronized void onTick(int task, long nowNanos) {
        runs++;
        if (!tidRead) { // once, at the first run (in the warm-up): it allocates
            tidRead = true;
            firstRunTid = ProcSched.currentTid();
        }
        long first = firstDeadlineNanos[task];
        long e = nextUnserved[task];
        long deadline = first + e * periodNanos;
        if (nowNanos < deadline) {
            if (e >= windowStart && e < windowEnd) {
                early++;
            }
            return;
        }
        long j = (nowNanos - first) / periodNanos;
        long from = Math.max(e, windowStart);
        long to = Math.min(j, windowEnd - 1);
        if (from <= to) {
            long latenessNanos = nowNanos - (first + from * periodNanos);
            histogram.recordValueWithExpectedInterval(Math.min(latenessNanos, LatenessRecorder.HIGHEST_TRACKABLE_NANOS),
                    periodNanos);
            served++;
            missed += to - from;
        }
        nextUnserved[task] = j + 1;
    }

    /** @return the kernel thread id of the thread of the first run, -1 before it or when unknown */
    synchronized long firstRunTid() {
        return firstRunTid;
    }

    /**
     * @return counts so far; slots of the window not yet served count as missed
     */
    synchronized Snapshot snapshot() {
        long unserved = 0;
        for (long next : nextUnserved) {
            unserved += Math.max(0, windowEnd - Math.max(next, windowStart));
        }
        return new Snapshot(histogram.copy(), (windowEnd - windowStart) * nextUnserved.length, runs, served,
                missed + unserved, early);
    }

    /**
     * @param histogram lateness (ns), all tasks
     * @param deadlines slots in the window, all tasks
     * @param runs every run, warm-up included
     * @param served slots served by a run of their own
     * @param missed slots whose period elapsed without a run
     * @param early runs that served nothing
     */
    record Snapshot(Histogram histogram, long deadlines, long runs, long served, long missed, long early) {
    }
}
