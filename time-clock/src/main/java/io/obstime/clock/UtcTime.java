package io.obstime.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An instant in UTC with nanosecond precision: nanoseconds since 1970-01-01T00:00:00Z in POSIX UTC (86 400 s a day,
 * leap seconds not counted), the kernel's {@code CLOCK_REALTIME} and {@link Instant}'s count. The range is that of a
 * long: 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z.
 *
 * <p>POSIX UTC cannot name an inserted leap second: during one the kernel repeats 23:59:59, and so does
 * {@link #now()}. {@link #toTai()} maps the repeated second to its first occurrence; {@link TaiTime#toUtc()} maps
 * every instant inside the leap second to 23:59:59.999999999 (see {@link LeapSecondTable}).
 *
 * <p>Arithmetic: {@link #plus(Duration)} and {@link #minus(Duration)} work on the POSIX count (a day is always
 * 86 400 s), the way calendars and {@code CLOCK_REALTIME} timers do. Elapsed time across a leap second is
 * {@link #durationUntil(UtcTime)}, which goes through TAI. This class deliberately does not implement
 * {@code Temporal}, so that {@code Duration.between} cannot silently miss a leap second.
 *
 * <p>{@link #toString()} gives ISO-8601 with nine fraction digits and the scale, {@code 2026-11-21T22:13:00.123456789Z
 * UTC}; {@link #parse} reads it back, and reads a leap-second label {@code 23:59:60.5} on a day that ends with an
 * inserted leap second (as 23:59:59.999999999). {@link TaiTime#toUtcString()} prints such labels.
 *
 * <p>This class is immutable, thread-safe, a value type.
 */
public final class UtcTime implements Comparable<UtcTime> {

    static final String SUFFIX = "Z UTC";

    /** Nanoseconds since 1970-01-01T00:00:00Z, POSIX UTC. */
    private final long utcNanos;

    private UtcTime(long utcNanos) {
        this.utcNanos = utcNanos;
    }

    /** @return UTC now from {@link TimeSource#system()} */
    public static UtcTime now() {
        return now(TimeSource.system());
    }

    /**
     * @param source the time source to read
     * @return UTC now according to {@code source}
     */
    public static UtcTime now(TimeSource source) {
        Objects.requireNonNull(source, "source");
        return new UtcTime(source.utcNanos());
    }

    /**
     * @param instant a UTC instant
     * @return the same instant
     * @throws ArithmeticException if {@code instant} is outside the range of a long count of nanoseconds
     */
    public static UtcTime of(Instant instant) {
        return new UtcTime(EpochNanos.ofInstant(instant, "instant", "UtcTime"));
    }

    /**
     * @param utcNanos nanoseconds since 1970-01-01T00:00:00Z, POSIX UTC
     * @return that instant
     */
    public static UtcTime ofEpochNanos(long utcNanos) {
        return new UtcTime(utcNanos);
    }

    /**
     * Parses the text of {@link #toString()}: {@code uuuu-MM-ddTHH:mm:ss[.fraction]Z UTC}, with one to nine fraction
     * digits or none, and also a leap-second label {@code 23:59:60[.fraction]} on a day that
     * {@link LeapSecondTable#system()} says ends with an inserted leap second. See {@link #parse(CharSequence,
     * LeapSecondTable)}.
     *
     * @param text the text
     * @return the instant
     * @throws DateTimeParseException if the text is not in that form, names second 60 of a day without an inserted
     *                                leap second, or the instant is out of range
     */
    public static UtcTime parse(CharSequence text) {
        return parse(text, null);
    }

    /**
     * Parses the text of {@link #toString()}: {@code uuuu-MM-ddTHH:mm:ss[.fraction]Z UTC}, with one to nine fraction
     * digits or none. Nothing else is accepted (no offsets, no surrounding spaces), except second 60 on a day that
     * {@code table} says ends with an inserted leap second: {@code 2016-12-31T23:59:60.5Z UTC}, as UTC labels it and
     * {@link TaiTime#toUtcString()} prints it. POSIX UTC cannot name that second, so such a label maps as
     * {@link TaiTime#toUtc()} maps every instant inside the leap second: to 23:59:59.999999999 of that day (monotonic:
     * after every 23:59:59.x, before midnight). {@link TaiTime#parseUtc} keeps the exact instant instead.
     *
     * @param text  the text
     * @param table the leap-second table that decides whether second 60 exists on the text's day; null for
     *              {@link LeapSecondTable#system()}, which is then loaded only if the text names second 60
     * @return the instant
     * @throws DateTimeParseException if the text is not in that form, names second 60 of a day that does not end
     *                                with an inserted leap second in {@code table}, or the instant is out of range
     */
    public static UtcTime parse(CharSequence text, LeapSecondTable table) {
        EpochNanos.Label label = EpochNanos.parseLabel(text, SUFFIX, "UtcTime");
        if (!label.leapSecond()) {
            return new UtcTime(label.epochNanos());
        }
        checkLeapSecondLabel(text, label, table == null ? LeapSecondTable.system() : table);
        return new UtcTime(label.followingMidnightNanos() - 1);
    }

    /**
     * @throws DateTimeParseException unless the table inserts a leap second at the end of the label's day
     */
    static void checkLeapSecondLabel(CharSequence text, EpochNanos.Label label, LeapSecondTable table) {
        if (table.leapSecondBefore(label.followingMidnightNanos()) > 0) {
            return;
        }
        String string = text.toString();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(label.followingMidnightNanos(), EpochNanos.NANOS_PER_DAY))
                .minusDays(1);
        LocalDate last = table.lastLeapDay();
        throw new DateTimeParseException("UtcTime " + EpochNanos.quote(string) + " names second 60 of " + day
                + ", but the leap-second table " + table.sourceName() + " has no leap second inserted at the end of "
                + "that day" + (last == null ? "" : " (its last leap second ended " + last + ")")
                + "; 23:59:60 exists only on such days", string, 0);
    }

    /** @return nanoseconds since 1970-01-01T00:00:00Z, POSIX UTC */
    public long epochNanos() {
        return utcNanos;
    }

    /** @return the same instant as an {@link Instant} */
    public Instant toInstant() {
        return EpochNanos.toInstant(utcNanos);
    }

    /**
     * @param duration the amount to add to the POSIX count; negative moves back
     * @return this instant plus {@code duration}
     * @throws ArithmeticException if the result leaves the range of a long count of nanoseconds
     */
    public UtcTime plus(Duration duration) {
        return new UtcTime(EpochNanos.plus(utcNanos, duration, +1, "UtcTime"));
    }

    /**
     * @param duration the amount to subtract from the POSIX count; negative moves forward
     * @return this instant minus {@code duration}
     * @throws ArithmeticException if the result leaves the range of a long count of nanoseconds
     */
    public UtcTime minus(Duration duration) {
        return new UtcTime(EpochNanos.plus(utcNanos, duration, -1, "UtcTime"));
    }

    /**
     * @return the elapsed time from now ({@link TimeSource#system()}) until this instant, counting leap seconds:
     *         positive in the future, negative in the past
     */
    public Duration durationFromNow() {
        return durationFromNow(TimeSource.system());
    }

    /**
     * @param source the time source whose TAI now and leap-second table are used
     * @return the elapsed time from {@code source}'s now until this instant, counting leap seconds: positive in the
     *         future, negative in the past
     */
    public Duration durationFromNow(TimeSource source) {
        Objects.requireNonNull(source, "source");
        long nowTaiNanos = source.taiNanos();
        return EpochNanos.between(nowTaiNanos, toTai(source.leapSeconds()).epochNanos());
    }

    /**
     * The elapsed time from this instant until {@code end}, counting the leap seconds between them according to
     * {@link LeapSecondTable#system()}: from 2016-12-31T23:59:59Z to 2017-01-01T00:00:00Z is two seconds.
     *
     * @param end the later (or earlier, for a negative result) instant
     * @return the elapsed time
     */
    public Duration durationUntil(UtcTime end) {
        return durationUntil(end, LeapSecondTable.system());
    }

    /**
     * @param end   the later (or earlier, for a negative result) instant
     * @param table the leap seconds to count
     * @return the elapsed time from this instant until {@code end}, counting leap seconds
     */
    public Duration durationUntil(UtcTime end, LeapSecondTable table) {
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(table, "table");
        return EpochNanos.between(table.utcToTaiNanos(utcNanos), table.utcToTaiNanos(end.utcNanos));
    }

    /**
     * @return the same instant in TAI, with TAI − UTC at this instant from {@link LeapSecondTable#system()}
     * @throws ArithmeticException within 37 s of the end of the range
     */
    public TaiTime toTai() {
        return toTai(LeapSecondTable.system());
    }

    /**
     * @param table the leap-second table to use
     * @return the same instant in TAI, with TAI − UTC at this instant from {@code table}
     * @throws ArithmeticException within 37 s of the end of the range
     */
    public TaiTime toTai(LeapSecondTable table) {
        Objects.requireNonNull(table, "table");
        return TaiTime.ofEpochNanos(table.utcToTaiNanos(utcNanos));
    }

    /**
     * @return this instant in UT1, from {@link Ut1Table#system()} (IERS Bulletin A, interpolated), with the published
     *         uncertainty
     * @throws java.time.DateTimeException if the instant is outside that table (see {@link Ut1Table#lastPredicted()})
     */
    public Ut1Time toUt1() {
        return toUt1(Ut1Table.system());
    }

    /**
     * @param table the UT1 table (its leap seconds turn this POSIX instant into TAI, as {@link #toTai} does)
     * @return this instant in UT1, with the published uncertainty
     * @throws java.time.DateTimeException if the instant is outside {@code table}
     */
    public Ut1Time toUt1(Ut1Table table) {
        Objects.requireNonNull(table, "table");
        return table.toUt1(toTai(table.leapSeconds()));
    }

    /**
     * @return this instant as a UTC Modified Julian Date, exact; the day's length (86 400 s, or 86 401 / 86 399 s with
     *         a leap second at its end) from {@link LeapSecondTable#system()}
     */
    public ModifiedJulianDate toMjd() {
        return toMjd(LeapSecondTable.system());
    }

    /**
     * @param table the leap seconds that decide the day's length
     * @return this instant as a UTC Modified Julian Date, exact (a POSIX instant is never inside a leap second: for
     *         23:59:60 use {@link TaiTime#toMjd(TimeScale, LeapSecondTable)})
     */
    public ModifiedJulianDate toMjd(LeapSecondTable table) {
        Objects.requireNonNull(table, "table");
        return ModifiedJulianDate.ofUtc(utcNanos, table);
    }

    /**
     * @param other the instant to compare with
     * @return true if this instant is strictly before {@code other}
     */
    public boolean isBefore(UtcTime other) {
        return compareTo(other) < 0;
    }

    /**
     * @param other the instant to compare with
     * @return true if this instant is strictly after {@code other}
     */
    public boolean isAfter(UtcTime other) {
        return compareTo(other) > 0;
    }

    /** Orders by position on the time line, consistent with {@link #equals}. */
    @Override
    public int compareTo(UtcTime other) {
        Objects.requireNonNull(other, "other");
        return Long.compare(utcNanos, other.utcNanos);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UtcTime that && that.utcNanos == utcNanos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(utcNanos);
    }

    /** @return ISO-8601 with nine fraction digits and the scale, such as {@code 2026-11-21T22:13:00.123456789Z UTC} */
    @Override
    public String toString() {
        return EpochNanos.format(utcNanos) + SUFFIX;
    }
}
