package io.obstime.clock;

import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Modified Julian Date in a {@link TimeScale}, exact to the nanosecond: a day number (MJD 0 is 1858-11-17; MJD 40587
 * is 1970-01-01) and the nanoseconds into that day of the scale. JD = MJD + 2 400 000.5.
 *
 * <h2>Days of UTC</h2>
 * A UTC day has 86 400 s, or 86 401 s when it ends with an inserted leap second (its {@link #nanosOfDay()} then runs
 * to 86 400 999 999 999: 23:59:60.999999999), or 86 399 s when its last second was deleted, as a
 * {@link LeapSecondTable} says. This follows SOFA/ERFA ({@code iauDtf2d}, {@code iauUtctai}) and astropy: the
 * fraction of such a day, {@link #fractionOfDay()}, is the time into it divided by <em>its</em> length, so
 * 2016-12-31T23:59:60.5 UTC is MJD 57753 + 86 400.5 / 86 401 = 57753.99999421303. TAI, TT and GPS days always have
 * 86 400 s.
 *
 * <h2>Doubles</h2>
 * The day number and {@link #nanosOfDay()} are exact. {@link #mjd()} and {@link #jd()} are one double each and lose
 * precision: near MJD 60 000 a double's spacing is 2⁻³⁷ day (0.63 µs) for the MJD and 2⁻³¹ day (40 µs) for the JD.
 * {@link #jd1()} + {@link #jd2()} is the two-part JD that SOFA/ERFA and astropy take ({@code jd1} the whole days plus
 * 0.5, exact; {@code jd2} the fraction, to about 10⁻¹⁷ day, a picosecond).
 *
 * <p>{@link #toString()} is exact: {@code MJD 57753 + 86400.500000000 s UTC}; {@link #parse} reads it back. Equality
 * and order are by scale, then day, then time of day; a date does not equal the same instant in another scale.
 *
 * <p>This class is immutable, thread-safe, a value type.
 */
public final class ModifiedJulianDate implements Comparable<ModifiedJulianDate> {

    /** The MJD of 1970-01-01. */
    public static final long MJD_OF_1970 = 40_587;
    /** JD − MJD, in days. */
    public static final double JD_MINUS_MJD = 2_400_000.5;
    private static final long NANOS_PER_DAY = EpochNanos.NANOS_PER_DAY;
    private static final long NANOS_PER_SECOND = EpochNanos.NANOS_PER_SECOND;
    private static final Pattern TEXT =
            Pattern.compile("MJD (-?\\d{1,15}) \\+ (\\d{1,5})\\.(\\d{9}) s (UTC|TAI|TT|GPS)");

    private final TimeScale scale;
    private final long day;
    private final long nanosOfDay;
    /** This day's length in that scale: 86 400 s, or 86 401 / 86 399 s for a UTC day with a leap second. */
    private final long dayLengthNanos;

    private ModifiedJulianDate(TimeScale scale, long day, long nanosOfDay, long dayLengthNanos) {
        this.scale = scale;
        this.day = day;
        this.nanosOfDay = nanosOfDay;
        this.dayLengthNanos = dayLengthNanos;
    }

    /**
     * A date in the scale, with UTC day lengths from {@link LeapSecondTable#system()}.
     *
     * @param scale      the time scale
     * @param day        the MJD day number
     * @param nanosOfDay nanoseconds into that day of the scale: below 86 400 × 10⁹, or the day's length in UTC
     * @return the date
     * @throws IllegalArgumentException if {@code nanosOfDay} is negative or not inside the day
     * @throws ArithmeticException      if the instant is outside the range of {@link TaiTime}
     */
    public static ModifiedJulianDate of(TimeScale scale, long day, long nanosOfDay) {
        return of(scale, day, nanosOfDay, LeapSecondTable.system());
    }

    /**
     * @param scale      the time scale
     * @param day        the MJD day number
     * @param nanosOfDay nanoseconds into that day of the scale: below 86 400 × 10⁹, or below the day's length in UTC
     *                   (86 401 × 10⁹ on a day that {@code table} ends with an inserted leap second)
     * @param table      the leap seconds that decide the length of a UTC day
     * @return the date
     * @throws IllegalArgumentException if {@code nanosOfDay} is negative or not inside the day
     * @throws ArithmeticException      if the instant is outside the range of {@link TaiTime}
     */
    public static ModifiedJulianDate of(TimeScale scale, long day, long nanosOfDay, LeapSecondTable table) {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(table, "table");
        long startNanos = startOfDayNanos(day);
        long length = scale == TimeScale.UTC ? utcDayLengthNanos(startNanos, table) : NANOS_PER_DAY;
        if (nanosOfDay < 0 || nanosOfDay >= length) {
            throw new IllegalArgumentException("nanosOfDay " + nanosOfDay + " is outside MJD " + day + " " + scale
                    + ", a day of " + length / NANOS_PER_SECOND + " s (0 to " + (length - 1) + ")");
        }
        ModifiedJulianDate date = new ModifiedJulianDate(scale, day, nanosOfDay, length);
        date.toTaiNanos(table); // range check: every date has a TAI instant
        return date;
    }

    /**
     * Parses the text of {@link #toString()}: {@code MJD <day> + <seconds>.<nine digits> s <scale>}, the scale one of
     * UTC, TAI, TT, GPS. UTC day lengths from {@link LeapSecondTable#system()}.
     *
     * @param text the text
     * @return the date
     * @throws DateTimeParseException if the text is not in that form or names a time outside its day or the range
     */
    public static ModifiedJulianDate parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        String string = text.toString();
        Matcher m = TEXT.matcher(string);
        if (!m.matches()) {
            throw new DateTimeParseException("expected a ModifiedJulianDate as 'MJD <day> + <seconds>.<9 digits> s "
                    + "<UTC|TAI|TT|GPS>', such as 'MJD 57753 + 86400.500000000 s UTC', found "
                    + EpochNanos.quote(string), string, 0);
        }
        try {
            return of(TimeScale.valueOf(m.group(4)), Long.parseLong(m.group(1)),
                    Long.parseLong(m.group(2)) * NANOS_PER_SECOND + Long.parseLong(m.group(3)));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new DateTimeParseException("invalid ModifiedJulianDate " + EpochNanos.quote(string) + ": "
                    + e.getMessage(), string, 0, e);
        }
    }

    /** @return the date of this TAI instant in {@code scale}; exact */
    static ModifiedJulianDate ofTai(long taiNanos, TimeScale scale, LeapSecondTable table) {
        if (scale != TimeScale.UTC) {
            return ofContinuous(scale, scale.fromTaiNanos(taiNanos));
        }
        long intoLeapSecond = table.nanosIntoInsertedLeapSecond(taiNanos);
        long utcNanos = table.taiToUtcNanos(taiNanos);
        if (intoLeapSecond < 0) {
            return ofUtc(utcNanos, table);
        }
        // 23:59:60.f: utcNanos is 23:59:59.999999999 of the leap day
        long day = Math.floorDiv(utcNanos, NANOS_PER_DAY) + MJD_OF_1970;
        return new ModifiedJulianDate(TimeScale.UTC, day, NANOS_PER_DAY + intoLeapSecond,
                NANOS_PER_DAY + NANOS_PER_SECOND);
    }

    /** @return the date of a POSIX UTC instant (never inside a leap second) */
    static ModifiedJulianDate ofUtc(long utcNanos, LeapSecondTable table) {
        long start = Math.floorDiv(utcNanos, NANOS_PER_DAY) * NANOS_PER_DAY;
        return new ModifiedJulianDate(TimeScale.UTC, Math.floorDiv(utcNanos, NANOS_PER_DAY) + MJD_OF_1970,
                utcNanos - start, utcDayLengthNanos(start, table));
    }

    /** @return the date of a continuous scale's count since 1970-01-01T00:00:00 of its calendar */
    static ModifiedJulianDate ofContinuous(TimeScale scale, long scaleNanos) {
        return new ModifiedJulianDate(scale, Math.floorDiv(scaleNanos, NANOS_PER_DAY) + MJD_OF_1970,
                Math.floorMod(scaleNanos, NANOS_PER_DAY), NANOS_PER_DAY);
    }

    private static long startOfDayNanos(long day) {
        try {
            return Math.multiplyExact(Math.subtractExact(day, MJD_OF_1970), NANOS_PER_DAY);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("MJD " + day + " is outside the range of nanoseconds since 1970 in a long "
                    + "(1677 to 2262)");
        }
    }

    private static long utcDayLengthNanos(long startUtcNanos, LeapSecondTable table) {
        if (startUtcNanos > Long.MAX_VALUE - NANOS_PER_DAY) {
            return NANOS_PER_DAY;
        }
        return NANOS_PER_DAY + table.leapSecondBefore(startUtcNanos + NANOS_PER_DAY) * NANOS_PER_SECOND;
    }

    /** @return the time scale the date counts in */
    public TimeScale scale() {
        return scale;
    }

    /** @return the MJD day number (days since 1858-11-17T00:00 of the scale) */
    public long day() {
        return day;
    }

    /**
     * @return nanoseconds into the day of the scale: 0 to 86 399 999 999 999, and to 86 400 999 999 999 on a UTC day
     *         that ends with an inserted leap second (23:59:60.999999999)
     */
    public long nanosOfDay() {
        return nanosOfDay;
    }

    /** @return this day's length in nanoseconds: 86 400 s, or 86 401 / 86 399 s for a UTC day with a leap second */
    public long dayLengthNanos() {
        return dayLengthNanos;
    }

    /**
     * @return {@link #nanosOfDay()} / {@link #dayLengthNanos()}, from 0 (inclusive) to 1 (exclusive): on a UTC leap day
     *         the fraction of a day of 86 401 s (SOFA's convention)
     */
    public double fractionOfDay() {
        return (double) nanosOfDay / dayLengthNanos;
    }

    /** @return the MJD as one double: {@link #day()} + {@link #fractionOfDay()}; 0.63 µs spacing near MJD 60 000 */
    public double mjd() {
        return day + fractionOfDay();
    }

    /** @return the JD as one double: {@link #mjd()} + 2 400 000.5; 40 µs spacing near JD 2 460 000 */
    public double jd() {
        return JD_MINUS_MJD + day + fractionOfDay();
    }

    /** @return the first part of the two-part JD of SOFA/ERFA and astropy: {@link #day()} + 2 400 000.5, exact */
    public double jd1() {
        return JD_MINUS_MJD + day;
    }

    /** @return the second part of the two-part JD: {@link #fractionOfDay()} (to about a picosecond) */
    public double jd2() {
        return fractionOfDay();
    }

    /**
     * @return the TAI instant of this date; a UTC date with the leap seconds of {@link LeapSecondTable#system()}
     * @throws ArithmeticException if it is outside the range of {@link TaiTime}
     */
    public TaiTime toTai() {
        return toTai(LeapSecondTable.system());
    }

    /**
     * @param table the leap seconds of a UTC date (unused for other scales)
     * @return the TAI instant of this date, exact: 23:59:60.f of a UTC leap day is that instant of the leap second
     * @throws ArithmeticException if it is outside the range of {@link TaiTime}
     */
    public TaiTime toTai(LeapSecondTable table) {
        Objects.requireNonNull(table, "table");
        return TaiTime.ofEpochNanos(toTaiNanos(table));
    }

    private long toTaiNanos(LeapSecondTable table) {
        long start = startOfDayNanos(day);
        try {
            if (scale != TimeScale.UTC) {
                return scale.toTaiNanos(Math.addExact(start, nanosOfDay));
            }
            if (nanosOfDay >= NANOS_PER_DAY) {
                return table.leapSecondLabelToTaiNanos(start + NANOS_PER_DAY, nanosOfDay - NANOS_PER_DAY);
            }
            return table.utcToTaiNanos(Math.addExact(start, nanosOfDay));
        } catch (ArithmeticException e) {
            throw new ArithmeticException(this + " is outside the range of TaiTime (nanoseconds since 1970 in a long, "
                    + "1677 to 2262)");
        }
    }

    /** Orders by scale, then day, then time of day; consistent with {@link #equals}. */
    @Override
    public int compareTo(ModifiedJulianDate other) {
        Objects.requireNonNull(other, "other");
        int byScale = scale.compareTo(other.scale);
        if (byScale != 0) {
            return byScale;
        }
        int byDay = Long.compare(day, other.day);
        return byDay != 0 ? byDay : Long.compare(nanosOfDay, other.nanosOfDay);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModifiedJulianDate that && that.scale == scale && that.day == day
                && that.nanosOfDay == nanosOfDay;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scale, day, nanosOfDay);
    }

    /** @return exact: {@code MJD 57753 + 86400.500000000 s UTC} (the day, the seconds into it, the scale) */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MJD %d + %d.%09d s %s", day, nanosOfDay / NANOS_PER_SECOND,
                nanosOfDay % NANOS_PER_SECOND, scale);
    }
}
