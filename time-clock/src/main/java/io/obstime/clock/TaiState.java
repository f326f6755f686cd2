package io.obstime.clock;

/**
 * What the last check of {@link SystemTimeSource} decided: immutable, published through one volatile field, read by
 * every {@code taiNanos()} without a lock.
 *
 * <p>Two ways to TAI, both exact outside clock steps:
 * <ul>
 *   <li><b>Inside the UTC day of the check</b>, up to one second before its closing midnight:
 *       {@code CLOCK_REALTIME + offset}. One vDSO read; the offset cannot change inside a day, because the kernel
 *       inserts or deletes leap seconds only at a UTC midnight.</li>
 *   <li><b>Anywhere else</b> (the second before the midnight, the midnight itself, and whatever follows until the
 *       next check): {@code CLOCK_MONOTONIC + (TAI − CLOCK_MONOTONIC at the check)}. CLOCK_MONOTONIC is slewed exactly
 *       as CLOCK_REALTIME is and moves only with time, never with a leap second or a clock step, so this is
 *       continuous however late after midnight the kernel steps CLOCK_REALTIME (measured: 0.4-9.7 ms after it, at the
 *       first timer tick). Each such read also reads CLOCK_REALTIME and verifies it: the difference must be whole
 *       seconds, 0, +1 (the kernel repeated 23:59:59: an inserted second) or −1 (a deleted second), within
 *       {@link #TOLERANCE_NANOS}; anything else is a clock step since the check, and the reader falls back.</li>
 * </ul>
 */
final class TaiState {

    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long NANOS_PER_DAY = 86_400L * NANOS_PER_SECOND;
    /**
     * How far CLOCK_REALTIME + offset may be from CLOCK_MONOTONIC + constant (or from it ± 1 s) for the two to agree:
     * the reads are bracketed within {@link #BRACKET_LIMIT_NANOS}, so 2 ms is the reads' skew with margin; a clock step
     * is at least chrony's makestep threshold (0.1 s by default) or a person's second.
     */
    static final long TOLERANCE_NANOS = 2_000_000L;
    /** Two CLOCK_MONOTONIC reads around a CLOCK_REALTIME read further apart than this (preempted) are retried. */
    static final long BRACKET_LIMIT_NANOS = 1_000_000L;
    /**
     * How long after its closing midnight a state still serves readings by the slow path: the check after midnight
     * runs 1.1 s after it, so this is only reached when the check thread is stalled; beyond it the reader falls back
     * to the table, as for a clock step.
     */
    static final long HORIZON_NANOS = 60 * NANOS_PER_SECOND;
    /** What {@link #observedLeap} returns when CLOCK_REALTIME moved by anything but a leap second: a clock step. */
    static final int STEPPED = Integer.MIN_VALUE;

    /** TAI − UTC in seconds inside the day of the check. */
    final int offsetSeconds;
    /** The same in nanoseconds, added to CLOCK_REALTIME on the fast path. */
    final long offsetNanos;
    /**
     * The UTC midnight that closes the day this state's offset belongs to. A check taken within a second of a
     * midnight (where the kernel may be mid-leap) belongs to the day before that midnight, so the slow path judges
     * the leap.
     */
    final long closingMidnightUtcNanos;
    /** Start of the fast path's range: one second after the day began (the second after a leap midnight is slow). */
    final long fastFromUtcNanos;
    /** TAI − CLOCK_MONOTONIC at the check: the slow path's constant. */
    final long taiMinusMonotonicNanos;
    /** Seconds of {@link #offsetSeconds} beyond the leap-second table's offset (leap seconds it lacks), as nanos. */
    final long beyondTableNanos;
    /** The kernel's TAI offset at the check (adjtimex {@code tai}); -1 when unknown (the fallback). */
    final int kernelTaiOffset;
    /**
     * The leap second that may happen at the closing midnight: +1 (an insertion: the table lists one there, or the
     * kernel had STA_INS armed at the check), −1 (a deletion), 0 (none: a repeat there is a clock step). Only that
     * direction is accepted by {@link #observedLeap}, so a clock step of about a second at an ordinary midnight is
     * not taken for a leap second.
     */
    final int expectedLeap;
    /**
     * Built by a check inside the window around its closing midnight with nothing to continue from (the process
     * started there, or the clock was stepped): its count of the leap second rests on adjtimex alone.
     */
    final boolean builtInWindow;

