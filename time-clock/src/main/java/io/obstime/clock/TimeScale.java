package io.obstime.clock;

/**
 * The time scales a {@link ModifiedJulianDate} can count in. Every scale but UTC is continuous (every day has
 * 86 400 SI seconds) and a fixed offset from TAI; UTC days have 86 400 s, or 86 401 / 86 399 s at the end of a day with
 * an inserted / deleted leap second, as a {@link LeapSecondTable} says.
 */
public enum TimeScale {
    /** Coordinated Universal Time: TAI − (TAI − UTC), with leap seconds. */
    UTC(0),
    /** International Atomic Time. */
    TAI(0),
    /** Terrestrial Time: TAI + 32.184 s exactly (IAU 1991; the successor of ephemeris time). */
    TT(TtTime.TT_MINUS_TAI_NANOS),
    /** GPS time: TAI − 19 s exactly (it equalled UTC at its epoch, 1980-01-06, and has no leap seconds). */
    GPS(-GpsTime.TAI_MINUS_GPS_NANOS);

    /** This scale − TAI in nanoseconds (unused for UTC). */
    private final long minusTaiNanos;

    TimeScale(long minusTaiNanos) {
        this.minusTaiNanos = minusTaiNanos;
    }

    /**
     * @param taiNanos nanoseconds since 1970-01-01T00:00:00 TAI
     * @return nanoseconds since 1970-01-01T00:00:00 of this continuous scale's calendar (not for UTC)
     * @throws ArithmeticException if the result leaves the range of a long
     */
    long fromTaiNanos(long taiNanos) {
        return Math.addExact(taiNanos, minusTaiNanos);
    }

    /**
     * @param scaleNanos nanoseconds since 1970-01-01T00:00:00 of this continuous scale's calendar (not UTC)
     * @return nanoseconds since 1970-01-01T00:00:00 TAI
     * @throws ArithmeticException if the result leaves the range of a long
     */
    long toTaiNanos(long scaleNanos) {
        return Math.subtractExact(scaleNanos, minusTaiNanos);
    }
}
