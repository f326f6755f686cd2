package io.obstime.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 * 23:59:59.999999999 of the leap day, which keeps the mapping monotonic.
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
        return UtcTime.of(Objects.requireNonNull(utcInstant, "utcInstant")).toTai();
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
