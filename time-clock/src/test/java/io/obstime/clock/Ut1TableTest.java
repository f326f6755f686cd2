package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UT1 − UTC from the bundled IERS finals2000A: values read by hand, SOFA's example, astropy, bad files. */
class Ut1TableTest {

    private static final LeapSecondTable LEAPS = LeapSecondTable.bundled();
    private static final Ut1Table TABLE = Ut1Table.loadBundled(LEAPS);
    private static final long NANOS = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void tabulatedDaysGiveTheFileValuesReadByHand() {
        // finals2000A.all (IERS Bulletin A, columns 58-78), line 1: 73 1 2 41684.00 ... I 0.8084178 0.0002710
        assertDut1("1973-01-02T00:00:00Z UTC", 808_417_800L, 271_000L, false);
        // line 12067: 6 115 53750.00 ... I 0.3340894 0.0000060
        assertDut1("2006-01-15T00:00:00Z UTC", 334_089_400L, 6_000L, false);
        // line 16070-16071: 161231 57753.00 ... I-0.4077601 0.0000078 / 17 1 1 57754.00 ... I 0.5912821 0.0000077
        assertDut1("2016-12-31T00:00:00Z UTC", -407_760_100L, 7_800L, false);
        assertDut1("2017-01-01T00:00:00Z UTC", 591_282_100L, 7_700L, false);
        // line 19582-19583: 26 813 61265.00 ... I 0.0111537 0.0000107 / 26 814 61266.00 ... P 0.0104492 0.0001080
        assertDut1("2026-08-13T00:00:00Z UTC", 11_153_700L, 10_700L, false);
        assertDut1("2026-08-14T00:00:00Z UTC", 10_449_200L, 108_000L, true);
        assertEquals(LocalDate.of(1973, 1, 2), TABLE.first());
        assertEquals(LocalDate.of(2026, 8, 13), TABLE.lastMeasured());
        // line 19955, the last with a value: 27 821 61638.00 ... P-0.0683654 0.0254096
        assertEquals(LocalDate.of(2027, 8, 21), TABLE.lastPredicted());
        assertDut1("2027-08-21T00:00:00Z UTC", -68_365_400L, 25_409_600L, true);
    }

    private static void assertDut1(String utc, long ut1MinusUtcNanos, long uncertaintyNanos, boolean predicted) {
        Ut1MinusUtc dut1 = TABLE.ut1MinusUtc(UtcTime.parse(utc));
        assertEquals(ut1MinusUtcNanos, dut1.ut1MinusUtcNanos(), utc);
        assertEquals(uncertaintyNanos, dut1.uncertaintyNanos(), utc);
        assertEquals(predicted, dut1.predicted(), utc);
    }

    @Test
    void betweenDaysItInterpolatesLinearlyWithTheLargerUncertainty() {
        // Midway through 2026-08-13 (I 0.0111537 ± 0.0000107) and 2026-08-14 (P 0.0104492 ± 0.0001080): the mean.
        Ut1MinusUtc dut1 = TABLE.ut1MinusUtc(UtcTime.parse("2026-08-13T12:00:00Z UTC"));
        assertEquals((11_153_700L + 10_449_200L) / 2, dut1.ut1MinusUtcNanos());
        assertEquals(108_000L, dut1.uncertaintyNanos());
        assertTrue(dut1.predicted());
        assertFalse(TABLE.ut1MinusUtc(UtcTime.parse("2026-08-12T12:00:00Z UTC")).predicted());
    }

