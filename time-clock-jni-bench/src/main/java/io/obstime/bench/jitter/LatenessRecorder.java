package io.obstime.bench.jitter;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Lateness of a periodic task's runs against its absolute deadlines {@code d(k) = firstDeadline + k·period}, in the
 * clock the contender schedules by (TAI for obstime, the monotonic clock for the JDK and Akka schedulers).
 *
 * <p>Accounting, the same for every contender whatever its missed-tick policy: a deadline is served by the first run
 * that starts at or after it. A run at {@code now} is matched to the oldest deadline not yet served, {@code d(e)}:
 * <ul>
 *   <li>{@code now >= d(e)}: it serves every deadline up to the latest one {@code d(j) <= now}. Its lateness
 *       {@code now − d(e)} is recorded with {@link Histogram#recordValueWithExpectedInterval} (HdrHistogram's
 *       coordinated-omission correction: the deadlines that passed meanwhile are recorded as served by this run, one
 *       period less late each), and the deadlines {@code e+1..j} count as <em>missed</em> (their period elapsed
 *       without a run of their own).</li>
 *   <li>{@code now < d(e)}: an <em>early</em> run, which serves nothing: a catch-up run after a stall (a fixed-rate
 *       scheduler that catches up) or a scheduler firing before its deadline. The deadline waits for the next run.
 *       Counting it as serving {@code d(e)} early would make the matching ambiguous (a run late by more than half
 *       a period would look early for the next deadline).</li>
 * </ul>
 *
 * <p>Only deadlines with index in {@code [warmupTicks, warmupTicks + measuredTicks)} are recorded. Runs are serialised
 * by the contender (a periodic task never overlaps itself); {@link #onTick} is {@code synchronized} anyway, uncontended,
 * so any thread may record and the main thread reads safely. Nothing is allocated per run (the first run reads its
 * thread's kernel id once, for the run-queue wait).
 */
final class LatenessRecorder {

    /** Lateness above this is clamped (and still counted): 10 s in nanoseconds. */
    static final long HIGHEST_TRACKABLE_NANOS = 10_000_000_000L;
    private static final long UNSET = Long.MIN_VALUE;

    private final long periodNanos;
    private final long windowStart;
    private final long windowEnd;
    private final LongSupplier clock;
    private final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
    private final CountDownLatch windowServed = new CountDownLatch(1);

    private long firstDeadlineNanos = UNSET;
    private long nextUnserved;
    private long runs;
    private long served;
    private long missed;
    private long early;
    private long minLatenessNanos = Long.MAX_VALUE;
    private long maxLatenessNanos = Long.MIN_VALUE;
    private Thread lastRunThread;
    private boolean tidRead;
    private long firstRunTid = -1;

    LatenessRecorder(LongSupplier clock, long periodNanos, long warmupTicks, long measuredTicks) {
        this.clock = clock;
        this.periodNanos = periodNanos;
        this.windowStart = warmupTicks;
        this.windowEnd = warmupTicks + measuredTicks;
    }

    /** @return the clock deadlines are kept in */
    LongSupplier clock() {
        return clock;
    }

    /** Sets {@code d(0)}, once, before the first run (from any thread). */
    synchronized void start(long firstDeadlineNanos) {
        if (this.firstDeadlineNanos != UNSET) {
            throw new IllegalStateException("first deadline already set to " + this.firstDeadlineNanos);
        }
        this.firstDeadlineNanos = firstDeadlineNanos;
    }

    synchronized boolean started() {
        return firstDeadlineNanos != UNSET;
    }

    /** @return {@code d(index)} in the recorder's clock */
    synchronized long deadlineNanos(long index) {
        if (firstDeadlineNanos == UNSET) {
            throw new IllegalStateException("not started");
        }
        return firstDeadlineNanos + index * periodNanos;
    }

    long windowStartIndex() {
        return windowStart;
    }

    long windowEndIndex() {
        return windowEnd;
    }

    /** The task body: call first thing in each run with the clock read at its start. */
    synchronized void onTick(long nowNanos) {
        runs++;
        lastRunThread = Thread.currentThread();
        if (!tidRead) { // once, at the first run (in the warm-up): it allocates
            tidRead = true;
            firstRunTid = ProcSched.currentTid();
        }
        if (firstDeadlineNanos == UNSET) {
            return;
        }
        long e = nextUnserved;
        long deadline = firstDeadlineNanos + e * periodNanos;
        if (nowNanos < deadline) {
            if (e >= windowStart && e < windowEnd) {
                early++;
                minLatenessNanos = Math.min(minLatenessNanos, nowNanos - deadline);
            }
            return;
        }
        long j = (nowNanos - firstDeadlineNanos) / periodNanos;
        long first = Math.max(e, windowStart);
        long last = Math.min(j, windowEnd - 1);
        if (first <= last) {
            long latenessNanos = nowNanos - (firstDeadlineNanos + first * periodNanos);
            histogram.recordValueWithExpectedInterval(Math.min(latenessNanos, HIGHEST_TRACKABLE_NANOS), periodNanos);
            served++;
            missed += last - first;
            minLatenessNanos = Math.min(minLatenessNanos, latenessNanos);
            maxLatenessNanos = Math.max(maxLatenessNanos, latenessNanos);
        }
        advanceTo(j + 1);
    }

    private void advanceTo(long next) {
        nextUnserved = next;
        if (next >= windowEnd) {
            windowServed.countDown();
        }
    }

    /**
     * Waits until every deadline of the window has been served (or passed over).
     *
     * @return false on timeout: the deadlines not served by then count as missed
     */
    boolean awaitWindowServed(long timeoutNanos) throws InterruptedException {
        return windowServed.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** @return the thread of the latest run (the thread the task runs on), or null before the first run */
    synchronized Thread lastRunThread() {
        return lastRunThread;
    }

    /** @return the kernel thread id of the thread of the first run, -1 before it or when unknown */
    synchronized long firstRunTid() {
        return firstRunTid;
    }

    /** @return a copy of the counts and histogram (call after the contender stopped, or while it runs) */
    synchronized Snapshot snapshot() {
        long unserved = Math.max(0, windowEnd - Math.max(nextUnserved, windowStart));
        return new Snapshot(histogram.copy(), windowEnd - windowStart, runs, served, missed + unserved, early,
                minLatenessNanos == Long.MAX_VALUE ? 0 : minLatenessNanos,
                maxLatenessNanos == Long.MIN_VALUE ? 0 : maxLatenessNanos);
    }

    /**
     * The counts of the measured window.
     *
     * @param histogram lateness in nanoseconds, corrected for coordinated omission
     * @param deadlines deadlines in the window
     * @param runs every run of the task, warm-up included
     * @param served deadlines served by a run of their own
     * @param missed deadlines whose period elapsed without a run (never served counts too)
     * @param early runs before the oldest unserved deadline, which serve nothing (catch-up or early firing)
     * @param minLatenessNanos lowest {@code now − d(e)} seen, early runs included (negative: the earliest run)
     * @param maxLatenessNanos highest lateness measured
     */
    record Snapshot(Histogram histogram, long deadlines, long runs, long served, long missed, long early,
            long minLatenessNanos, long maxLatenessNanos) {
    }
}
