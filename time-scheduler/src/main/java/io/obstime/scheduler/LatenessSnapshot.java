package io.obstime.scheduler;

import java.util.Arrays;

/**
 * A task's lateness so far, copied at one instant: how late each of its runs started against its slot (the TAI
 * instant it was scheduled for), as a histogram of nanoseconds kept to 1.6 % (the exact maximum aside), and how many
 * slots were skipped. See {@link TimeSchedulerSettings#withLatenessRecordingUpToNanos(long)} and
 * {@link ScheduledTask#lateness()}.
 *
 * <p>Lateness is measured on the TAI clock from the slot to the moment the timer thread starts the run (with an
 * executor: hands it over). A run that stands for several passed slots (missed-tick policy SKIP) is measured against
 * the latest of them, and the others are counted in {@link #skippedTicks()}, not as late runs; under CATCH_UP each
 * caught-up run is measured against its own slot. So every slot is either a measured run or a counted skip: nothing
 * needs correcting for coordinated omission. Immutable, thread-safe.
 */
public final class LatenessSnapshot {

    private final long count;
    private final long skippedTicks;
    private final long maxNanos;
    private final long[] counts;
    private final long highestTrackableNanos;

    LatenessSnapshot(long count, long skippedTicks, long maxNanos, long[] counts, long highestTrackableNanos) {
        this.count = count;
        this.skippedTicks = skippedTicks;
        this.maxNanos = maxNanos;
        this.counts = counts;
        this.highestTrackableNanos = highestTrackableNanos;
    }

    /** @return how many runs were measured */
    public long count() {
        return count;
    }

    /** @return how many slots passed without a run of their own */
    public long skippedTicks() {
        return skippedTicks;
    }

    /** @return the largest lateness measured, exact, in nanoseconds; 0 if none */
    public long maxNanos() {
        return maxNanos;
    }

    /**
     * @param percentile from 0 (exclusive) to 100 (inclusive)
     * @return the lateness in nanoseconds that {@code percentile} % of the runs did not exceed: the upper edge of its
     *         bucket (so never below the true value, at most 1.6 % above it), capped at {@link #maxNanos()}; a value
     *         beyond the recording range is reported as the maximum; 0 if no run was measured
     * @throws IllegalArgumentException if {@code percentile} is not in (0, 100]
     */
    public long percentileNanos(double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100 * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == counts.length - 1 && maxNanos > highestTrackableNanos ? maxNanos
                        : Math.min(LatenessHistogram.highestInBucket(i), maxNanos);
            }
        }
        return maxNanos;
    }

    /** @return the median lateness in nanoseconds (see {@link #percentileNanos(double)}) */
    public long p50Nanos() {
        return percentileNanos(50);
    }

    /** @return the 90th percentile of lateness in nanoseconds */
    public long p90Nanos() {
        return percentileNanos(90);
    }

    /** @return the 99th percentile of lateness in nanoseconds */
    public long p99Nanos() {
        return percentileNanos(99);
    }

    /** @return the 99.9th percentile of lateness in nanoseconds */
    public long p999Nanos() {
        return percentileNanos(99.9);
    }

    /** @return the sum of the bucket counts: equals {@link #count()} in a consistent copy (for tests) */
    long countedInBuckets() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LatenessSnapshot)) {
            return false;
        }
        LatenessSnapshot s = (LatenessSnapshot) o;
        return count == s.count && skippedTicks == s.skippedTicks && maxNanos == s.maxNanos
                && highestTrackableNanos == s.highestTrackableNanos && Arrays.equals(counts, s.counts);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Arrays.hashCode(counts);
    }

    /** @return e.g. {@code LatenessSnapshot[count=1000, p50=46 µs, p90=61 µs, p99=103 µs, p99.9=1.2 ms, ...]} */
    @Override
    public String toString() {
        return "LatenessSnapshot[count=" + count + ", p50=" + text(p50Nanos()) + ", p90=" + text(p90Nanos())
                + ", p99=" + text(p99Nanos()) + ", p99.9=" + text(p999Nanos()) + ", max=" + text(maxNanos)
                + ", skippedTicks=" + skippedTicks + "]";
    }

    private static String text(long nanos) {
        if (nanos < 10_000) {
            return nanos + " ns";
        }
        if (nanos < 10_000_000) {
            return nanos / 1_000 + " µs";
        }
        return nanos / 1_000_000 + " ms";
    }
}