    @Test
    void sofaCookbookExampleUt1() {
        // SOFA "Time Scale and Calendar Tools", section 4.4: UTC 2006-01-15 21:24:37.5 with UT1 − UTC = +0.3341 s
        // (rounded to 0.1 ms there) gives UT1 21:24:37.834100. Bulletin A (lines 12067-12068, 0.3340894 and 0.3340758)
        // interpolated gives 0.3340773 s: 23 µs from SOFA's rounded value.
        UtcTime utc = UtcTime.parse("2006-01-15T21:24:37.5Z UTC");
        Ut1Time ut1 = utc.toUt1(TABLE);
        long sofaUt1Nanos = UtcTime.parse("2006-01-15T21:24:37.8341Z UTC").epochNanos();
        assertTrue(Math.abs(ut1.epochNanos() - sofaUt1Nanos) < 50_000, ut1::toString);
        assertTrue(Math.abs(TABLE.ut1MinusUtc(utc).ut1MinusUtcNanos() - 334_077_300L) <= 100);
        assertEquals(ut1, Ut1Time.parse(ut1.toString()));
        assertEquals(53750, ut1.mjdDay());
    }

    /**
     * astropy 5.2.1 on the same file (Bulletin A column), 2100 instants from 1973 to 2027, and around every leap
     * second: src/test/resources/io/obstime/clock/astropy-ut1-utc.py wrote astropy-ut1-utc.csv.
     */
    @Test
    void agreesWithAstropyToTheNanosecond() throws IOException {
        List<String> lines;
        try (InputStream in = Ut1TableTest.class.getResourceAsStream("astropy-ut1-utc.csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
        long worst = 0;
        int compared = 0;
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",");
            long expected = Math.round(Double.parseDouble(fields[1]) * 1e9);
            long actual = TABLE.ut1MinusUtc(UtcTime.parse(fields[0] + "Z UTC")).ut1MinusUtcNanos();
            worst = Math.max(worst, Math.abs(actual - expected));
            compared++;
        }
        assertEquals(2100, compared);
        assertTrue(worst <= 1, "largest difference from astropy: " + worst + " ns");
    }

    @Test
    void ut1IsContinuousAcrossTheLeapSecondAtTheEndOf2016() {
        // UT1 − UTC jumps from −0.408 to +0.592 s at 2017-01-01 (line 16071); UT1 itself runs on.
        TaiTime midnight = UtcTime.parse("2017-01-01T00:00:00Z UTC").toTai(LEAPS);
        for (long step : new long[] {1, 1_000, NANOS, 2 * NANOS}) {
            TaiTime before = midnight.minus(Duration.ofNanos(step));
            long elapsedUt1 = TABLE.toUt1(midnight).epochNanos() - TABLE.toUt1(before).epochNanos();
            // UT1 advances with TAI to 1e-7 relative (the length of day is 86 400 s within a few ms), plus rounding.
            assertTrue(Math.abs(elapsedUt1 - step) <= 1 + step / 10_000_000, () -> step + ": " + elapsedUt1);
        }
        Ut1MinusUtc before = TABLE.ut1MinusUtc(UtcTime.parse("2016-12-31T23:59:59.5Z UTC"));
        Ut1MinusUtc after = TABLE.ut1MinusUtc(UtcTime.parse("2017-01-01T00:00:00.5Z UTC"));
        assertEquals(1.0, after.seconds() - before.seconds(), 1e-5);
    }

    @Test
    void outsideTheTableIsAClearExceptionNeverAGuess() {
        DateTimeException late = assertThrows(DateTimeException.class,
                () -> TABLE.ut1MinusUtc(UtcTime.parse("2027-08-21T00:00:00.000000001Z UTC")));
        assertEquals("UT1 − UTC at 2027-08-21T00:00:37.000000001 TAI is outside the UT1 table "
                + "classpath:/io/obstime/clock/finals2000A.all, which runs from 1973-01-02 to 2027-08-21 (measured to "
                + "2026-08-13, predicted after): no value is guessed beyond it. Use a newer finals2000A "
                + "(https://datacenter.iers.org/data/latestVersion/finals.all.iau2000.txt) with "
                + "-Dobstime.finals2000AFile=...", late.getMessage());
        assertThrows(DateTimeException.class, () -> UtcTime.parse("1973-01-01T23:59:59Z UTC").toUt1(TABLE));
    }

    // ------------------------------------------------------------------------------------------------ bad files

