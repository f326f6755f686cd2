package io.obstime.drills;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A series of clock readings taken in a tight loop: for each, obstime's TAI and UTC and the CLOCK_MONOTONIC reading
 * they were bracketed by (the middle of two {@code System.nanoTime()} calls). The checks are pure functions of the
 * series, so they are unit-tested on synthetic data.
 *
 * <p>TAI − MONOTONIC is constant while nobody steps the clock: the kernel slews both clocks at the same frequency, and
 * a leap second or a change of the kernel's TAI offset must not move obstime's TAI. So a change of TAI − MONOTONIC
 * between consecutive samples beyond the read window is a jump of obstime's TAI.
 */
final class Samples {

    final long[] monotonicNanos;
    final long[] taiNanos;
    final long[] utcNanos;
    int size;

    Samples(int capacity) {
        monotonicNanos = new long[capacity];
        taiNanos = new long[capacity];
        utcNanos = new long[capacity];
    }

    boolean add(long monotonic, long tai, long utc) {
        if (size == taiNanos.length) {
            return false;
        }
        monotonicNanos[size] = monotonic;
        taiNanos[size] = tai;
        utcNanos[size] = utc;
        size++;
        return true;
    }

    /** What {@link #continuity} found. */
    record Continuity(int samples, long maxAbsDeltaNanos, int maxAbsDeltaIndex, long maxBackwardNanos,
                      int backwardSteps, int stepIndex, long stepDeltaNanos, long maxGapNanos, boolean pass,
                      String figures) {}

    /**
     * Check (a): TAI − MONOTONIC never changes by more than {@code toleranceNanos} between consecutive samples, except
     * once by {@code expectedStepNanos} (± tolerance) when that is not 0; TAI never goes back except at that one
     * sample of a negative step.
     *
     * @param expectedStepNanos the clock step the scenario makes, 0 for none
     * @param toleranceNanos    the read window allowed (e.g. 2 ms)
     * @return the verdict and its figures
     */
    Continuity continuity(long expectedStepNanos, long toleranceNanos) {
        int stepIndex = -1;
        long stepDelta = 0;
        if (expectedStepNanos != 0) {
            long best = Long.MAX_VALUE;
            for (int i = 1; i < size; i++) {
                long miss = Math.abs(delta(i) - expectedStepNanos);
                if (miss < best) {
                    best = miss;
                    stepIndex = i;
                }
            }
            if (stepIndex > 0) {
                stepDelta = delta(stepIndex);
                if (Math.abs(stepDelta - expectedStepNanos) > toleranceNanos) {
                    stepIndex = -1; // no sample shows the step
                }
            }
        }
        long maxAbs = 0;
        int maxAbsAt = -1;
        long maxBack = 0;
        int backwards = 0;
        long maxGap = 0;
        for (int i = 1; i < size; i++) {
            maxGap = Math.max(maxGap, monotonicNanos[i] - monotonicNanos[i - 1]);
            if (i == stepIndex) {
                continue;
            }
            long d = Math.abs(delta(i));
            if (d > maxAbs) {
                maxAbs = d;
                maxAbsAt = i;
            }
            long back = taiNanos[i - 1] - taiNanos[i];
            if (back > 0) {
                backwards++;
                maxBack = Math.max(maxBack, back);
            }
        }
        long mostForward = 0;
        long mostBackward = 0;
        for (int i = 1; i < size; i++) {
            if (i != stepIndex) {
                mostForward = Math.max(mostForward, delta(i));
                mostBackward = Math.min(mostBackward, delta(i));
            }
        }
        long[] gaps = new long[Math.max(0, size - 1)];
        for (int i = 1; i < size; i++) {
            gaps[i - 1] = monotonicNanos[i] - monotonicNanos[i - 1];
        }
        java.util.Arrays.sort(gaps);
        long medianGap = gaps.length == 0 ? 0 : gaps[gaps.length / 2];
        boolean stepSeen = expectedStepNanos == 0 || stepIndex > 0;
        boolean pass = size >= 2 && stepSeen && maxAbs <= toleranceNanos && backwards == 0;
        StringBuilder f = new StringBuilder();
        f.append(String.format(Locale.ROOT, "samples=%d max|d(TAI-MONO)|=%s (most forward %s, most back %s) "
                + "backward_steps=%d max_backward=%s median_sample_gap=%s max_sample_gap=%s tolerance=%s", size,
                us(maxAbs), us(mostForward), us(mostBackward), backwards, us(maxBack), us(medianGap), us(maxGap),
                us(toleranceNanos)));
        if (expectedStepNanos != 0) {
            f.append(" expected_step=").append(us(expectedStepNanos)).append(" step_seen=")
                    .append(stepIndex > 0 ? us(stepDelta) : "NO");
        }
        return new Continuity(size, maxAbs, maxAbsAt, maxBack, backwards, stepIndex, stepDelta, maxGap, pass,
                f.toString());
    }

    /** @return the change of TAI − MONOTONIC from sample i − 1 to sample i */
    long delta(int i) {
        return (taiNanos[i] - monotonicNanos[i]) - (taiNanos[i - 1] - monotonicNanos[i - 1]);
    }

    /** @return TAI − UTC of sample i, ns */
    long offset(int i) {
        return taiNanos[i] - utcNanos[i];
    }

    /** @return the highest TAI in the series */
    long maxTai() {
        long max = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, taiNanos[i]);
        }
        return max;
    }

    /** @return the index of the first sample at or after {@code monotonic}, or size */
    int indexAtMonotonic(long monotonic) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (monotonicNanos[mid] < monotonic) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * @param around a sample index
     * @param radius how many samples each side
     * @return trace lines of the samples around it: monotonic (relative to {@code zeroMonotonic}), UTC, TAI − UTC,
     *         d(TAI − MONO)
     */
    List<String> trace(int around, int radius, long zeroMonotonic) {
        List<String> lines = new ArrayList<>();
        for (int i = Math.max(0, around - radius); i < Math.min(size, around + radius + 1); i++) {
            lines.add(String.format(Locale.ROOT, "#%d mono%+.6fs utc=%s tai-utc=%.6fs d(tai-mono)=%s", i,
                    (monotonicNanos[i] - zeroMonotonic) / 1e9, Drill.utcText(utcNanos[i]), offset(i) / 1e9,
                    i == 0 ? "-" : us(delta(i))));
        }
        return lines;
    }

    static String us(long nanos) {
        if (Math.abs(nanos) >= 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
        }
        return String.format(Locale.ROOT, "%.1fus", nanos / 1e3);
    }
}