    /** The fast path's range [day start + 1 s, closing midnight − 1 s), as a length. */
    private static final long FAST_SPAN_NANOS = NANOS_PER_DAY - 2 * NANOS_PER_SECOND;

    /**
     * @param offsetSeconds           TAI − UTC in the day that {@code closingMidnightUtcNanos} closes
     * @param beyondTableSeconds      how much of it is beyond the leap-second table's offset
     * @param closingMidnightUtcNanos that day's closing midnight, UTC
     * @param taiMinusMonotonicNanos  TAI − CLOCK_MONOTONIC at the check
     * @param kernelTaiOffset         adjtimex {@code tai} at the check, or -1
     * @param expectedLeap            the leap second that may happen at the closing midnight: +1, −1 or 0
     * @param builtInWindow           built inside the window with nothing to continue from
     */
    TaiState(int offsetSeconds, int beyondTableSeconds, long closingMidnightUtcNanos, long taiMinusMonotonicNanos,
             int kernelTaiOffset, int expectedLeap, boolean builtInWindow) {
        this.expectedLeap = expectedLeap;
        this.builtInWindow = builtInWindow;
        this.offsetSeconds = offsetSeconds;
        this.beyondTableNanos = beyondTableSeconds * NANOS_PER_SECOND;
        this.offsetNanos = offsetSeconds * NANOS_PER_SECOND;
        this.closingMidnightUtcNanos = closingMidnightUtcNanos;
        this.fastFromUtcNanos = closingMidnightUtcNanos - NANOS_PER_DAY + NANOS_PER_SECOND;
        this.taiMinusMonotonicNanos = taiMinusMonotonicNanos;
        this.kernelTaiOffset = kernelTaiOffset;
    }

    /** One unsigned comparison: day start + 1 s <= utc < closing midnight − 1 s. */
    boolean fast(long utcNanos) {
        return Long.compareUnsigned(utcNanos - fastFromUtcNanos, FAST_SPAN_NANOS) < 0;
    }

    /** @return TAI by the slow path's constant at this CLOCK_MONOTONIC reading */
    long taiAtMonotonic(long monotonicNanos) {
        return monotonicNanos + taiMinusMonotonicNanos;
    }

    /**
     * What CLOCK_REALTIME did since the check, judged from one bracketed pair of readings.
     *
     * @param utcNanos the CLOCK_REALTIME reading
     * @param taiNanos {@link #taiAtMonotonic} of the CLOCK_MONOTONIC reading taken with it
     * @return 0 (nothing), +1 (the kernel inserted a second: CLOCK_REALTIME is one second behind), −1 (it deleted one),
     *         or {@link #STEPPED}. A leap is accepted only in the {@link #expectedLeap} direction and from the instant
     *         the kernel can show it: +1 from 23:59:59 of the closing day (the repeat), −1 from its midnight. Past the {@link #HORIZON_NANOS} after the closing
     *         midnight, always {@link #STEPPED}.
     */
    int observedLeap(long utcNanos, long taiNanos) {
        if (utcNanos - closingMidnightUtcNanos >= HORIZON_NANOS) {
            return STEPPED;
        }
        long repeat = taiNanos - (utcNanos + offsetNanos); // how far CLOCK_REALTIME fell behind the continuous TAI
        if (Math.abs(repeat) <= TOLERANCE_NANOS) {
            return 0;
        }
        long midnight = closingMidnightUtcNanos;
        if (expectedLeap > 0 && Math.abs(repeat - NANOS_PER_SECOND) <= TOLERANCE_NANOS
                && utcNanos >= midnight - NANOS_PER_SECOND) {
            return 1;
        }
        if (expectedLeap < 0 && Math.abs(repeat + NANOS_PER_SECOND) <= TOLERANCE_NANOS && utcNanos >= midnight) {
            return -1;
        }
        return STEPPED;
    }

    @Override
    public String toString() {
        return "TaiState[offset " + offsetSeconds + " s, day closing " + closingMidnightUtcNanos + ", TAI − MONOTONIC "
                + taiMinusMonotonicNanos + ", kernel " + kernelTaiOffset + "]";
    }
}