    private static final String L1 = line("73 1 2 41684.00", 'I', " 0.8084178 0.0002710");
    private static final String L2 = line("73 1 3 41685.00", 'I', " 0.8056163 0.0002710");
    private static final String L3 = line("73 1 4 41686.00", 'P', " 0.8027895 0.0002710");

    private static String line(String dateAndMjd, char flag, String values) {
        StringBuilder b = new StringBuilder(dateAndMjd);
        b.append(" ".repeat(57 - b.length())).append(flag).append(values);
        return b + " ".repeat(187 - b.length());
    }

    private static Ut1FileException rejected(String text) {
        return assertThrows(Ut1FileException.class, () -> Ut1Table.parse("test.all", new StringReader(text), LEAPS));
    }

    @Test
    void aSmallWellFormedFileParses() throws Ut1FileException {
        Ut1Table t = Ut1Table.parse("ok.all", new StringReader(L1 + "\n" + L2 + "\n" + L3 + "\n"
                + "73 1 5 41687.00\n"), LEAPS);
        assertEquals(LocalDate.of(1973, 1, 3), t.lastMeasured());
        assertEquals(LocalDate.of(1973, 1, 4), t.lastPredicted());
    }

    @Test
    void malformedFilesAreRejectedWithFileAndLine() {
        assertEquals("test.all:2: the line is 70 characters long, but UT1 − UTC and its error take columns 59-78: "
                + "truncated?", rejected(L1 + "\n" + L2.substring(0, 70)).getMessage());
        assertEquals("test.all:2: MJD 41686 does not follow the previous line's (41684) by one day",
                rejected(L1 + "\n" + L3).getMessage());
        assertEquals("test.all:3: a measured UT1 − UTC (flag I) after a predicted one (flag P)",
                rejected(L1 + "\n" + L3.replace("41686", "41685").replace("73 1 4", "73 1 3") + "\n"
                        + L3.replace('P', 'I')).getMessage());
        assertEquals("test.all:2: UT1 − UTC steps by -0.9999999 s from the previous day to MJD 41685 (1973-01-03), which "
                + "the leap-second table classpath:/io/obstime/clock/leap-seconds.list does not explain: a leap second "
                + "that one of the two does not know, or a wrong value",
                rejected(L1 + "\n" + L2.replace(" 0.8056163", "-0.1915821")).getMessage());
        assertEquals("test.all:1: the date '73 1 3' is not MJD 41684 (1973-01-02)",
                rejected(L1.replace("73 1 2", "73 1 3")).getMessage());
        assertTrue(rejected(L1.replace(" 0.8084178", " 0.80841x8")).getMessage()
                .startsWith("test.all:1: expected UT1 − UTC as F10.7 seconds"));
        assertEquals("test.all:1: fewer than two days with UT1 − UTC: nothing to interpolate",
                rejected(L1).getMessage());
    }

    @Test
    void aBinaryFileIsRejectedWithFileAndLineNotAnEncodingError() throws IOException {
        Path file = dir.resolve("finals.bin");
        byte[] bytes = (L1 + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] binary = java.util.Arrays.copyOf(bytes, bytes.length + 4);
        binary[bytes.length] = (byte) 0xff;
        Files.write(file, binary);
        Ut1FileException e = assertThrows(Ut1FileException.class, () -> Ut1Table.load(file, LEAPS));
        assertEquals(file + ":2: byte 0xff at column 1 is not US-ASCII text (a binary or compressed file?); a finals2000A "
                + "file is plain ASCII", e.getMessage());
        assertEquals(2, e.lineNumber());
    }

    /** What {@link Ut1Table#choose} chose for a named file, with the WARN lines it logged. */
    private record Choice(Ut1Table table, List<String> warnings) {
    }

    private static Choice choose(Path file) {
        Ut1Table[] chosen = new Ut1Table[1];
        List<String> warnings = LogCapture.warnings(Ut1Table.class,
                () -> chosen[0] = Ut1Table.choose(file.toString(), LEAPS));
        return new Choice(chosen[0], warnings);
    }

