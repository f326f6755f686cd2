package io.obstime.clock;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An instant in TT (Terrestrial Time) with nanosecond precision: nanoseconds since 1970-01-01T00:00:00 TT. TT is the
 * time argument of geocentric ephemerides (JPL DE, SOFA/ERFA, astropy's {@code tt}); TT = TAI + 32.184 s exactly, so
 * this type is {@link TaiTime} shifted by {@value #TT_MINUS_TAI_NANOS} ns, exact both ways. Like TAI it is continuous:
 * {@link #plus(Duration)} and {@link #durationUntil(TtTime)} are exact elapsed time. The range is TAI's range shifted:
 * the 32.184 s at the end of TAI's range have no TT instant here.
 *
 * <p>{@link #toString()} gives ISO-8601 in the TT calendar with nine fraction digits and the scale,
 * {@code 2000-01-01T12:00:00.000000000 TT} (J2000.0, JD 2451545.0 TT); {@link #parse} reads it back.
 *
 * <p>This class is immutable, thread-safe, a value type.
 */
public final class TtTime implements Comparable<TtTime> {

    /** TT − TAI in nanoseconds: 32.184 s, by definition. */
    public static final long TT_MINUS_TAI_NANOS = 32_184_000_000L;
    private static final String SUFFIX = " TT";

    /** Nanoseconds since 1970-01-01T00:00:00 TT. */
    private final long ttNanos;

    private TtTime(long ttNanos) {
        this.ttNanos = ttNanos;
    }

    /**
     * @param ttNanos nanoseconds since 1970-01-01T00:00:00 TT; at least {@code Long.MIN_VALUE + }
     *                {@value #TT_MINUS_TAI_NANOS}, so that every TT instant has a TAI one
     * @return that instant
     * @throws ArithmeticException if {@code ttNanos} is below that bound
     */
    public static TtTime ofEpochNanos(long ttNanos) {
        if (ttNanos < Long.MIN_VALUE + TT_MINUS_TAI_NANOS) {
            throw new ArithmeticException("ttNanos " + ttNanos + " is before the range of TtTime (TAI's range + 32.184 "
                    + "s: at least " + (Long.MIN_VALUE + TT_MINUS_TAI_NANOS) + ")");
        }
        return new TtTime(ttNanos);
    }

    /**
     * @param tai a TAI instant
     * @return the same instant in TT (TAI + 32.184 s)
     * @throws ArithmeticException within 32.184 s of the end of TAI's range
     */
    public static TtTime of(TaiTime tai) {
        Objects.requireNonNull(tai, "tai");
        try {
            return new TtTime(TimeScale.TT.fromTaiNanos(tai.epochNanos()));
        } catch (ArithmeticException e) {
            throw new ArithmeticException("tai " + tai + " + 32.184 s is outside the range of TtTime (nanoseconds "
                    + "since 1970 in a long)");
        }
    }

    /**
     * Parses the text of {@link #toString()}: {@code uuuu-MM-ddTHH:mm:ss TT}, with an optional fraction of one to
     * nine digits after the seconds. Nothing else is accepted.
     *
     * @param text the text
     * @return the instant
     * @throws DateTimeParseException if the text is not in that form or the instant is out of range
     */
    public static TtTime parse(CharSequence text) {
        long ttNanos = EpochNanos.parse(text, SUFFIX, "TtTime");
        if (ttNanos < Long.MIN_VALUE + TT_MINUS_TAI_NANOS) {
            throw new DateTimeParseException("TtTime " + EpochNanos.quote(text.toString()) + " is before the range "
                    + "of TtTime", text, 0);
        }
        return new TtTime(ttNanos);
    }

    /** @return nanoseconds since 1970-01-01T00:00:00 TT */
    public long epochNanos() {
        return ttNanos;
    }

    /** @return the same instant in TAI (TT − 32.184 s), exact */
    public TaiTime toTai() {
        return TaiTime.ofEpochNanos(TimeScale.TT.toTaiNanos(ttNanos));
    }

    /** @return this instant as a Modified Julian Date in TT: a day number and nanoseconds of an 86 400 s day */
    public ModifiedJulianDate toMjd() {
        return ModifiedJulianDate.ofContinuous(TimeScale.TT, ttNanos);
    }

    /**
     * @param duration the elapsed time to add; negative moves back
     * @return this instant plus {@code duration}
     * @throws ArithmeticException if the result leaves the range
     */
    public TtTime plus(Duration duration) {
        return ofEpochNanos(EpochNanos.plus(ttNanos, duration, +1, "TtTime"));
    }

    /**
     * @param end the later (or earlier, for a negative result) instant
     * @return the elapsed time from this instant until {@code end}
     */
    public Duration durationUntil(TtTime end) {
        Objects.requireNonNull(end, "end");
        return EpochNanos.between(ttNanos, end.ttNanos);
    }

    /** Orders by position on the time line, consistent with {@link #equals}. */
    @Override
    public int compareTo(TtTime other) {
        Objects.requireNonNull(other, "other");
        return Long.compare(ttNanos, other.ttNanos);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TtTime that && that.ttNanos == ttNanos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ttNanos);
    }

    /** @return ISO-8601 in the TT calendar with nine fraction digits and the scale: {@code ...T12:00:00.000000000 TT} */
    @Override
    public String toString() {
        return EpochNanos.format(ttNanos) + SUFFIX;
    }
}
