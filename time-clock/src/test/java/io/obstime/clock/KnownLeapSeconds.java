package io.obstime.clock;

import java.time.LocalDate;
import java.util.List;

/**
 * TAI − UTC from each date on, typed from the IERS Bulletin C history (https://hpiers.obspm.fr/iers/bul/bulc/), as an
 * independent check of the parsed tables.
 */
final class KnownLeapSeconds {

    /** TAI − UTC is {@code taiMinusUtc} from the midnight that begins {@code from}. */
    record Entry(LocalDate from, int taiMinusUtc) {
    }

    static final List<Entry> HISTORY = List.of(
        new Entry(LocalDate.of(1972, 1, 1), 10),
        new Entry(LocalDate.of(1972, 7, 1), 11),
        new Entry(LocalDate.of(1973, 1, 1), 12),
        new Entry(LocalDate.of(1974, 1, 1), 13),
        new Entry(LocalDate.of(1975, 1, 1), 14),
        new Entry(LocalDate.of(1976, 1, 1), 15),
        new Entry(LocalDate.of(1977, 1, 1), 16),
        new Entry(LocalDate.of(1978, 1, 1), 17),
        new Entry(LocalDate.of(1979, 1, 1), 18),
        new Entry(LocalDate.of(1980, 1, 1), 19),
        new Entry(LocalDate.of(1981, 7, 1), 20),
        new Entry(LocalDate.of(1982, 7, 1), 21),
        new Entry(LocalDate.of(1983, 7, 1), 22),
        new Entry(LocalDate.of(1985, 7, 1), 23),
        new Entry(LocalDate.of(1988, 1, 1), 24),
        new Entry(LocalDate.of(1990, 1, 1), 25),
        new Entry(LocalDate.of(1991, 1, 1), 26),
        new Entry(LocalDate.of(1992, 7, 1), 27),
        new Entry(LocalDate.of(1993, 7, 1), 28),
        new Entry(LocalDate.of(1994, 7, 1), 29),
        new Entry(LocalDate.of(1996, 1, 1), 30),
        new Entry(LocalDate.of(1997, 7, 1), 31),
        new Entry(LocalDate.of(1999, 1, 1), 32),
        new Entry(LocalDate.of(2006, 1, 1), 33),
        new Entry(LocalDate.of(2009, 1, 1), 34),
        new Entry(LocalDate.of(2012, 7, 1), 35),
        new Entry(LocalDate.of(2015, 7, 1), 36),
        new Entry(LocalDate.of(2017, 1, 1), 37));

    private KnownLeapSeconds() {
    }
}