    @Test
    void aRejectedNamedFileGivesOneWarnAndTheBundledCopy() throws IOException {
        Path file = dir.resolve("short.all");
        Files.writeString(file, L1 + "\n" + L2.substring(0, 70) + "\n");
        Choice choice = choose(file);
        assertEquals(TABLE.lastPredicted(), choice.table().lastPredicted());
        assertEquals("classpath:/io/obstime/clock/finals2000A.all", choice.table().sourceName());
        List<String> warnings = choice.warnings();
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains(file + ":2: the line is 70 characters long"), warnings::toString);
        assertSame(Ut1Table.bundled(), Ut1Table.choose(null, LeapSecondTable.system()));
    }

    // ------------------------------------------------------------------------------------------------ stale files

    /** @return the lines of the bundled finals2000A.all (19 582 measured days to 2026-08-13, then predictions) */
    private static List<String> bundledLines() throws IOException {
        try (InputStream in = Ut1Table.class.getResourceAsStream(Ut1Table.BUNDLED_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
    }

    @Test
    void aNamedFileOlderThanTheBundledCopyIsPassedOverWithOneWarnNamingBoth() throws IOException, Ut1FileException {
        // An older edition: the bundled file cut after line 19000 (25 1 8 60683.00 ... I 0.0429268), still valid.
        Path file = dir.resolve("finals2000A-2025.all");
        Files.write(file, bundledLines().subList(0, 19_000), StandardCharsets.US_ASCII);
        assertEquals(LocalDate.of(2025, 1, 8), Ut1Table.load(file, LEAPS).lastMeasured());
        Choice choice = choose(file);
        assertEquals("classpath:/io/obstime/clock/finals2000A.all", choice.table().sourceName());
        assertEquals(LocalDate.of(2026, 8, 13), choice.table().lastMeasured());
        List<String> warnings = choice.warnings();
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("Not using the UT1 file named by -Dobstime.finals2000AFile, " + file
                + " (measured to 2025-01-08): the bundled copy classpath:/io/obstime/clock/finals2000A.all is measured "
                + "to a later day (2026-08-13) and is used instead."), warnings::toString);
        assertTrue(warnings.get(0).contains("Download the current finals2000A "
                + "(https://datacenter.iers.org/data/latestVersion/finals.all.iau2000.txt)"), warnings::toString);
    }

    @Test
    void aNamedFileMeasuredToTheSameDayIsUsedWithoutWarn() throws IOException {
        Path file = dir.resolve("finals2000A.all");
        Files.write(file, bundledLines(), StandardCharsets.US_ASCII);
        Choice choice = choose(file);
        assertEquals(file.toString(), choice.table().sourceName());
        assertEquals(LocalDate.of(2026, 8, 13), choice.table().lastMeasured());
        assertEquals(List.of(), choice.warnings());
    }

    @Test
    void aNamedFileMeasuredToALaterDayIsUsedWithoutWarn() throws IOException {
        // Synthetic: no later IERS edition is at hand (the bundled file is the whole file of the build, not a cut of a
        // newer one), so the first predicted day, line 19583 (26 814 61266.00 ... P 0.0104492), is marked measured
        // (column 58). Its value is then not a measurement, but the selection reads only the last measured day.
        List<String> lines = new ArrayList<>(bundledLines());
        String first = lines.get(19_582);
        assertEquals('P', first.charAt(57), first);
        lines.set(19_582, first.substring(0, 57) + 'I' + first.substring(58));
        Path file = dir.resolve("finals2000A-later.all");
        Files.write(file, lines, StandardCharsets.US_ASCII);
        Choice choice = choose(file);
        assertEquals(file.toString(), choice.table().sourceName());
        assertEquals(LocalDate.of(2026, 8, 14), choice.table().lastMeasured());
        assertEquals(List.of(), choice.warnings());
    }
}
