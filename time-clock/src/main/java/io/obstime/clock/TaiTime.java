package io.obstime.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * An instant in TAI (International Atomic Time) with nanosecond precision: nanoseconds since 1970-01-01T00:00:00 TAI,
 * the kernel's {@code CLOCK_TAI} and the PTP time scale. TAI is continuous: every day has 86 400 SI seconds, so
 * {@link #plus(Duration)} and {@link #durationUntil(TaiTime)} are exact elapsed time. TAI was 1970-01-01T00:00:10 at
 * the UTC instant 1970-01-01T00:00:00Z on this library's proleptic convention, and is 37 s ahead of UTC since
 * 2017-01-01. The range is that of a long: 1677 to 2262.
 *
 * <p>Conversions to and from UTC ({@link #toUtc()}, {@link #of(Instant)}, {@link #toInstant()}) use the TAI − UTC
 * offset in effect <em>at that instant</em> from a {@link LeapSecondTable}, so they are right for any instant since
 * 1972. An instant inside an inserted leap second (23:59:60 UTC) has no POSIX UTC name: {@link #toUtc()} returns
 * 23:59:59.999999999 of the leap day, which keeps the mapping monotonic; {@link #toUtcString()} prints its UTC label,
 * {@code 2016-12-31T23:59:60.500000000Z UTC}, and {@link #parseUtc} reads that back to the exact instant.
 *
 * <p>This class deliberately does not implement {@code Temporal}, so that it is never mixed with UTC-based
 * {@code java.time} arithmetic by accident.
 *
 * <p>{@link #toString()} gives ISO-8601 date and time in the TAI calendar with nine fraction digits and the scale,
 * {@code 2026-11-21T22:13:37.123456789 TAI} (no {@code Z}: it is not UTC); {@link #parse} reads it back.
 *
 * <p>This class is immutable, thread-safe, a value type.
 */
public final class TaiTime implements Comparable<TaiTime> {

    private static final String SUFFIX = " TAI";

    /** Nanoseconds since 1970-01-01T00:00:00 TAI. */
    private final long taiNanos;

    private TaiTime(long taiNanos) {
        this.taiNanos = taiNanos;
    }

    /** @return TAI now from {@link TimeSource#system()} */
    public static TaiTime now() {
        return now(TimeSource.system());
    }

    /**
     * @param source the time source to read
     * @return TAI now according to {@code source}
     */
    public static TaiTime now(TimeSource source) {
        Objects.requireNonNull(source, "source");
        return new TaiTime(source.taiNanos());
    }

    /** @return TAI − UTC in whole seconds now, from {@link TimeSource#system()} (37 since 2017-01-01) */
    public static int offset() {
        return TimeSource.system().taiOffset();
    }

    /**
     * @param utcInstant a UTC instant
     * @return the same instant in TAI, with the offset at that instant from {@link LeapSecondTable#system()}
     * @throws ArithmeticException if the instant is outside the range of a long count of nanoseconds
     */
    public static TaiTime of(Instant utcInstant) {
        long utcNanos = EpochNanos.ofInstant(utcInstant, "utcInstant", "TaiTime.of(Instant)");
        try {
            return UtcTime.ofEpochNanos(utcNanos).toTai();
        } catch (ArithmeticException e) {
            throw new ArithmeticException("utcInstant " + utcInstant + " plus TAI − UTC is outside the range of "
                    + "TaiTime (nanoseconds since 1970-01-01T00:00:00 TAI in a long, 1677 to 2262)");
        }
    }

    /**
     * @param taiNanos nanoseconds since 1970-01-01T00:00:00 TAI
     * @return that instant
     */
    public static TaiTime ofEpochNanos(long taiNanos) {
        return new TaiTime(taiNanos);
    }

    /**
     * Parses the text of {@link #toString()}: {@code uuuu-MM-ddTHH:mm:ss[.fraction] TAI}, with one to nine fraction
     * digits or none. Nothing else is accepted (no {@code Z}, no offsets, no second 60, no surrounding spaces).
     *
     * @param text the text
     * @return the instant
     * @throws DateTimeParseException if the text is not in that form or the instant is out of range
     */
    public static TaiTime parse(CharSequence text) {
        return new TaiTime(EpochNanos.parse(text, SUFFIX, "TaiTime"));
    }

    /**
     * Parses a UTC label, such as {@link #toUtcString()} prints, into the exact TAI instant it names, with
     * {@link LeapSecondTable#system()}.
     *
     * @param text the text, {@code uuuu-MM-ddTHH:mm:ss[.fraction]Z UTC}
     * @return the instant
     * @throws DateTimeParseException see {@link #parseUtc(CharSequence, LeapSecondTable)}
     */
    public static TaiTime parseUtc(CharSequence text) {
        return parseUtc(text, LeapSecondTable.system());
    }

    /**
     * Parses a UTC label, such as {@link #toUtcString(LeapSecondTable)} prints, into the exact TAI instant it names:
     * {@code uuuu-MM-ddTHH:mm:ss[.fraction]Z UTC} with one to nine fraction digits or none. Unlike
     * {@link UtcTime#parse}, which maps into POSIX UTC, this keeps the instant: {@code 2016-12-31T23:59:60.5Z UTC} is
     * {@code 2017-01-01T00:00:36.5 TAI}. The inverse of {@link #toUtcString(LeapSecondTable)}.
     *
     * @param text  the text
     * @param table the leap-second table
     * @return the instant
     * @throws DateTimeParseException if the text is not in that form; names second 60 of a day that does not end with
     *                                an inserted leap second, or 23:59:59 of a day whose 23:59:59 was deleted (neither
     *                                label ever existed); or the instant is out of range
     */
    public static TaiTime parseUtc(CharSequence text, LeapSecondTable table) {
        Objects.requireNonNull(table, "table");
        EpochNanos.Label label = EpochNanos.parseLabel(text, UtcTime.SUFFIX, "UtcTime");
        if (label.leapSecond()) {
            UtcTime.checkLeapSecondLabel(text, label, table);
            return new TaiTime(table.leapSecondLabelToTaiNanos(label.followingMidnightNanos(),
                    label.nanosIntoLeapSecond()));
        }
        long utcNanos = label.epochNanos();
        long nextMidnight = Math.floorDiv(utcNanos, EpochNanos.NANOS_PER_DAY) * EpochNanos.NANOS_PER_DAY
                + EpochNanos.NANOS_PER_DAY;
        if (nextMidnight - utcNanos <= EpochNanos.NANOS_PER_SECOND && table.leapSecondBefore(nextMidnight) < 0) {
            String string = text.toString();
            throw new DateTimeParseException("UtcTime " + EpochNanos.quote(string) + " names 23:59:59 of a day whose "
                    + "last second was deleted according to the leap-second table " + table.sourceName()
                    + ": that second never happened", string, 0);
        }
        try {
            return new TaiTime(table.utcToTaiNanos(utcNanos));
        } catch (ArithmeticException e) {
            String string = text.toString();
            throw new DateTimeParseException("UtcTime " + EpochNanos.quote(string) + " is outside the range of "
                    + "TaiTime once TAI − UTC is added (nanoseconds since 1970 in a long, 1677 to 2262)", string, 0, e);
        }
    }

    /** @return nanoseconds since 1970-01-01T00:00:00 TAI */
    public long epochNanos() {
        return taiNanos;
    }

    /**
     * @return the same instant in UTC as an {@link Instant}: {@code toUtc().toInstant()}
     * @throws ArithmeticException if the UTC count of nanoseconds leaves the range of a long (within 37 s of
     *                             {@code Long.MIN_VALUE})
     */
    public Instant toInstant() {
        return toUtc().toInstant();
    }

    /**
     * @param duration the elapsed time to add; negative moves back
     * @return this instant plus {@code duration}
     * @throws ArithmeticException if the result leaves the range of a long count of nanoseconds
     */
    public TaiTime plus(Duration duration) {
        return new TaiTime(EpochNanos.plus(taiNanos, duration, +1, "TaiTime"));
    }

    /**
     * @param duration the elapsed time to subtract; negative moves forward
     * @return this instant minus {@code duration}
     * @throws ArithmeticException if the result leaves the range of a long count of nanoseconds
     */
    public TaiTime minus(Duration duration) {
        return new TaiTime(EpochNanos.plus(taiNanos, duration, -1, "TaiTime"));
    }

    /** @return the elapsed time from TAI now ({@link TimeSource#system()}) until this instant; negative if past */
    public Duration durationFromNow() {
        return durationFromNow(TimeSource.system());
    }

    /**
     * @param source the time source to read
     * @return the elapsed time from {@code source}'s TAI now until this instant; negative if past
     */
    public Duration durationFromNow(TimeSource source) {
        Objects.requireNonNull(source, "source");
        return EpochNanos.between(source.taiNanos(), taiNanos);
    }

    /**
     * @param end the later (or earlier, for a negative result) instant
     * @return the elapsed time from this instant until {@code end}
     */
    public Duration durationUntil(TaiTime end) {
        Objects.requireNonNull(end, "end");
        return EpochNanos.between(taiNanos, end.taiNanos);
    }

    /**
     * @return the same instant in UTC, with the offset at this instant from {@link LeapSecondTable#system()};
     *         23:59:59.999999999 for an instant inside an inserted leap second
     * @throws ArithmeticException if the UTC count of nanoseconds leaves the range of a long (within 37 s of
     *                             {@code Long.MIN_VALUE})
     */
    public UtcTime toUtc() {
        return toUtc(LeapSecondTable.system());
    }

    /**
     * @param table the leap-second table to use
     * @return the same instant in UTC, with the offset at this instant from {@code table}; 23:59:59.999999999 for an
     *         instant inside an inserted leap second
     * @throws ArithmeticException if the UTC count of nanoseconds leaves the range of a long
     */
    public UtcTime toUtc(LeapSecondTable table) {
        Objects.requireNonNull(table, "table");
        return UtcTime.ofEpochNanos(table.taiToUtcNanos(taiNanos));
    }

    /**
     * @return the same instant in TT (Terrestrial Time, TAI + 32.184 s), exact
     * @throws ArithmeticException within 32.184 s of the end of the range
     */
    public TtTime toTt() {
        return TtTime.of(this);
    }

    /**
     * @return the same instant in GPS time (TAI − 19 s), exact, with its week and time of week
     * @throws ArithmeticException before 1687 (outside the range of {@link GpsTime})
     */
    public GpsTime toGps() {
        return GpsTime.of(this);
    }

    /**
     * @return this instant in UT1, from {@link Ut1Table#system()} (IERS Bulletin A, interpolated), with the published
     *         uncertainty
     * @throws java.time.DateTimeException if the instant is outside that table (see {@link Ut1Table#lastPredicted()})
     */
    public Ut1Time toUt1() {
        return Ut1Table.system().toUt1(this);
    }

    /**
     * @param scale UTC, TAI, TT or GPS
     * @return this instant as a Modified Julian Date in {@code scale}, exact (a UTC date with the leap seconds of
     *         {@link LeapSecondTable#system()}; inside an inserted leap second its time of day is 86 400 s and more)
     * @throws ArithmeticException if the instant in that scale leaves the range of a long count of nanoseconds
     */
    public ModifiedJulianDate toMjd(TimeScale scale) {
        return toMjd(scale, LeapSecondTable.system());
    }

    /**
     * @param scale UTC, TAI, TT or GPS
     * @param table the leap seconds of UTC (unused for the other scales)
     * @return this instant as a Modified Julian Date in {@code scale}, exact; see {@link ModifiedJulianDate}
     * @throws ArithmeticException if the instant in that scale leaves the range of a long count of nanoseconds
     */
    public ModifiedJulianDate toMjd(TimeScale scale, LeapSecondTable table) {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(table, "table");
        return ModifiedJulianDate.ofTai(taiNanos, scale, table);
    }

    /**
     * @return this instant as UTC labels it, with {@link LeapSecondTable#system()}; see
     *         {@link #toUtcString(LeapSecondTable)}
     */
    public String toUtcString() {
        return toUtcString(LeapSecondTable.system());
    }

    /**
     * This instant as UTC labels it, in the form of {@link UtcTime#toString()}: {@code 2026-11-21T22:13:00.123456789Z
     * UTC}, and inside an inserted leap second {@code 2016-12-31T23:59:60.500000000Z UTC}, the label that POSIX UTC
     * (and so {@link #toUtc()}) cannot give. Fixed width, so the text sorts as the instants do; {@link #parseUtc}
     * reads it back to this exact instant.
     *
     * @param table the leap-second table
     * @return the UTC label
     * @throws ArithmeticException if the UTC count of nanoseconds leaves the range of a long
     */
    public String toUtcString(LeapSecondTable table) {
        Objects.requireNonNull(table, "table");
        long intoLeapSecond = table.nanosIntoInsertedLeapSecond(taiNanos);
        if (intoLeapSecond < 0) {
            return UtcTime.ofEpochNanos(table.taiToUtcNanos(taiNanos)).toString();
        }
        String lastSecond = EpochNanos.format(table.taiToUtcNanos(taiNanos) - 999_999_999L); // 23:59:59.000000000
        return lastSecond.substring(0, lastSecond.length() - "59.000000000".length()) + "60."
                + String.format(Locale.ROOT, "%09d", intoLeapSecond) + "Z UTC";
    }

    /**
     * @param other the instant to compare with
     * @return true if this instant is strictly before {@code other}
     */
    public boolean isBefore(TaiTime other) {
        return compareTo(other) < 0;
    }

    /**
     * @param other the instant to compare with
     * @return true if this instant is strictly after {@code other}
     */
    public boolean isAfter(TaiTime other) {
        return compareTo(other) > 0;
    }

    /** Orders by position on the time line, consistent with {@link #equals}. */
    @Override
    public int compareTo(TaiTime other) {
        Objects.requireNonNull(other, "other");
        return Long.compare(taiNanos, other.taiNanos);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaiTime that && that.taiNanos == taiNanos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(taiNanos);
    }

    /**
     * @return ISO-8601 date and time in the TAI calendar with nine fraction digits and the scale, such as
     *         {@code 2026-11-21T22:13:37.123456789 TAI}
     */
    @Override
    public String toString() {
        return EpochNanos.format(taiNanos) + SUFFIX;
    }
}
