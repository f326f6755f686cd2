package io.obstime.monitor.internal.ntp;

/**
 * NTP's fixed-point time formats (RFC 5905 §6) and POSIX UTC nanoseconds, converted exactly.
 *
 * <ul>
 *   <li><b>Timestamp</b>, 64 bits: unsigned seconds since 1900-01-01T00:00:00Z (era 0; the counter wraps every
 *       2<sup>32</sup> s, first on 2036-02-07T06:28:16Z) and a 32-bit binary fraction (2<sup>-32</sup> s, about
 *       0.23 ns). Leap seconds are not counted, as in POSIX time.</li>
 *   <li><b>Short</b>, 32 bits: unsigned 16.16 seconds, for root delay and root dispersion.</li>
 * </ul>
 *
 * <p>A timestamp does not say its era; {@link #toUtcNanos} takes the era that puts it nearest a pivot (the
 * client's own clock), which is right while the two clocks are within 68 years of each other (RFC 5905 §6).
 * Nanoseconds are the {@code TimeSource.utcNanos()} scale: since 1970-01-01T00:00:00Z, leap seconds not counted.
 */
public final class NtpTimestamps {

    /** Seconds from the NTP epoch (1900-01-01) to the Unix epoch (1970-01-01). */
    public static final long UNIX_EPOCH_NTP_SECONDS = 2_208_988_800L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long LOW_32 = 0xFFFF_FFFFL;

    /** The earliest pivot {@link #toUtcNanos} takes (in 1745): 2<sup>31</sup> + 2 s before it still fit a long. */
    public static final long MIN_PIVOT_UTC_NANOS = Long.MIN_VALUE + ((1L << 31) + 2) * NANOS_PER_SECOND;

    /** The latest pivot {@link #toUtcNanos} takes (in 2194): 2<sup>31</sup> + 2 s after it still fit a long. */
    public static final long MAX_PIVOT_UTC_NANOS = Long.MAX_VALUE - ((1L << 31) + 2) * NANOS_PER_SECOND;

    private NtpTimestamps() {
    }

    /**
     * POSIX UTC nanoseconds to a 64-bit NTP timestamp, the fraction rounded to the nearest 2<sup>-32</sup> s.
     *
     * @param utcNanos nanoseconds since 1970-01-01T00:00:00Z, any long
     * @return the timestamp's 64 bits (seconds in the high word, modulo 2<sup>32</sup>: the era is dropped)
     */
    public static long fromUtcNanos(long utcNanos) {
        long seconds = Math.floorDiv(utcNanos, NANOS_PER_SECOND);
        long nanos = Math.floorMod(utcNanos, NANOS_PER_SECOND);
        // nanos < 1e9, so nanos << 32 < 4.3e18 fits; the rounded fraction stays below 2^32 (no carry into seconds).
        long fraction = ((nanos << 32) + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
        long ntpSeconds = (seconds + UNIX_EPOCH_NTP_SECONDS) & LOW_32;
        return (ntpSeconds << 32) | fraction;
    }

    /**
     * A 64-bit NTP timestamp to POSIX UTC nanoseconds, in the era nearest {@code pivotUtcNanos}, the fraction rounded
     * to the nearest nanosecond.
     *
     * @param timestamp     the 64 bits as sent on the wire
     * @param pivotUtcNanos a time within 2<sup>31</sup> s (68 years) of the timestamp's, nanoseconds since
     *                      1970-01-01T00:00:00Z, between {@link #MIN_PIVOT_UTC_NANOS} and {@link #MAX_PIVOT_UTC_NANOS}
     * @return nanoseconds since 1970-01-01T00:00:00Z
     * @throws IllegalArgumentException if the pivot is outside that range (the result might not fit a long)
     */
    public static long toUtcNanos(long timestamp, long pivotUtcNanos) {
        if (pivotUtcNanos < MIN_PIVOT_UTC_NANOS || pivotUtcNanos > MAX_PIVOT_UTC_NANOS) {
            throw new IllegalArgumentException("pivotUtcNanos must be within " + MIN_PIVOT_UTC_NANOS + ".."
                    + MAX_PIVOT_UTC_NANOS + ": " + pivotUtcNanos);
        }
        long pivotNtpSeconds = Math.floorDiv(pivotUtcNanos, NANOS_PER_SECOND) + UNIX_EPOCH_NTP_SECONDS;
        // The distance in seconds, modulo 2^32, taken as signed: the era nearest the pivot.
        int delta = (int) ((timestamp >>> 32) - pivotNtpSeconds);
        long unixSeconds = pivotNtpSeconds + delta - UNIX_EPOCH_NTP_SECONDS;
        return unixSeconds * NANOS_PER_SECOND + fractionToNanos(timestamp & LOW_32);
    }

    /**
     * A 32-bit binary fraction of a second to nanoseconds, rounded to nearest.
     *
     * @param fraction 0 .. 2<sup>32</sup>-1 (units of 2<sup>-32</sup> s)
     * @return nanoseconds, 0 .. 1 000 000 000 (the top fractions round up to a whole second)
     */
    static long fractionToNanos(long fraction) {
        // fraction < 2^32, times 1e9 < 4.3e18: fits.
        return (fraction * NANOS_PER_SECOND + (1L << 31)) >>> 32;
    }

    /**
     * An NTP short (unsigned 16.16 seconds: root delay, root dispersion) to nanoseconds, rounded to nearest.
     *
     * @param shortFormat the 32 bits as sent on the wire
     * @return nanoseconds, 0 .. 65 536 s
     */
    public static long shortToNanos(int shortFormat) {
        long units = shortFormat & LOW_32;
        return (units * NANOS_PER_SECOND + (1L << 15)) >>> 16;
    }

    /**
     * Nanoseconds to an NTP short (unsigned 16.16 seconds), rounded to nearest, saturating at the format's ends.
     *
     * @param nanos nanoseconds
     * @return the 32 bits to put on the wire
     */
    public static int nanosToShort(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        if (nanos >= 65_536L * NANOS_PER_SECOND) {
            return -1;
        }
        long seconds = nanos / NANOS_PER_SECOND;
        long rest = nanos % NANOS_PER_SECOND;
        long units = (seconds << 16) + ((rest << 16) + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
        return (int) Math.min(units, LOW_32);
    }
}
