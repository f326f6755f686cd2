package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The messages that issue 9 found wanting, each with its new text. */
class MessagesTest {

    @TempDir
    Path dir;

    @Test
    void taiTimeOfInstantOutOfRangeNamesTaiTime() {
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> TaiTime.of(Instant.MAX));
        assertEquals("utcInstant +1000000000-12-31T23:59:59.999999999Z is outside the range of TaiTime.of(Instant) "
                + "(1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z, nanoseconds since 1970 in a "
                + "long)", e.getMessage());
        // In UTC range, but TAI − UTC (37 s) takes it out of TAI's.
        ArithmeticException near = assertThrows(ArithmeticException.class,
                () -> TaiTime.of(Instant.parse("2262-04-11T23:47:00Z")));
        assertEquals("utcInstant 2262-04-11T23:47:00Z plus TAI − UTC is outside the range of TaiTime (nanoseconds "
                + "since 1970-01-01T00:00:00 TAI in a long, 1677 to 2262)", near.getMessage());
    }

    @Test
    void parseErrorsShowTheFractionAsOptional() {
        DateTimeParseException e = assertThrows(DateTimeParseException.class,
                () -> UtcTime.parse("2026-11-21T22:13Z UTC"));
        assertEquals("expected UtcTime as uuuu-MM-ddTHH:mm:ssZ UTC, with an optional fraction of 1 to 9 digits after "
                + "the seconds (such as :ss.5 or :ss.123456789), found '2026-11-21T22:13Z UTC'", e.getMessage());
        DateTimeParseException tai = assertThrows(DateTimeParseException.class,
                () -> TaiTime.parse("2026-11-21T22:13:00Z"));
        assertTrue(tai.getMessage().startsWith("expected TaiTime as uuuu-MM-ddTHH:mm:ss TAI, with an optional "
                + "fraction"), tai.getMessage());
    }

    @Test
    void echoedInputIsCutTo64Characters() {
        String huge = "2026-11-21T22:13:00.1" + "1".repeat(1_000_000) + "Z UTC";
        DateTimeParseException e = assertThrows(DateTimeParseException.class, () -> UtcTime.parse(huge));
        assertEquals("expected UtcTime as uuuu-MM-ddTHH:mm:ssZ UTC, with an optional fraction of 1 to 9 digits after "
                + "the seconds (such as :ss.5 or :ss.123456789), found '" + huge.substring(0, 64) + "...' (1000026 "
                + "characters)", e.getMessage());
        assertTrue(e.getMessage().length() < 300);
        String longDay = "2026-02-30T00:00:00." + "0".repeat(9) + "Z UTC";
        assertEquals("invalid UtcTime '" + longDay + "': Invalid date 'FEBRUARY 30'",
                assertThrows(DateTimeParseException.class, () -> UtcTime.parse(longDay)).getMessage());
        assertEquals("'" + "x".repeat(64) + "'", EpochNanos.quote("x".repeat(64)));
    }

    @Test
    void aLongBadLineOfALeapSecondFileIsCutInTheMessage() {
        String line = "9".repeat(100_000);
        LeapSecondFileException e = assertThrows(LeapSecondFileException.class,
                () -> LeapSecondTable.parse("long.list", new java.io.StringReader("# ok\n" + line + "\n")));
        assertEquals("long.list:2: expected a data line 'NTP-seconds TAI-UTC # date' or a comment starting with '#', "
                + "found '" + "9".repeat(64) + "...' (100000 characters)", e.getMessage());
    }

    @Test
    void aBinaryLeapSecondFileNamesFileAndLine() throws IOException {
        Path file = dir.resolve("leap-seconds.list");
        Files.write(file, new byte[] {'#', ' ', 'o', 'k', '\n', '#', (byte) 0x8b, 0x1f, '\n'});
        LeapSecondFileException e = assertThrows(LeapSecondFileException.class, () -> LeapSecondTable.load(file));
        assertEquals(file + ":2: byte 0x8b at column 2 is not UTF-8 text (a binary or compressed file?); a "
                + "leap-seconds.list is a text file", e.getMessage());
        assertEquals(2, e.lineNumber());
    }

    @Test
    void anExplicitlyNamedFileThatExpiresEarlierIsPassedOverWithOneWarn() throws IOException {
        Path named = LeapFiles.realHistory().expires(LocalDate.of(2020, 1, 1)).write(dir, "old.list");
        LeapSecondTable[] chosen = new LeapSecondTable[1];
        List<String> warnings = LogCapture.warnings(LeapSecondTable.class, () -> chosen[0] = LeapSecondTable.choose(
                named.toString(), dir.resolve("absent"), LeapSecondTable.bundled(),
                Instant.parse("2026-11-29T00:00:00Z")));
        assertSame(LeapSecondTable.bundled(), chosen[0]);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).endsWith("Not using the leap-second file named by -Dobstime.leapSecondsFile, "
                + named + " (expires 2020-01-01T00:00:00Z, expired): classpath:/io/obstime/clock/leap-seconds.list "
                + "expires later (2027-06-28T00:00:00Z). Leap-second tables only grow, so the later one lists every "
                + "leap second the named one does and may list more. Point -Dobstime.leapSecondsFile at a file that "
                + "expires no earlier to have it used."), warnings.get(0));
        // A named file that expires no earlier is used, without a word.
        Path current = LeapFiles.realHistory().expires(LocalDate.of(2030, 6, 28)).write(dir, "new.list");
        List<String> none = LogCapture.warnings(LeapSecondTable.class, () -> chosen[0] = LeapSecondTable.choose(
                current.toString(), dir.resolve("absent"), LeapSecondTable.bundled(),
                Instant.parse("2026-11-29T00:00:00Z")));
        assertEquals(current.toString(), chosen[0].sourceName());
        assertEquals(List.of(), none);
    }
}
