package io.obstime.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.UtcTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PhcReference} on this machine's real kernel for files that are not PTP clocks (no PHC exists here; the
 * decoding of real-looking ioctl results is tested in time-clock's PtpIoctlTest), and its scale and leap handling.
 */
class PhcReferenceTest {

    private static final long SEC = 1_000_000_000L;
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final SimulatedTimeSource clock = SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse("2026-11-29T17:00:00Z")));

    private ReferenceReading measureOnce(PhcReference phc) {
        try (phc) {
            return phc.measure(clock, TIMEOUT);
        }
    }

    @Test
    void devNullIsNotAPtpClock() {
        LogCapture<ReferenceReading> r = LogCapture.of(() -> measureOnce(PhcReference.of(Path.of("/dev/null"))));
        assertFalse(r.result.answered());
        assertEquals("phc:/dev/null", r.result.reference());
        assertTrue(r.result.detail().startsWith("/dev/null is not a PTP clock (ioctl(/dev/null, PTP_CLOCK_GETCAPS")
                && r.result.detail().contains("ENOTTY (25)"), r.result.detail());
    }

    @Test
    void aMissingPathSaysSo(@TempDir Path dir) {
        Path missing = dir.resolve("ptp0");
        ReferenceReading r = LogCapture.of(() -> measureOnce(PhcReference.of(missing))).result;
        assertFalse(r.answered());
        assertTrue(r.detail().startsWith(missing + " does not exist"), r.detail());
    }

    @Test
    void aRegularFileOrDirectoryIsNotACharacterDevice(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ptp0"), "x");
        assertEquals(file + " is not a character device (a regular file), so not a PTP clock",
                LogCapture.of(() -> measureOnce(PhcReference.of(file))).result.detail());
        assertEquals(dir + " is not a character device (a directory), so not a PTP clock",
                LogCapture.of(() -> measureOnce(PhcReference.of(dir))).result.detail());
    }

    @Test
    void theReasonIsLoggedOnceNotPerCheck() {
        try (PhcReference phc = PhcReference.of(Path.of("/dev/null"))) {
            LogCapture<Integer> log = LogCapture.of(() -> {
                int unanswered = 0;
                for (int i = 0; i < 5; i++) {
                    unanswered += phc.measure(clock, TIMEOUT).answered() ? 0 : 1;
                }
                return unanswered;
            });
            assertEquals(5, log.result);
            assertEquals(1, log.count("WARN", PhcReference.class), String.join("\n", log.lines));
        }
    }

    @Test
    void aTaiPhcIsComparedInUtcThroughTheLeapTable() {
        LeapSecondTable table = LeapSecondTable.bundled();
        long utc = Instant.parse("2026-11-29T17:00:00Z").getEpochSecond() * SEC;
        // The PHC on TAI reads 37 s ahead; the system clock is 2 µs ahead of it in UTC.
        assertEquals(2_000, PhcReference.systemMinusPhcNanos(utc + 2_000, utc + 37 * SEC,
                PhcReference.Scale.TAI, table));
        assertEquals(2_000 - 37 * SEC, PhcReference.systemMinusPhcNanos(utc + 2_000, utc + 37 * SEC,
                PhcReference.Scale.UTC, table));
        // Before 2017 the table's offset was 36 s: the conversion uses the offset at that instant, not today's.
        long utc2016 = Instant.parse("2016-06-01T00:00:00Z").getEpochSecond() * SEC;
        assertEquals(0, PhcReference.systemMinusPhcNanos(utc2016, utc2016 + 36 * SEC, PhcReference.Scale.TAI, table));
    }

    @Test
    void noComparisonWithinASecondOfALeapSecond() {
        LeapSecondTable table = LeapSecondTable.bundled();
        long midnight = Instant.parse("2017-01-01T00:00:00Z").getEpochSecond() * SEC;
        assertTrue(PhcReference.leapSecondNear(table, midnight - SEC).startsWith("leap second at 2017-01-01T00:00:00Z"));
        assertTrue(PhcReference.leapSecondNear(table, midnight + SEC - 1).startsWith("leap second at 2017-01-01"));
        assertNull(PhcReference.leapSecondNear(table, midnight - SEC - 1));
        assertNull(PhcReference.leapSecondNear(table, midnight + SEC));
        // 1972-01-01 starts UTC's table; it is not a leap second.
        assertNull(PhcReference.leapSecondNear(table, 63_072_000L * SEC));
        // A deleted second counts too.
        LeapSecondTable deleting = table.withLeapSecond(LocalDate.of(2030, 6, 30), false);
        long midnight2030 = Instant.parse("2030-07-01T00:00:00Z").getEpochSecond() * SEC;
        assertTrue(PhcReference.leapSecondNear(deleting, midnight2030).startsWith("leap second at 2030-07-01"));
    }

    @Test
    void badParametersAreRejectedByName() {
        assertEquals("samples must be 1..25: 0", assertThrows(IllegalArgumentException.class,
                () -> PhcReference.of(Path.of("/dev/ptp0"), PhcReference.Scale.TAI, 0)).getMessage());
        assertEquals("samples must be 1..25: 26", assertThrows(IllegalArgumentException.class,
                () -> PhcReference.of(Path.of("/dev/ptp0"), PhcReference.Scale.TAI, 26)).getMessage());
        assertThrows(NullPointerException.class, () -> PhcReference.of(null));
    }
}
