package io.obstime.scheduler;

/**
 * Slot arithmetic for fixed-rate schedules: slot k of a schedule is {@code start + k·period} (TAI nanoseconds),
 * computed by multiplication so nothing accumulates. Tick indices are unsigned: a schedule starting in 1677
 * ({@code Long.MIN_VALUE}) can still reach 2262. Allocation-free; {@link ScheduledTask#NO_DEADLINE} stands for a slot
 * that does not fit in a {@code long}.
 */
final class Slots {

    private Slots() {
    }

    /**
     * @param startTaiNanos slot 0
     * @param tickIndex     k, unsigned
     * @param periodNanos   the period, &ge; 1
     * @return {@code start + k·period}, or {@link ScheduledTask#NO_DEADLINE} if that is {@code >= Long.MAX_VALUE}
     */
    static long slotTaiNanos(long startTaiNanos, long tickIndex, long periodNanos) {
        long productLow = tickIndex * periodNanos;
        if (unsignedMultiplyHigh(tickIndex, periodNanos) != 0
                || Long.compareUnsigned(productLow, Long.MAX_VALUE - startTaiNanos) >= 0) {
            return ScheduledTask.NO_DEADLINE;
        }
        return startTaiNanos + productLow; // the true sum is in range, so the wrapping sum is exact
    }

    /**
     * @return the smallest unsigned k with {@code start + k·period >= now}; 0 when {@code start >= now}
     */
    static long firstIndexAtOrAfter(long startTaiNanos, long periodNanos, long nowTaiNanos) {
        if (startTaiNanos >= nowTaiNanos) {
            return 0;
        }
        long distance = nowTaiNanos - startTaiNanos; // true value in [1, 2^64): exact as unsigned
        long k = Long.divideUnsigned(distance, periodNanos);
        return Long.remainderUnsigned(distance, periodNanos) == 0 ? k : k + 1;
    }

    /** @return how many whole periods {@code later − earlier} holds; requires {@code later >= earlier} */
    static long periodsBetween(long earlierTaiNanos, long laterTaiNanos, long periodNanos) {
        return Long.divideUnsigned(laterTaiNanos - earlierTaiNanos, periodNanos);
    }

    /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh is JDK 18+). */
    static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }
}
