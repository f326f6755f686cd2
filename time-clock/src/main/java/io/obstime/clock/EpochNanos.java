package io.obstime.clock;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arithmetic, formatting and parsing that {@link UtcTime} and {@link TaiTime} share: a signed count of nanoseconds
 * since 1970-01-01T00:00:00 of one scale, written as that scale's calendar date and time. Which scale is the caller's
 * business; nothing here converts between scales.
 */
final class EpochNanos {

    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long NANOS_PER_DAY = 86_400 * NANOS_PER_SECOND;
    /** How much of a user's input a message echoes at most. */
    static final int MAX_ECHOED_CHARS = 64;

    /** Always nine fraction digits: fixed width, so that the text sorts as the instants do. */
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS");
    private static final Pattern DATE_TIME =
            Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");

    private EpochNanos() {
    }

    /** @return the instant's nanoseconds since the epoch, or ArithmeticException naming {@code parameter} */
    static long ofInstant(Instant instant, String parameter, String what) {
        Objects.requireNonNull(instant, parameter);
        try {
            return ofSecondsExact(instant.getEpochSecond(), instant.getNano());
        } catch (ArithmeticException e) {
            throw new ArithmeticException(parameter + " " + instant + " is outside the range of " + what + " ("
                    + Instant.ofEpochSecond(0, Long.MIN_VALUE) + " to " + Instant.ofEpochSecond(0, Long.MAX_VALUE)
                    + ", nanoseconds since 1970 in a long)");
        }
    }

    /**
     * @return {@code epochSecond × 10⁹ + nanoOfSecond}; exact down to {@link Long#MIN_VALUE}, whose second alone
     *         would overflow
     * @throws ArithmeticException if the result does not fit a long
     */
    private static long ofSecondsExact(long epochSecond, long nanoOfSecond) {
        if (epochSecond < 0 && nanoOfSecond > 0) {
            long nanosOfNextSecond = Math.multiplyExact(epochSecond + 1, NANOS_PER_SECOND);
            return Math.addExact(nanosOfNextSecond, nanoOfSecond - NANOS_PER_SECOND);
        }
        return Math.addExact(Math.multiplyExact(epochSecond, NANOS_PER_SECOND), nanoOfSecond);
    }

    static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    /**
     * @param sign +1 to add, -1 to subtract
     * @return {@code epochNanos ± duration}, or ArithmeticException naming the duration and the instant
     */
    static long plus(long epochNanos, Duration duration, int sign, String type) {
        Objects.requireNonNull(duration, "duration");
        try {
            long nanos = duration.toNanos();
            return sign > 0 ? Math.addExact(epochNanos, nanos) : Math.subtractExact(epochNanos, nanos);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("duration " + duration + (sign > 0 ? " added to " : " subtracted from ")
                    + type + " " + format(epochNanos) + " leaves the range of " + type
                    + " (nanoseconds since 1970 in a long, 1677 to 2262)");
        }
    }

    /** @return {@code endNanos − startNanos} as a Duration, without overflow */
    static Duration between(long startNanos, long endNanos) {
        return Duration.ofNanos(endNanos).minusNanos(startNanos);
    }

