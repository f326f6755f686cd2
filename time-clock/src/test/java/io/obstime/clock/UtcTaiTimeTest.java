package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcTaiTimeTest {

    private static final long NANOS = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;

    // ----------------------------------------------------------------------------------- text

    @Test
    void utcToStringIsIsoWithNineDigitsAndTheScale() {
        UtcTime t = UtcTime.of(Instant.parse("2026-11-21T22:13:00.123456789Z"));
        assertEquals("2026-11-21T22:13:00.123456789Z UTC", t.toString());
        assertEquals("1970-01-01T00:00:00.000000000Z UTC", UtcTime.ofEpochNanos(0).toString());
        assertEquals("1969-12-31T23:59:59.999999999Z UTC", UtcTime.ofEpochNanos(-1).toString());
    }

    @Test
    void taiToStringUsesTheTaiCalendarAndNoZone() {
        // 2017-01-01T00:00:00Z is 37 s later in the TAI calendar (IERS Bulletin C: TAI − UTC = 37 s since then).
        TaiTime t = UtcTime.of(Instant.parse("2017-01-01T00:00:00Z")).toTai(LeapSecondTable.bundled());
        assertEquals("2017-01-01T00:00:37.000000000 TAI", t.toString());
    }

    @Test
    void parseAcceptsOneToNineFractionDigitsOrNone() {
        assertEquals(UtcTime.of(Instant.parse("2026-11-21T22:13:00Z")), UtcTime.parse("2026-11-21T22:13:00Z UTC"));
        assertEquals(UtcTime.of(Instant.parse("2026-11-21T22:13:00.5Z")),
                UtcTime.parse("2026-11-21T22:13:00.5Z UTC"));
        assertEquals(TaiTime.ofEpochNanos(1_000_000), TaiTime.parse("1970-01-01T00:00:00.001 TAI"));
        assertEquals(TaiTime.ofEpochNanos(-1), TaiTime.parse("1969-12-31T23:59:59.999999999 TAI"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2026-11-21T22:13:00Z", "2026-11-21T22:13:00.123Z UTC ", " 2026-11-21T22:13:00Z UTC",
        "2026-11-21 22:13:00Z UTC", "2026-02-30T00:00:00Z UTC", "2017-06-30T23:59:60Z UTC",
        "2026-11-21T24:00:00Z UTC", "2026-11-21T22:13:00.1234567890Z UTC", "2026-11-21T22:13:00.Z UTC",
        "2026-11-21T22:13:00+01:00 UTC", "2026-11-21T22:13:00Z utc", "+2026-11-21T22:13:00Z UTC",
        "9999-01-01T00:00:00Z UTC", "1000-01-01T00:00:00Z UTC", "2026-11-21T22:13:00 TAI", "26-11-21T22:13:00Z UTC"})
    void utcParseRejectsEverythingButItsOwnFormat(String text) {
        DateTimeParseException e = assertThrows(DateTimeParseException.class, () -> UtcTime.parse(text));
        assertEquals(text, e.getParsedString());
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-21T22:13:00Z TAI", "2026-11-21T22:13:00Z UTC", "2026-11-21T22:13:00TAI", "2026-11-21T22:13:00 TAI\n",
        "2262-04-12T00:00:00 TAI", "2026-13-01T00:00:00 TAI"})
    void taiParseRejectsEverythingButItsOwnFormat(String text) {
        assertThrows(DateTimeParseException.class, () -> TaiTime.parse(text));
    }

    @Test
    void parseOfTheEndsOfTheRangeRoundTrips() {
        for (long n : new long[] {Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertEquals(n, UtcTime.parse(UtcTime.ofEpochNanos(n).toString()).epochNanos());
            assertEquals(n, TaiTime.parse(TaiTime.ofEpochNanos(n).toString()).epochNanos());
        }
    }

    // ----------------------------------------------------------------------------------- conversions

    @Test
    void toTaiUsesTheOffsetAtThatInstantNotToday() {
        LeapSecondTable table = LeapSecondTable.bundled();
        for (KnownLeapSeconds.Entry known : KnownLeapSeconds.HISTORY) {
            Instant midnight = known.from().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            TaiTime tai = UtcTime.of(midnight).toTai(table);
            assertEquals(midnight.getEpochSecond() + known.taiMinusUtc(), Math.floorDiv(tai.epochNanos(), NANOS),
                    known.from().toString());
            assertEquals(UtcTime.of(midnight), tai.toUtc(table));
        }
    }

    @Test
    void durationUntilCountsTheLeapSecond() {
        UtcTime lastSecondOf2016 = UtcTime.parse("2016-12-31T23:59:59Z UTC");
        UtcTime newYear = UtcTime.parse("2017-01-01T00:00:00Z UTC");
        assertEquals(Duration.ofSeconds(2), lastSecondOf2016.durationUntil(newYear));
        assertEquals(Duration.ofSeconds(-2), newYear.durationUntil(lastSecondOf2016));
        assertEquals(newYear, lastSecondOf2016.plus(Duration.ofSeconds(1)), "plus works on the POSIX count");
        assertEquals(Duration.ofDays(366).plusSeconds(1), UtcTime.parse("2016-01-01T00:00:00Z UTC")
                .durationUntil(UtcTime.parse("2016-12-31T00:00:00Z UTC").plus(Duration.ofDays(1))));
        assertEquals(Duration.ofSeconds(2), lastSecondOf2016.toTai().durationUntil(newYear.toTai()));
    }

    @Test
    void taiInsideTheLeapSecondIsTheLastNanosecondOf2016InUtc() {
        TaiTime leap = UtcTime.parse("2016-12-31T23:59:59Z UTC").toTai().plus(Duration.ofMillis(1500));
        assertEquals(Instant.parse("2016-12-31T23:59:59.999999999Z"), leap.toInstant());
        assertEquals("2016-12-31T23:59:59.999999999Z UTC", leap.toUtc().toString());
    }

    @Test
    void taiOfInstantAndToInstantAreInverseOutsideLeapSeconds() {
        Instant instant = Instant.parse("2026-11-21T22:13:00.123456789Z");
        TaiTime tai = TaiTime.of(instant);
        assertEquals(instant, tai.toInstant());
        int offset = LeapSecondTable.system().taiMinusUtcAtUtcNanos(UtcTime.of(instant).epochNanos());
        assertEquals(instant.plusSeconds(offset), Instant.ofEpochSecond(0, tai.epochNanos()));
    }

    // ----------------------------------------------------------------------------------- now

    @Test
    void taiNowIsUtcNowPlusTheTableOffsetWithinAMillisecond() {
        int offset = TaiTime.offset();
        UtcTime before = UtcTime.now();
        TaiTime tai = TaiTime.now();
        UtcTime after = UtcTime.now();
        assertEquals(LeapSecondTable.system().taiMinusUtcAtUtcNanos(before.epochNanos()), offset);
        long taiAsUtc = tai.epochNanos() - offset * NANOS;
        assertTrue(taiAsUtc >= before.epochNanos() - MILLI && taiAsUtc <= after.epochNanos() + MILLI,
                before + " <= " + tai + " − " + offset + " s <= " + after);
    }

    @Test
    void nowHasNanosecondPrecision() {
        boolean subMicrosecond = false;
        for (int i = 0; i < 1000 && !subMicrosecond; i++) {
            subMicrosecond = UtcTime.now().epochNanos() % 1000 != 0 && TaiTime.now().epochNanos() % 1000 != 0;
        }
        assertTrue(subMicrosecond, "1000 reads of now() all fell on whole microseconds");
    }

    @Test
    void durationFromNowIsTheRemainingElapsedTime() {
        Duration ahead = Duration.ofHours(1);
        Duration utcRemaining = UtcTime.now().plus(ahead).durationFromNow();
        Duration taiRemaining = TaiTime.now().plus(ahead).durationFromNow();
        for (Duration remaining : List.of(utcRemaining, taiRemaining)) {
            assertTrue(remaining.compareTo(ahead) <= 0 && remaining.compareTo(ahead.minusSeconds(1)) > 0,
                    remaining.toString());
        }
        assertTrue(UtcTime.now().minus(ahead).durationFromNow().isNegative());
    }

    // ----------------------------------------------------------------------------------- ordering and bad input

    @Test
    void orderingAndEqualityAgree() {
        UtcTime a = UtcTime.ofEpochNanos(-5);
        UtcTime b = UtcTime.ofEpochNanos(7);
        assertTrue(a.isBefore(b) && b.isAfter(a) && !a.isAfter(b) && !a.isBefore(a));
        assertEquals(0, a.compareTo(UtcTime.ofEpochNanos(-5)));
        assertEquals(a, UtcTime.ofEpochNanos(-5));
        assertFalse(a.equals(TaiTime.ofEpochNanos(-5)), "a UTC and a TAI instant with the same count differ");
        TaiTime c = TaiTime.ofEpochNanos(Long.MIN_VALUE);
        TaiTime d = TaiTime.ofEpochNanos(Long.MAX_VALUE);
        assertTrue(c.isBefore(d) && d.isAfter(c) && c.compareTo(d) < 0);
    }

    @Test
    void overflowNamesTheParameterAndValue() {
        ArithmeticException of = assertThrows(ArithmeticException.class, () -> UtcTime.of(Instant.MAX));
        assertTrue(of.getMessage().startsWith("instant " + Instant.MAX), of.getMessage());
        ArithmeticException plus = assertThrows(ArithmeticException.class,
                () -> UtcTime.ofEpochNanos(Long.MAX_VALUE).plus(Duration.ofNanos(1)));
        assertTrue(plus.getMessage().startsWith("duration PT0.000000001S added to UtcTime"), plus.getMessage());
        ArithmeticException minus = assertThrows(ArithmeticException.class,
                () -> TaiTime.ofEpochNanos(Long.MIN_VALUE).minus(Duration.ofNanos(1)));
        assertTrue(minus.getMessage().startsWith("duration PT0.000000001S subtracted from TaiTime"),
                minus.getMessage());
        ArithmeticException huge = assertThrows(ArithmeticException.class,
                () -> TaiTime.ofEpochNanos(0).plus(Duration.ofDays(300 * 365)));
        assertTrue(huge.getMessage().startsWith("duration PT2628000H"), huge.getMessage());
        assertThrows(ArithmeticException.class, () -> TaiTime.of(Instant.MIN));
        assertThrows(ArithmeticException.class, () -> UtcTime.ofEpochNanos(Long.MAX_VALUE).toTai());
    }

    @Test
    void nullArgumentsAreNamed() {
        UtcTime utc = UtcTime.ofEpochNanos(0);
        TaiTime tai = TaiTime.ofEpochNanos(0);
        assertNullNamed("source", () -> UtcTime.now(null));
        assertNullNamed("source", () -> TaiTime.now(null));
        assertNullNamed("instant", () -> UtcTime.of(null));
        assertNullNamed("utcInstant", () -> TaiTime.of(null));
        assertNullNamed("text", () -> UtcTime.parse(null));
        assertNullNamed("text", () -> TaiTime.parse(null));
        assertNullNamed("duration", () -> utc.plus(null));
        assertNullNamed("duration", () -> utc.minus(null));
        assertNullNamed("duration", () -> tai.plus(null));
        assertNullNamed("duration", () -> tai.minus(null));
        assertNullNamed("source", () -> utc.durationFromNow(null));
        assertNullNamed("source", () -> tai.durationFromNow(null));
        assertNullNamed("end", () -> utc.durationUntil(null));
        assertNullNamed("table", () -> utc.durationUntil(utc, null));
        assertNullNamed("end", () -> tai.durationUntil(null));
        assertNullNamed("table", () -> utc.toTai(null));
        assertNullNamed("table", () -> tai.toUtc(null));
        assertNullNamed("other", () -> utc.compareTo(null));
        assertNullNamed("other", () -> tai.isBefore(null));
    }

    private static void assertNullNamed(String parameter, Runnable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call::run);
        assertEquals(parameter, e.getMessage());
    }
}
