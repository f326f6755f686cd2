package io.obstime.clock;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An instant in GPS time with nanosecond precision: nanoseconds since the GPS epoch, 1980-01-06T00:00:00 GPS
 * (= 1980-01-06T00:00:00Z UTC = 1980-01-06T00:00:19 TAI). GPS time = TAI − 19 s exactly and has no leap seconds, so
 * this type is {@link TaiTime} shifted, exact both ways; GPS − UTC is 18 s since 2017-01-01.
 *
 * <p>{@link #week()} and {@link #nanosOfWeek()} are the full week number since the epoch (no 1024-week roll-over: the
 * legacy broadcast's 10-bit week is {@code week() % 1024}) and the time into that week, counted from Saturday/Sunday
 * midnight GPS. {@link #secondsOfWeek()} gives the same as a double (exact to better than 0.12 ns over a week).
 *
 * <p>The range is that of TAI: every GPS instant has a TAI one, which ends the range about 10 years before a long's
 * count since 1980 would. {@link #toString()} gives ISO-8601 in the GPS calendar with nine fraction digits and the
 * scale, {@code 2019-04-07T00:00:00.000000000 GPS} (week 2048, the start of the second roll-over); {@link #parse}
 * reads it back.
 *
 * <p>This class is immutable, thread-safe, a value type.
 */
public final class GpsTime implements Comparable<GpsTime> {

    /** TAI − GPS in nanoseconds: 19 s, by definition. */
    public static final long TAI_MINUS_GPS_NANOS = 19_000_000_000L;
    /** One GPS week in nanoseconds (7 × 86 400 s). */
    public static final long NANOS_PER_WEEK = 7 * EpochNanos.NANOS_PER_DAY;
    /** The GPS epoch 1980-01-06T00:00:00 GPS in nanoseconds since 1970-01-01T00:00:00 of the GPS calendar. */
    private static final long EPOCH_CALENDAR_NANOS = 3_657 * EpochNanos.NANOS_PER_DAY;
    /** The GPS epoch in nanoseconds since 1970-01-01T00:00:00 TAI. */
    private static final long EPOCH_TAI_NANOS = EPOCH_CALENDAR_NANOS + TAI_MINUS_GPS_NANOS;
    private static final long MAX_GPS_NANOS = Long.MAX_VALUE - EPOCH_TAI_NANOS;
    private static final String SUFFIX = " GPS";

    /** Nanoseconds since 1980-01-06T00:00:00 GPS. */
    private final long gpsNanos;

    private GpsTime(long gpsNanos) {
        this.gpsNanos = gpsNanos;
    }

    /**
     * @param gpsNanos nanoseconds since the GPS epoch 1980-01-06T00:00:00 GPS
     * @return that instant
     * @throws ArithmeticException if the instant is after the end of TAI's range (2262)
     */
    public static GpsTime ofEpochNanos(long gpsNanos) {
        if (gpsNanos > MAX_GPS_NANOS) {
            throw new ArithmeticException("gpsNanos " + gpsNanos + " is after the range of GpsTime (that of TaiTime, "
                    + "to 2262: at most " + MAX_GPS_NANOS + ")");
        }
        return new GpsTime(gpsNanos);
    }

    /**
     * @param week        the full GPS week number since 1980-01-06 (not taken modulo 1024); negative before it
     * @param nanosOfWeek nanoseconds into the week, 0 to 604 799 999 999 999
     * @return that instant
     * @throws IllegalArgumentException if {@code nanosOfWeek} is outside a week
     * @throws ArithmeticException      if the instant is outside the range
     */
    public static GpsTime ofWeek(long week, long nanosOfWeek) {
        if (nanosOfWeek < 0 || nanosOfWeek >= NANOS_PER_WEEK) {
            throw new IllegalArgumentException("nanosOfWeek " + nanosOfWeek + " is outside a GPS week (0 to "
                    + (NANOS_PER_WEEK - 1) + ")");
        }
        try {
            // From the week after when negative: the earliest week alone would not fit a long, its end does.
            long nanos = week < 0 ? Math.addExact(Math.multiplyExact(week + 1, NANOS_PER_WEEK), nanosOfWeek - NANOS_PER_WEEK)
                    : Math.addExact(Math.multiplyExact(week, NANOS_PER_WEEK), nanosOfWeek);
            return ofEpochNanos(nanos);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("GPS week " + week + " + " + nanosOfWeek + " ns is outside the range of "
                    + "GpsTime (that of TaiTime, 1677 to 2262)");
        }
    }

    /**
     * @param tai a TAI instant
     * @return the same instant in GPS time (TAI − 19 s)
     * @throws ArithmeticException for TAI instants before 1687 (the GPS count from 1980 leaves a long)
     */
    public static GpsTime of(TaiTime tai) {
        Objects.requireNonNull(tai, "tai");
        try {
            return new GpsTime(Math.subtractExact(tai.epochNanos(), EPOCH_TAI_NANOS));
        } catch (ArithmeticException e) {
            throw new ArithmeticException("tai " + tai + " is outside the range of GpsTime (nanoseconds since "
                    + "1980-01-06 in a long)");
        }
    }

    /**
     * Parses the text of {@link #toString()}: {@code uuuu-MM-ddTHH:mm:ss GPS}, with an optional fraction of one to
     * nine digits after the seconds. Nothing else is accepted.
     *
     * @param text the text
     * @return the instant
     * @throws DateTimeParseException if the text is not in that form or the instant is out of range
     */
    public static GpsTime parse(CharSequence text) {
        long calendarNanos = EpochNanos.parse(text, SUFFIX, "GpsTime");
        try {
            return ofEpochNanos(Math.subtractExact(calendarNanos, EPOCH_CALENDAR_NANOS));
        } catch (ArithmeticException e) {
            throw new DateTimeParseException("GpsTime " + EpochNanos.quote(text.toString()) + " is outside the range "
                    + "of GpsTime (that of TaiTime, 1677 to 2262)", text, 0, e);
        }
    }

    /** @return nanoseconds since the GPS epoch 1980-01-06T00:00:00 GPS */
    public long epochNanos() {
        return gpsNanos;
    }

    /** @return the full GPS week number since 1980-01-06 (no roll-over; negative before the epoch) */
    public long week() {
        return Math.floorDiv(gpsNanos, NANOS_PER_WEEK);
    }

    /** @return nanoseconds since the start of {@link #week()}, 0 to 604 799 999 999 999 */
    public long nanosOfWeek() {
        return Math.floorMod(gpsNanos, NANOS_PER_WEEK);
    }

    /**
     * @return seconds since the start of {@link #week()} as a double: within 0.12 ns of {@link #nanosOfWeek()} (a
     *         double's spacing below 604 800 is at most 2⁻³³ s), so rounding it to nanoseconds gives the exact value
     */
    public double secondsOfWeek() {
        return nanosOfWeek() / 1e9;
    }

    /** @return the same instant in TAI (GPS + 19 s), exact */
    public TaiTime toTai() {
        return TaiTime.ofEpochNanos(gpsNanos + EPOCH_TAI_NANOS);
    }

    /**
     * @param duration the elapsed time to add; negative moves back
     * @return this instant plus {@code duration}
     * @throws ArithmeticException if the result leaves the range
     */
    public GpsTime plus(Duration duration) {
        return ofEpochNanos(EpochNanos.plus(gpsNanos, duration, +1, "GpsTime"));
    }

    /**
     * @param end the later (or earlier, for a negative result) instant
     * @return the elapsed time from this instant until {@code end}
     */
    public Duration durationUntil(GpsTime end) {
        Objects.requireNonNull(end, "end");
        return EpochNanos.between(gpsNanos, end.gpsNanos);
    }

    /** Orders by position on the time line, consistent with {@link #equals}. */
    @Override
    public int compareTo(GpsTime other) {
        Objects.requireNonNull(other, "other");
        return Long.compare(gpsNanos, other.gpsNanos);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GpsTime that && that.gpsNanos == gpsNanos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(gpsNanos);
    }

    /** @return ISO-8601 in the GPS calendar with nine fraction digits and the scale: {@code ...T00:00:00.000000000 GPS} */
    @Override
    public String toString() {
        return EpochNanos.format(gpsNanos + EPOCH_CALENDAR_NANOS) + SUFFIX;
    }
}