    /** @return {@code uuuu-MM-ddTHH:mm:ss.nnnnnnnnn} of the instant in its own scale's calendar */
    static String format(long epochNanos) {
        return FORMAT.format(LocalDateTime.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                (int) Math.floorMod(epochNanos, NANOS_PER_SECOND), ZoneOffset.UTC));
    }

    /**
     * Parses {@code uuuu-MM-ddTHH:mm:ss[.fraction of 1 to 9 digits]} followed by exactly {@code suffix}, for a scale
     * without leap seconds: second 60 is rejected.
     *
     * @throws DateTimeParseException for anything else, a field out of range (such as second 60), or an instant
     *                                outside the range of a long count of nanoseconds
     */
    static long parse(CharSequence text, String suffix, String type) {
        Label label = parseLabel(text, suffix, type);
        if (label.leapSecond()) {
            String string = text.toString();
            throw new DateTimeParseException(type + " " + quote(string) + ": second 60 exists only in UTC, at the end "
                    + "of a day with an inserted leap second; " + type + " has none", string, 0);
        }
        return label.epochNanos();
    }

    /**
     * A parsed date and time. For second 60 ({@code 23:59:60.f}, only after 23:59), {@code epochNanos} is the next
     * midnight plus the fraction: the caller decides whether that day really ends with a leap second.
     *
     * @param epochNanos nanoseconds since 1970-01-01T00:00:00 of the text's scale; for a leap-second label, the
     *                   following midnight plus the fraction
     * @param leapSecond whether the text named second 60
     */
    record Label(long epochNanos, boolean leapSecond) {

        /** @return the midnight that follows a leap-second label, in nanoseconds since the epoch */
        long followingMidnightNanos() {
            return Math.floorDiv(epochNanos, NANOS_PER_DAY) * NANOS_PER_DAY;
        }

        /** @return how far into the leap second a leap-second label is, in nanoseconds */
        long nanosIntoLeapSecond() {
            return Math.floorMod(epochNanos, NANOS_PER_DAY);
        }
    }

    /**
     * Parses {@code uuuu-MM-ddTHH:mm:ss[.fraction of 1 to 9 digits]} followed by exactly {@code suffix}, accepting
     * second 60 after 23:59 (see {@link Label}).
     *
     * @throws DateTimeParseException for anything else, a field out of range, second 60 anywhere but after 23:59,
     *                                or an instant outside the range of a long count of nanoseconds
     */
    static Label parseLabel(CharSequence text, String suffix, String type) {
        Objects.requireNonNull(text, "text");
        String string = text.toString();
        if (!string.endsWith(suffix)) {
            throw new DateTimeParseException(expected(type, suffix) + ", found " + quote(string), string, 0);
        }
        Matcher m = DATE_TIME.matcher(string.substring(0, string.length() - suffix.length()));
        if (!m.matches()) {
            throw new DateTimeParseException(expected(type, suffix) + ", found " + quote(string), string, 0);
        }
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = Integer.parseInt(m.group(6));
        boolean leapSecond = second == 60;
        if (leapSecond && (hour != 23 || minute != 59)) {
            throw new DateTimeParseException("invalid " + type + " " + quote(string) + ": second 60 exists only as "
                    + "23:59:60, a leap second at the end of a UTC day", string, 0);
        }
        try {
            LocalDateTime dateTime = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), hour, minute, leapSecond ? 59 : second);
            String fraction = m.group(7) == null ? "" : m.group(7);
            long nanoOfSecond = fraction.isEmpty() ? 0 : Long.parseLong(fraction + "0".repeat(9 - fraction.length()));
            long epochSecond = dateTime.toEpochSecond(ZoneOffset.UTC) + (leapSecond ? 1 : 0);
            return new Label(ofSecondsExact(epochSecond, nanoOfSecond), leapSecond);
        } catch (DateTimeException e) {
            throw new DateTimeParseException("invalid " + type + " " + quote(string) + ": " + e.getMessage(), string,
                    0, e);
        } catch (ArithmeticException e) {
            throw new DateTimeParseException(type + " " + quote(string) + " is outside the range of nanoseconds "
                    + "since 1970 in a long (1677 to 2262)", string, 0, e);
        }
    }

    private static String expected(String type, String suffix) {
        return "expected " + type + " as uuuu-MM-ddTHH:mm:ss" + suffix + ", with an optional fraction of 1 to 9 "
                + "digits after the seconds (such as :ss.5 or :ss.123456789)";
    }

    /**
     * @param text any text a user gave
     * @return the text in single quotes, cut to its first {@value #MAX_ECHOED_CHARS} characters followed by
     *         {@code ...} when longer, so that a message never echoes an input of any length
     */
    static String quote(String text) {
        if (text.length() <= MAX_ECHOED_CHARS) {
            return "'" + text + "'";
        }
        return "'" + text.substring(0, MAX_ECHOED_CHARS) + "...' (" + text.length() + " characters)";
    }
}
