package io.obstime.clock;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An instant in UT1 (the time scale of the Earth's rotation angle) with nanosecond resolution, and the uncertainty it
 * inherits from IERS Bulletin A: nanoseconds since 1970-01-01T00:00:00 UT1, counting 86 400 UT1 seconds a day, so
 * {@code epochNanos = utcNanos + (UT1 − UTC)} outside leap seconds. UT1 is not a uniform scale (its second is not the
 * SI second), so this type has no arithmetic: elapsed time belongs to TAI. Made by {@link Ut1Table#toUt1(TaiTime)},
 * {@link UtcTime#toUt1()} and {@link TaiTime#toUt1()}.
 *
 * <p>{@link #toString()} gives ISO-8601 in the UT1 calendar with nine fraction digits, the scale and the uncertainty:
 * {@code 2006-01-15T21:24:37.834100000 UT1 ±0.000010000 s}; {@link #parse} reads it back. Equality and order are by
 * the instant, then the uncertainty.
 *
 * <p>This class is immutable, thread-safe, a value type.
 */
public final class Ut1Time implements Comparable<Ut1Time> {

    private static final String SUFFIX = " UT1";
    private static final Pattern UNCERTAINTY = Pattern.compile(" ±(\\d{1,9})\\.(\\d{9}) s$");

    /** Nanoseconds since 1970-01-01T00:00:00 UT1. */
    private final long ut1Nanos;
    private final long uncertaintyNanos;

    private Ut1Time(long ut1Nanos, long uncertaintyNanos) {
        this.ut1Nanos = ut1Nanos;
        this.uncertaintyNanos = uncertaintyNanos;
    }

    /**
     * @param ut1Nanos         nanoseconds since 1970-01-01T00:00:00 UT1 (86 400 UT1 seconds a day)
     * @param uncertaintyNanos the uncertainty of the instant, nanoseconds, zero or more
     * @return that instant
     * @throws IllegalArgumentException if {@code uncertaintyNanos} is negative
     */
    public static Ut1Time ofEpochNanos(long ut1Nanos, long uncertaintyNanos) {
        if (uncertaintyNanos < 0) {
            throw new IllegalArgumentException("uncertaintyNanos " + uncertaintyNanos + " is negative");
        }
        return new Ut1Time(ut1Nanos, uncertaintyNanos);
    }

    /**
     * Parses the text of {@link #toString()}: {@code uuuu-MM-ddTHH:mm:ss[.fraction] UT1 ±s.nnnnnnnnn s}.
     *
     * @param text the text
     * @return the instant
     * @throws DateTimeParseException if the text is not in that form or the instant is out of range
     */
    public static Ut1Time parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        String string = text.toString();
        Matcher m = UNCERTAINTY.matcher(string);
        if (!m.find()) {
            throw new DateTimeParseException("expected Ut1Time as uuuu-MM-ddTHH:mm:ss UT1 ±s.nnnnnnnnn s, with an "
                    + "optional fraction of 1 to 9 digits after the seconds, found " + EpochNanos.quote(string), string,
                    0);
        }
        long ut1Nanos = EpochNanos.parse(string.substring(0, m.start()), SUFFIX, "Ut1Time");
        long uncertainty = Long.parseLong(m.group(1)) * EpochNanos.NANOS_PER_SECOND + Long.parseLong(m.group(2));
        return new Ut1Time(ut1Nanos, uncertainty);
    }

    /** @return nanoseconds since 1970-01-01T00:00:00 UT1 (86 400 UT1 seconds a day) */
    public long epochNanos() {
        return ut1Nanos;
    }

    /** @return the uncertainty of this instant (that of UT1 − UTC from Bulletin A), nanoseconds */
    public long uncertaintyNanos() {
        return uncertaintyNanos;
    }

    /** @return the uncertainty as a Duration */
    public Duration uncertainty() {
        return Duration.ofNanos(uncertaintyNanos);
    }

    /** @return this instant as a Modified Julian Date count in UT1: day number and nanoseconds of the UT1 day */
    public long mjdDay() {
        return Math.floorDiv(ut1Nanos, EpochNanos.NANOS_PER_DAY) + ModifiedJulianDate.MJD_OF_1970;
    }

    /** @return nanoseconds into the UT1 day of {@link #mjdDay()} */
    public long nanosOfDay() {
        return Math.floorMod(ut1Nanos, EpochNanos.NANOS_PER_DAY);
    }

    /**
     * @return the UT1 Julian Date as SOFA/ERFA take it (for example {@code iauEra00(jd1, jd2)}): the first part,
     *         {@link #mjdDay()} + 2 400 000.5, exact
     */
    public double jd1() {
        return ModifiedJulianDate.JD_MINUS_MJD + mjdDay();
    }

    /** @return the second part of the UT1 Julian Date: the fraction of the UT1 day (to about a picosecond) */
    public double jd2() {
        return nanosOfDay() / (double) EpochNanos.NANOS_PER_DAY;
    }

    /** Orders by instant, then uncertainty; consistent with {@link #equals}. */
    @Override
    public int compareTo(Ut1Time other) {
        Objects.requireNonNull(other, "other");
        int byInstant = Long.compare(ut1Nanos, other.ut1Nanos);
        return byInstant != 0 ? byInstant : Long.compare(uncertaintyNanos, other.uncertaintyNanos);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ut1Time that && that.ut1Nanos == ut1Nanos && that.uncertaintyNanos == uncertaintyNanos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ut1Nanos) * 31 + Long.hashCode(uncertaintyNanos);
    }

    /** @return ISO-8601 in the UT1 calendar, the scale and the uncertainty: {@code ...T21:24:37.834100000 UT1 ±0.000010000 s} */
    @Override
    public String toString() {
        return EpochNanos.format(ut1Nanos) + SUFFIX + String.format(Locale.ROOT, " ±%d.%09d s",
                uncertaintyNanos / EpochNanos.NANOS_PER_SECOND, uncertaintyNanos % EpochNanos.NANOS_PER_SECOND);
    }
}
