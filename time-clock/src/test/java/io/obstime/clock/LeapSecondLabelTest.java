package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/** UTC leap-second labels (23:59:60): parsed where the table inserts a second, printed by TaiTime.toUtcString. */
class LeapSecondLabelTest {

    private static final LeapSecondTable TABLE = LeapSecondTable.bundled();

    @Test
    void parsesTheLabelOfTheLeapSecondAtTheEndOf2016AsTaiTimeToUtcMapsIt() {
        // The instant 0.5 s into the leap second: TAI 2017-01-01T00:00:36.5 (TAI − UTC was 36 s until then).
        TaiTime inside = TaiTime.parse("2017-01-01T00:00:36.500000000 TAI");
        assertEquals(inside.toUtc(TABLE), UtcTime.parse("2016-12-31T23:59:60.5Z UTC", TABLE));
        assertEquals(UtcTime.parse("2016-12-31T23:59:59.999999999Z UTC"), UtcTime.parse("2016-12-31T23:59:60.5Z UTC"));
        assertEquals(UtcTime.parse("2016-12-31T23:59:59.999999999Z UTC"), UtcTime.parse("2016-12-31T23:59:60Z UTC"));
    }

    @Test
    void rejectsSecond60OnADayWithoutAnInsertedLeapSecondSayingSo() {
        DateTimeParseException e = assertThrows(DateTimeParseException.class,
                () -> UtcTime.parse("2017-06-30T23:59:60.5Z UTC", TABLE));
        assertEquals("UtcTime '2017-06-30T23:59:60.5Z UTC' names second 60 of 2017-06-30, but the leap-second table "
                + "classpath:/io/obstime/clock/leap-seconds.list has no leap second inserted at the end of that day "
                + "(its last leap second ended 2016-12-31); 23:59:60 exists only on such days", e.getMessage());
        assertEquals("2017-06-30T23:59:60.5Z UTC", e.getParsedString());
    }

    @Test
    void rejectsSecond60AnywhereButAfter2359() {
        DateTimeParseException e = assertThrows(DateTimeParseException.class,
                () -> UtcTime.parse("2016-12-31T12:00:60Z UTC", TABLE));
        assertEquals("invalid UtcTime '2016-12-31T12:00:60Z UTC': second 60 exists only as 23:59:60, a leap second "
                + "at the end of a UTC day", e.getMessage());
        assertThrows(DateTimeParseException.class, () -> UtcTime.parse("2016-12-31T23:59:61Z UTC", TABLE));
    }

    @Test
    void taiHasNoSecond60() {
        DateTimeParseException e = assertThrows(DateTimeParseException.class,
                () -> TaiTime.parse("2016-12-31T23:59:60 TAI"));
        assertEquals("TaiTime '2016-12-31T23:59:60 TAI': second 60 exists only in UTC, at the end of a day with an "
                + "inserted leap second; TaiTime has none", e.getMessage());
    }

    @Test
    void simulatedInsertedAndDeletedSecondsDecideToo() {
        LocalDate day = LocalDate.of(2027, 12, 31);
        LeapSecondTable inserted = TABLE.withLeapSecond(day, true);
        LeapSecondTable deleted = TABLE.withLeapSecond(day, false);
        assertEquals(+1, inserted.leapSecondAtEndOf(day));
        assertEquals(-1, deleted.leapSecondAtEndOf(day));
        assertEquals(0, TABLE.leapSecondAtEndOf(day));
        assertEquals(+1, TABLE.leapSecondAtEndOf(LocalDate.of(2016, 12, 31)));
        assertEquals(0, TABLE.leapSecondAtEndOf(LocalDate.of(1971, 12, 31)), "1972-01-01 starts UTC, not a leap");
        assertEquals(0, TABLE.leapSecondAtEndOf(LocalDate.MAX));

        assertEquals(UtcTime.parse("2027-12-31T23:59:59.999999999Z UTC"),
                UtcTime.parse("2027-12-31T23:59:60.25Z UTC", inserted));
        assertThrows(DateTimeParseException.class, () -> UtcTime.parse("2027-12-31T23:59:60.25Z UTC", deleted));
        // 23:59:59 of a day whose last second is deleted never existed: the strict label parser says so.
        DateTimeParseException e = assertThrows(DateTimeParseException.class,
                () -> TaiTime.parseUtc("2027-12-31T23:59:59.5Z UTC", deleted));
        assertTrue(e.getMessage().contains("names 23:59:59 of a day whose last second was deleted"), e.getMessage());
        assertEquals(TaiTime.parseUtc("2028-01-01T00:00:00Z UTC", deleted),
                TaiTime.parseUtc("2027-12-31T23:59:58.999999999Z UTC", deleted).plus(java.time.Duration.ofNanos(1)));
    }

    @Test
    void toUtcStringPrintsTheLeapSecondLabelAndParseUtcReadsItBackExactly() {
        TaiTime inside = TaiTime.parse("2017-01-01T00:00:36.500000000 TAI");
        assertEquals("2016-12-31T23:59:60.500000000Z UTC", inside.toUtcString(TABLE));
        assertEquals(inside, TaiTime.parseUtc("2016-12-31T23:59:60.5Z UTC", TABLE));
        assertEquals("2016-12-31T23:59:59.999999999Z UTC",
                TaiTime.parse("2017-01-01T00:00:35.999999999 TAI").toUtcString(TABLE));
        assertEquals("2016-12-31T23:59:60.000000000Z UTC",
                TaiTime.parse("2017-01-01T00:00:36 TAI").toUtcString(TABLE));
        assertEquals("2016-12-31T23:59:60.999999999Z UTC",
                TaiTime.parse("2017-01-01T00:00:36.999999999 TAI").toUtcString(TABLE));
        assertEquals("2017-01-01T00:00:00.000000000Z UTC",
                TaiTime.parse("2017-01-01T00:00:37 TAI").toUtcString(TABLE));
        // The first leap second, at the end of 1972-06-30 (TAI − UTC 10 → 11 s).
        assertEquals("1972-06-30T23:59:60.000000000Z UTC",
                TaiTime.parse("1972-07-01T00:00:10 TAI").toUtcString(TABLE));
    }
}
