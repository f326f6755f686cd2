package io.obstime.clock;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of a {@link LeapSecondTable}: from the UTC midnight {@code utcEpochSecond} on, TAI − UTC is
 * {@code taiMinusUtc} seconds. A leap second inserted at the end of 2016-12-31 is the entry
 * {@code (1483228800, 37)}, 1483228800 being 2017-01-01T00:00:00Z. The first entry of a table, 1972-01-01 with 10 s, is
 * the start of UTC with whole-second offsets rather than a leap second.
 *
 * @param utcEpochSecond the UTC instant from which the offset applies, POSIX seconds since 1970-01-01T00:00:00Z;
 *                       always a midnight
 * @param taiMinusUtc    TAI − UTC in seconds from that instant on
 */
public record LeapSecond(long utcEpochSecond, int taiMinusUtc) {

    private static final int SECONDS_PER_DAY = 86_400;

    /**
     * Checks that the entry starts at a UTC midnight, as every leap second ends a UTC day.
     *
     * @param utcEpochSecond the UTC instant from which the offset applies, POSIX seconds since 1970-01-01T00:00:00Z
     * @param taiMinusUtc    TAI − UTC in seconds from that instant on
     * @throws IllegalArgumentException if {@code utcEpochSecond} is not a midnight
     */
    public LeapSecond {
        if (Math.floorMod(utcEpochSecond, SECONDS_PER_DAY) != 0) {
            throw new IllegalArgumentException("utcEpochSecond " + utcEpochSecond + " (" + Instant.ofEpochSecond(
                    utcEpochSecond) + ") is not a UTC midnight; TAI − UTC changes only at the end of a UTC day");
        }
    }

    /** @return the UTC instant from which {@link #taiMinusUtc()} applies (a midnight) */
    public Instant utcStart() {
        return Instant.ofEpochSecond(utcEpochSecond);
    }

    /** @return the UTC day at whose end the leap second was inserted or deleted (the day before {@link #utcStart()}) */
    public LocalDate leapDay() {
        return LocalDate.ofEpochDay(Math.floorDiv(utcEpochSecond, SECONDS_PER_DAY) - 1);
    }
}
