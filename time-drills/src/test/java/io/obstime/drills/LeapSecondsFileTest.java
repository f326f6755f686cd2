package io.obstime.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.LeapSecondTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LeapSecondsFileTest {

    private static final Instant UPDATED = Instant.parse("2026-07-06T00:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2027-12-28T00:00:00Z");

    @Test
    void hashIsComputedAsIersDoesForTheBundledFile() throws IOException {
        String bundled;
        try (InputStream in = LeapSecondTable.class.getResourceAsStream("/io/obstime/clock/leap-seconds.list")) {
            bundled = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        StringBuilder hashed = new StringBuilder();
        String expected = null;
        for (String line : bundled.split("\n")) {
            if (line.startsWith("#$") || line.startsWith("#@")) {
                hashed.append(line.substring(2).trim());
            } else if (line.startsWith("#h")) {
                expected = line.substring(2).trim().replaceAll("\\s+", " ");
            } else if (!line.startsWith("#") && !line.isBlank()) {
                String[] fields = line.trim().split("\\s+");
                hashed.append(fields[0]).append(fields[1]);
            }
        }
        assertEquals(expected, LeapSecondsFile.sha1Groups(hashed.toString()));
    }

    @Test
    void fileThatKnowsTheInsertedLeapSecondLoadsWithItsHashVerified() throws Exception {
        String text = LeapSecondsFile.write(LeapSecondsFile.bundledEntriesPlus(LocalDate.of(2026, 12, 31), true),
                UPDATED, EXPIRES);
        LeapSecondTable table = LeapSecondTable.parse("drill", new StringReader(text));
        long midnight = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
        assertEquals(37, table.taiMinusUtcAtUtcNanos(midnight - 1));
        assertEquals(38, table.taiMinusUtcAtUtcNanos(midnight));
        assertEquals(EXPIRES, table.expires());
        assertEquals(LeapSecondTable.bundled().leapSeconds().size() + 1, table.leapSeconds().size());
    }

    @Test
    void fileThatKnowsTheDeletedLeapSecondLoads() throws Exception {
        String text = LeapSecondsFile.write(LeapSecondsFile.bundledEntriesPlus(LocalDate.of(2026, 12, 31), false),
                UPDATED, EXPIRES);
        LeapSecondTable table = LeapSecondTable.parse("drill", new StringReader(text));
        assertEquals(36, table.taiMinusUtcAtUtcNanos(Instant.parse("2027-01-01T00:00:00Z").getEpochSecond()
                * 1_000_000_000L));
    }

    @Test
    void staleAndExpiredFilesDoNotKnowTheLeap() throws Exception {
        String expired = LeapSecondsFile.write(LeapSecondsFile.bundledEntriesPlus(null, true),
                Instant.parse("2026-01-06T00:00:00Z"), Instant.parse("2027-06-29T00:00:00Z"));
        LeapSecondTable table = LeapSecondTable.parse("drill", new StringReader(expired));
        assertEquals(37, table.taiMinusUtcAtUtcNanos(Instant.parse("2027-07-01T00:00:00Z").getEpochSecond()
                * 1_000_000_000L));
        assertTrue(table.isExpiredAt(Instant.parse("2027-06-30T23:59:50Z")));
        assertFalse(table.isExpiredAt(Instant.parse("2027-06-28T00:00:00Z")));
    }

    @Test
    void tamperedFileIsRejectedByObstime() {
        String text = LeapSecondsFile.write(LeapSecondsFile.bundledEntriesPlus(LocalDate.of(2026, 12, 31), true),
                UPDATED, EXPIRES).replace("\t38\t", "\t39\t");
        org.junit.jupiter.api.Assertions.assertThrows(io.obstime.clock.LeapSecondFileException.class,
                () -> LeapSecondTable.parse("drill", new StringReader(text)));
    }
}
