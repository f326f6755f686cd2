package io.obstime.scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One task's lateness record: a fixed log-linear histogram of nanoseconds (HdrHistogram's bucket layout: 128 exact
 * values, then 64 buckets per power of two, so a value is known to within 1/64 of itself, 1.6 %), plus the exact
 * maximum and the skipped ticks. Sized once for its range and never resized: recording allocates nothing.
 *
 * <p>Single writer (the scheduler's owner thread: the timer thread, or the thread driving simulated time, with
 * happens-before between successive owners), any number of readers, no lock. A sequence lock:
 * <ul>
 *   <li>writer: {@code version} set odd (opaque), then a store-store fence, so no count changes before the odd
 *       version is visible;</li>
 *   <li>writer: counts, maximum and totals written with opaque stores (whole longs, never torn);</li>
 *   <li>writer: {@code version} set even with release, so every store before it is visible to a reader that reads
 *       that even version with acquire;</li>
 *   <li>reader: {@code version} read with acquire, the counts copied (opaque), a load-load fence so the copy is read
 *       before the version is read again; equal even versions mean no write overlapped the copy, else it retries.</li>
 * </ul>
 */
final class LatenessHistogram {

    private static final int SUB_BUCKET_BITS = 7;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;       // 128 exact values: 0-127 ns
    private static final int HALF = SUB_BUCKETS >>> 1;                 // 64 buckets per power of two above

    private static final VarHandle VERSION;
    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle MAX;
    private static final VarHandle RUNS;
    private static final VarHandle SKIPPED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            VERSION = lookup.findVarHandle(LatenessHistogram.class, "version", long.class);
            MAX = lookup.findVarHandle(LatenessHistogram.class, "maxNanos", long.class);
            RUNS = lookup.findVarHandle(LatenessHistogram.class, "runs", long.class);
            SKIPPED = lookup.findVarHandle(LatenessHistogram.class, "skipped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long highestTrackableNanos;
    private final long[] counts;
    @SuppressWarnings("unused") private long version;  // VERSION: odd while the writer writes
    @SuppressWarnings("unused") private long maxNanos; // MAX
    @SuppressWarnings("unused") private long runs;     // RUNS
    @SuppressWarnings("unused") private long skipped;  // SKIPPED

    /**
     * @param highestTrackableNanos the largest lateness kept to 1.6 %; a larger one is counted in the top bucket (its
     *                              exact value still sets the maximum); at least 1
     */
    LatenessHistogram(long highestTrackableNanos) {
        this.highestTrackableNanos = highestTrackableNanos;
        this.counts = new long[index(highestTrackableNanos) + 1];
    }

    /** @return the bucket of {@code nanos} (0 &le; nanos) */
    static int index(long nanos) {
        if (nanos < SUB_BUCKETS) {
            return (int) nanos;
        }
        int shift = 63 - Long.numberOfLeadingZeros(nanos) - SUB_BUCKET_BITS + 1;
        return SUB_BUCKETS + (shift - 1) * HALF + (int) ((nanos >>> shift) - HALF);
    }

    /** @return the largest value that falls in bucket {@code index} */
    static long highestInBucket(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int k = index - SUB_BUCKETS;
        int shift = k / HALF + 1;
        long lowest = (long) (k % HALF + HALF) << shift;
        return lowest + (1L << shift) - 1;
    }

    /** Owner only: one run, {@code latenessNanos} after its slot (a negative value, impossible, counts as 0). */
    void recordRun(long latenessNanos) {
        long nanos = Math.max(0L, latenessNanos);
        int i = index(Math.min(nanos, highestTrackableNanos));
        long v = (long) VERSION.get(this); // single writer: its own last write
        VERSION.setOpaque(this, v + 1);
        VarHandle.storeStoreFence();
        COUNTS.setOpaque(counts, i, (long) COUNTS.get(counts, i) + 1);
        RUNS.setOpaque(this, (long) RUNS.get(this) + 1);
        if (nanos > (long) MAX.get(this)) {
            MAX.setOpaque(this, nanos);
        }
        VERSION.setRelease(this, v + 2);
    }

    /** Owner only: slots that passed without a run of their own. */
    void recordSkipped(long ticks) {
        long v = (long) VERSION.get(this);
        VERSION.setOpaque(this, v + 1);
        VarHandle.storeStoreFence();
        SKIPPED.setOpaque(this, (long) SKIPPED.get(this) + ticks);
        VERSION.setRelease(this, v + 2);
    }

    /** Any thread: a consistent copy (allocates; retries while the writer writes, at most a few µs). */
    LatenessSnapshot snapshot() {
        long[] copy = new long[counts.length];
        for (int attempt = 0; ; attempt++) {
            long before = (long) VERSION.getAcquire(this);
            if ((before & 1) == 0) {
                for (int i = 0; i < copy.length; i++) {
                    copy[i] = (long) COUNTS.getOpaque(counts, i);
                }
                long max = (long) MAX.getOpaque(this);
                long runCount = (long) RUNS.getOpaque(this);
                long skippedTicks = (long) SKIPPED.getOpaque(this);
                VarHandle.loadLoadFence();
                if ((long) VERSION.getOpaque(this) == before) {
                    return new LatenessSnapshot(runCount, skippedTicks, max, copy, highestTrackableNanos);
                }
            }
            if (attempt > 100) {
                Thread.yield(); // a writer preempted mid-write: let it finish
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** @return the bytes this histogram holds for its counts (for the documentation's size figures) */
    int countsBytes() {
        return counts.length * Long.BYTES;
    }
}
