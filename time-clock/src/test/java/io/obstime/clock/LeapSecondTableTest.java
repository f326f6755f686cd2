package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeapSecondTableTest {

    private static final long NANOS = 1_000_000_000L;
    private static final Path SHARED_FILE = Path.of("/work/shared/data/leap-seconds.list");
    /**
     * "Now" for the tests of the source choice: a fixed instant before the bundled copy expires, so that no outcome
     * depends on the day the tests run.
     */
    private static final Instant NOW = Instant.parse("2026-11-21T22:00:00Z");

    @TempDir
    Path tempDir;

    private static long utcNanos(LocalDate day, LocalTime time) {
        return LocalDateTime.of(day, time).toEpochSecond(ZoneOffset.UTC) * NANOS + time.getNano();
    }

    private static String bundledText() throws IOException {
        try (var in = LeapSecondTable.class.getResourceAsStream(LeapSecondTable.BUNDLED_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static LeapSecondFileException rejects(String name, String text) {
        return assertThrows(LeapSecondFileException.class,
                () -> LeapSecondTable.parse(name, new StringReader(text)));
    }

    /** The 1-based number of the first line of {@code text} that starts with {@code prefix}. */
    private static int lineOf(String text, String prefix) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }

    // ----------------------------------------------------------------------------------- the real files

    @Test
    void bundledTableMatchesTheIersHistoryTypedIndependently() {
        List<LeapSecond> entries = LeapSecondTable.bundled().leapSeconds();
        assertEquals(KnownLeapSeconds.HISTORY.size(), entries.size());
        for (int i = 0; i < entries.size(); i++) {
            KnownLeapSeconds.Entry known = KnownLeapSeconds.HISTORY.get(i);
            assertEquals(known.from().atStartOfDay(ZoneOffset.UTC).toInstant(), entries.get(i).utcStart());
            assertEquals(known.taiMinusUtc(), entries.get(i).taiMinusUtc(), "TAI − UTC from " + known.from());
        }
    }

    @Test
    void knownDatesHaveTheirIersOffsets() {
        LeapSecondTable table = LeapSecondTable.bundled();
        assertEquals(10, table.taiMinusUtcAtUtcNanos(utcNanos(LocalDate.of(1972, 6, 30), LocalTime.NOON)));
        assertEquals(11, table.taiMinusUtcAtUtcNanos(utcNanos(LocalDate.of(1972, 7, 1), LocalTime.MIDNIGHT)));
        assertEquals(31, table.taiMinusUtcAtUtcNanos(utcNanos(LocalDate.of(1998, 12, 31), LocalTime.MAX)));
        assertEquals(32, table.taiMinusUtcAtUtcNanos(utcNanos(LocalDate.of(1999, 1, 1), LocalTime.MIDNIGHT)));
        assertEquals(36, table.taiMinusUtcAtUtcNanos(utcNanos(LocalDate.of(2016, 12, 31), LocalTime.MAX)));
        assertEquals(37, table.taiMinusUtcAtUtcNanos(utcNanos(LocalDate.of(2017, 1, 1), LocalTime.MIDNIGHT)));
        assertEquals(37, table.taiMinusUtcAtUtcNanos(utcNanos(LocalDate.of(2026, 11, 21), LocalTime.NOON)));
    }

    @Test
    void bundledFileExpiresOnTheDateItsCommentStates() throws IOException {
        String text = bundledText();
        assertTrue(text.contains("File expires on 28 June 2027"), "the bundled file is the 2027 edition");
        LeapSecondTable table = LeapSecondTable.bundled();
        Instant expiry = LocalDate.of(2027, 6, 28).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertEquals(expiry, table.expires());
        assertTrue(table.updated().isBefore(expiry));
        assertTrue(table.isExpiredAt(expiry));
        assertFalse(table.isExpiredAt(expiry.minusNanos(1)));
    }

    @Test
    void sharedDataFileParsesToTheBundledTable() throws LeapSecondFileException {
        assumeTrue(Files.isReadable(SHARED_FILE), "the team's shared data directory is present");
        LeapSecondTable shared = LeapSecondTable.load(SHARED_FILE);
        assertEquals(LeapSecondTable.bundled(), shared);
        assertEquals(LeapSecondTable.bundled().hashCode(), shared.hashCode());
        assertEquals(SHARED_FILE.toString(), shared.sourceName());
    }

    /**
     * The host's tzdata file parses and agrees with the bundled history as far as both go. Which of the two is newer
     * depends on the host (a newer tzdata may expire later and list a leap second the bundled copy does not), so it
     * is not asserted here; the choice between them is tested on files of known dates below.
     */
    @Test
    void systemZoneinfoFileParsesAndAgreesWithTheBundledHistory() throws LeapSecondFileException {
        assumeTrue(Files.isReadable(LeapSecondTable.SYSTEM_FILE), "tzdata's leap-seconds.list is installed");
        LeapSecondTable system = LeapSecondTable.load(LeapSecondTable.SYSTEM_FILE);
        List<LeapSecond> bundled = LeapSecondTable.bundled().leapSeconds();
        int common = Math.min(bundled.size(), system.leapSeconds().size());
        assertEquals(bundled.subList(0, common), system.leapSeconds().subList(0, common), system.toString());
    }

    @Test
    void systemTableIsCachedAndExpiresNoEarlierThanTheBundledCopy() {
        LeapSecondTable table = LeapSecondTable.system();
        assertSame(table, LeapSecondTable.system());
        assertFalse(table.expires().isBefore(LeapSecondTable.bundled().expires()), table.toString());
        assertEquals(LeapSecondTable.bundled().leapSeconds(),
                table.leapSeconds().subList(0, LeapSecondTable.bundled().leapSeconds().size()));
    }

    // ----------------------------------------------------------------------------------- offsets and conversions

    @Test
    void offsetChangesExactlyAtEveryLeapSecondInTheTable() {
        LeapSecondTable table = LeapSecondTable.bundled();
        int before = LeapSecondTable.PROLEPTIC_TAI_MINUS_UTC;
        for (LeapSecond leap : table.leapSeconds()) {
            long midnight = leap.utcEpochSecond() * NANOS;
            String at = " at " + leap.utcStart();
            assertEquals(before, table.taiMinusUtcAtUtcNanos(midnight - 1), "UTC just before" + at);
            assertEquals(leap.taiMinusUtc(), table.taiMinusUtcAtUtcNanos(midnight), "UTC at" + at);
            assertEquals(midnight - 1 + before * NANOS, table.utcToTaiNanos(midnight - 1), "TAI just before" + at);
            assertEquals(midnight + leap.taiMinusUtc() * NANOS, table.utcToTaiNanos(midnight), "TAI at" + at);
            // On the TAI side the kernel already uses the new offset during the inserted second.
            long leapStartTai = midnight + before * NANOS;
            assertEquals(before, table.taiMinusUtcAtTaiNanos(leapStartTai - 1), "TAI offset before" + at);
            assertEquals(leap.taiMinusUtc(), table.taiMinusUtcAtTaiNanos(leapStartTai), "TAI offset during" + at);
            before = leap.taiMinusUtc();
        }
    }

    @Test
    void instantInsideInsertedLeapSecondMapsToLastNanosecondOfTheDay() {
        LeapSecondTable table = LeapSecondTable.bundled();
        long midnight = utcNanos(LocalDate.of(2017, 1, 1), LocalTime.MIDNIGHT);
        long leapStartTai = midnight + 36 * NANOS; // TAI of 2016-12-31T23:59:60
        long lastNanoOfDay = midnight - 1;
        assertEquals(lastNanoOfDay, table.taiToUtcNanos(leapStartTai));
        assertEquals(lastNanoOfDay, table.taiToUtcNanos(leapStartTai + NANOS / 2));
        assertEquals(lastNanoOfDay, table.taiToUtcNanos(leapStartTai + NANOS - 1));
        assertEquals(midnight, table.taiToUtcNanos(leapStartTai + NANOS));
        assertEquals(lastNanoOfDay, table.taiToUtcNanos(leapStartTai - 1));
        // The kernel's view during the same second: REALTIME = TAI − new offset repeats 23:59:59.
        assertEquals(midnight - NANOS, leapStartTai - table.taiMinusUtcAtTaiNanos(leapStartTai) * NANOS);
    }

    @Test
    void deletedSecondIsSkippedAndMapsToTheStartOfTheNextDay() {
        LocalDate day = LocalDate.of(2031, 12, 31);
        LeapSecondTable table = LeapSecondTable.bundled().withLeapSecond(day, false);
        long midnight = utcNanos(day.plusDays(1), LocalTime.MIDNIGHT);
        long taiOfMidnight = midnight + 36 * NANOS;
        assertEquals(36, table.taiMinusUtcAtUtcNanos(midnight));
        assertEquals(37, table.taiMinusUtcAtUtcNanos(midnight - NANOS - 1));
        assertEquals(midnight - NANOS - 1 + 37 * NANOS, table.utcToTaiNanos(midnight - NANOS - 1));
        assertEquals(taiOfMidnight, table.utcToTaiNanos(midnight - NANOS), "23:59:59 never happened");
        assertEquals(taiOfMidnight, table.utcToTaiNanos(midnight - 1));
        assertEquals(taiOfMidnight, table.utcToTaiNanos(midnight));
        // TAI is continuous: one nanosecond before the next day is 23:59:58.999999999.
        assertEquals(midnight - NANOS - 1, table.taiToUtcNanos(taiOfMidnight - 1));
        assertEquals(midnight, table.taiToUtcNanos(taiOfMidnight));
        assertEquals(37, table.taiMinusUtcAtTaiNanos(taiOfMidnight - 1));
        assertEquals(36, table.taiMinusUtcAtTaiNanos(taiOfMidnight));
    }

    @Test
    void before1972TheProlepticOffsetOfTenSecondsApplies() {
        LeapSecondTable table = LeapSecondTable.bundled();
        long y1960 = utcNanos(LocalDate.of(1960, 1, 1), LocalTime.MIDNIGHT);
        assertEquals(LeapSecondTable.PROLEPTIC_TAI_MINUS_UTC, table.taiMinusUtcAtUtcNanos(y1960));
        assertEquals(y1960 + 10 * NANOS, table.utcToTaiNanos(y1960));
        assertEquals(y1960, table.taiToUtcNanos(y1960 + 10 * NANOS));
        assertEquals(10, table.taiMinusUtcAtUtcNanos(Long.MIN_VALUE));
    }

    @Test
    void afterTheLastEntryTheLastOffsetApplies() {
        LeapSecondTable table = LeapSecondTable.bundled();
        long y2200 = utcNanos(LocalDate.of(2200, 1, 1), LocalTime.MIDNIGHT);
        assertEquals(37, table.taiMinusUtcAtUtcNanos(y2200));
        assertEquals(37, table.taiMinusUtcAtUtcNanos(Long.MAX_VALUE));
        assertEquals(y2200, table.taiToUtcNanos(table.utcToTaiNanos(y2200)));
    }

    @Test
    void conversionsThatOverflowNameTheParameterAndValue() {
        LeapSecondTable table = LeapSecondTable.bundled();
        ArithmeticException up = assertThrows(ArithmeticException.class, () -> table.utcToTaiNanos(Long.MAX_VALUE));
        assertTrue(up.getMessage().contains("utcNanos " + Long.MAX_VALUE), up.getMessage());
        ArithmeticException down = assertThrows(ArithmeticException.class,
                () -> table.taiToUtcNanos(Long.MIN_VALUE));
        assertTrue(down.getMessage().contains("taiNanos " + Long.MIN_VALUE), down.getMessage());
    }

    @Test
    void lookupsAllocateNothing() {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter available");
        var counter = (com.sun.management.ThreadMXBean) threads;
        LeapSecondTable table = LeapSecondTable.bundled();
        long start = utcNanos(LocalDate.of(1971, 1, 1), LocalTime.MIDNIGHT);
        long step = 3_600_000_000_000L + 12_345;
        long sink = 0;
        for (int warm = 0; warm < 3; warm++) {
            long id = Thread.currentThread().getId();
            long before = counter.getThreadAllocatedBytes(id);
            for (int i = 0; i < 200_000; i++) {
                long utc = start + i * step;
                long tai = table.utcToTaiNanos(utc);
                sink += tai + table.taiToUtcNanos(tai) + table.taiMinusUtcAtUtcNanos(utc)
                        + table.taiMinusUtcAtTaiNanos(tai);
            }
            long allocated = counter.getThreadAllocatedBytes(id) - before;
            if (warm == 2) {
                assertTrue(allocated < 1024, "800 000 lookups allocated " + allocated + " bytes");
            }
        }
        assertNotEquals(0, sink);
    }

    // ----------------------------------------------------------------------------------- withLeapSecond

    @Test
    void withLeapSecondAddsAnEntryAtTheNextMidnightAndLeavesTheOriginalAlone() {
        LeapSecondTable table = LeapSecondTable.bundled();
        LocalDate day = LocalDate.of(2028, 6, 30);
        LeapSecondTable inserted = table.withLeapSecond(day, true);
        assertEquals(table.leapSeconds().size() + 1, inserted.leapSeconds().size());
        LeapSecond last = inserted.leapSeconds().get(inserted.leapSeconds().size() - 1);
        assertEquals(day, last.leapDay());
        assertEquals(LocalDate.of(2028, 7, 1).atStartOfDay(ZoneOffset.UTC).toInstant(), last.utcStart());
        assertEquals(38, last.taiMinusUtc());
        assertEquals(37, table.taiMinusUtcAtUtcNanos(last.utcEpochSecond() * NANOS));
        assertNotEquals(table, inserted);
        assertTrue(inserted.sourceName().contains("inserted leap second at the end of 2028-06-30"),
                inserted.sourceName());
        assertEquals(table.expires(), inserted.expires());
        assertEquals(36, inserted.withLeapSecond(LocalDate.of(2029, 12, 31), false).withLeapSecond(
                LocalDate.of(2030, 12, 31), false).leapSeconds().get(30).taiMinusUtc());
    }

    @Test
    void withLeapSecondRejectsDaysNotAfterTheLastEntry() {
        LeapSecondTable table = LeapSecondTable.bundled();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.withLeapSecond(LocalDate.of(2016, 12, 30), true));
        assertTrue(e.getMessage().contains("day 2016-12-30"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.withLeapSecond(LocalDate.of(2016, 12, 31), true));
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class,
                () -> table.withLeapSecond(LocalDate.MAX, true));
        assertTrue(far.getMessage().contains("day " + LocalDate.MAX), far.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> table.withLeapSecond(null, true));
        assertEquals("day", npe.getMessage());
    }

    @Test
    void toStringNamesSourceLastOffsetAndExpiry() {
        String text = LeapSecondTable.bundled().toString();
        assertTrue(text.contains("classpath:/io/obstime/clock/leap-seconds.list"), text);
        assertTrue(text.contains("TAI − UTC 37 s since 2017-01-01T00:00:00Z"), text);
        assertTrue(text.contains("expires 2027-06-28T00:00:00Z"), text);
    }

    // ----------------------------------------------------------------------------------- the parser's checks

    @Test
    void builtFileWithTheRealHistoryEqualsTheBundledEntries() throws LeapSecondFileException {
        LeapSecondTable built = LeapFiles.realHistory().parse("built");
        assertEquals(LeapSecondTable.bundled().leapSeconds(), built.leapSeconds());
        assertEquals("built", built.sourceName());
    }

    @Test
    void equalityIsByContentNotBySourceName() throws LeapSecondFileException {
        LeapSecondTable a = LeapFiles.realHistory().parse("a");
        LeapSecondTable b = LeapFiles.realHistory().parse("b");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, LeapFiles.realHistory().expires(LocalDate.of(2031, 1, 1)).parse("a"));
        assertNotEquals(a, LeapFiles.realHistory().updated(LocalDate.of(2025, 1, 1)).parse("a"));
        assertNotEquals(a, a.withLeapSecond(LocalDate.of(2030, 6, 30), true));
        assertNotEquals(a, "a");
    }

    @Test
    void corruptedHashIsRejectedOnTheHashLine() throws IOException {
        String text = bundledText();
        LeapSecondFileException e = rejectsEdited("tampered.list", text, "(?m)^#\\$(\\s+)3992312697",
                "#\\$$13992312698");
        assertEquals("tampered.list", e.sourceName());
        assertEquals(lineOf(text, "#h"), e.lineNumber());
        assertTrue(e.getMessage().startsWith("tampered.list:" + lineOf(text, "#h") + ": SHA-1 mismatch"),
                e.getMessage());
    }

    @Test
    void alteredDataLineIsCaughtByTheHash() throws IOException {
        String text = bundledText();
        // Move the 2017 leap second by one day: still a valid-looking history, but not what IERS signed.
        LeapSecondFileException e = rejectsEdited("moved.list", text, "(?m)^3692217600(\\s+)37", "3692304000$137");
        assertTrue(e.getMessage().contains("SHA-1 mismatch"), e.getMessage());
    }

    @Test
    void badLineIsRejectedWithFileAndLine() throws IOException {
        String text = bundledText();
        int line = lineOf(text, "2871676800");
        LeapSecondFileException e = rejectsEdited("bad.list", text, "(?m)^2871676800(\\s+)26",
                "2871676800$1twenty-six");
        assertEquals(line, e.lineNumber());
        assertTrue(e.getMessage().startsWith("bad.list:" + line + ": expected a data line"), e.getMessage());
        assertTrue(e.getMessage().contains("twenty-six"), e.getMessage());
    }

    @Test
    void nonIncreasingDatesAreRejectedEvenWithAValidHash() {
        LeapFiles files = LeapFiles.realHistory();
        files.entry(LocalDate.of(2017, 1, 1), 38);
        String text = files.text();
        LeapSecondFileException e = rejects("repeat.list", text);
        int firstLine = lineOf(text, String.valueOf(LeapFiles.ntp(LocalDate.of(2017, 1, 1))));
        assertEquals(firstLine + 1, e.lineNumber(), "the repeated date is on the line after the first");
        assertTrue(e.getMessage().contains("is not after the previous entry's 2017-01-01T00:00:00Z (line "
                + firstLine + ")"), e.getMessage());
    }

    @Test
    void offsetJumpOfTwoIsRejected() {
        LeapFiles files = LeapFiles.realHistory().entry(LocalDate.of(2019, 1, 1), 39);
        LeapSecondFileException e = rejects("jump.list", files.text());
        assertTrue(e.getMessage().contains("TAI − UTC goes from 37 s"), e.getMessage());
        assertTrue(e.getMessage().contains("to 39 s at 2019-01-01T00:00:00Z"), e.getMessage());
        assertTrue(e.getMessage().startsWith("jump.list:" + lineOf(files.text(), String.valueOf(
                LeapFiles.ntp(LocalDate.of(2019, 1, 1)))) + ":"), e.getMessage());
    }

    @Test
    void negativeLeapSecondIsAccepted() throws LeapSecondFileException {
        LeapSecondTable table = LeapFiles.realHistory().entry(LocalDate.of(2029, 1, 1), 36).parse("deleted.list");
        assertEquals(36, table.taiMinusUtcAtUtcNanos(utcNanos(LocalDate.of(2029, 1, 1), LocalTime.MIDNIGHT)));
    }

    @Test
    void firstEntryMustBe1972WithTenSeconds() {
        LeapFiles wrongOffset = new LeapFiles().entry(LocalDate.of(1972, 1, 1), 11);
        assertTrue(rejects("f", wrongOffset.text()).getMessage().contains("the first entry must be 1972-01-01"));
        LeapFiles wrongDate = new LeapFiles().entry(LocalDate.of(1972, 7, 1), 10);
        assertTrue(rejects("f", wrongDate.text()).getMessage().contains("found NTP 2287785600"));
    }

    @Test
    void entryNotAtMidnightIsRejected() {
        LeapFiles files = LeapFiles.realHistory();
        files.rawEntry(LeapFiles.ntp(LocalDate.of(2020, 1, 1)) + 1, 38);
        assertTrue(rejects("f", files.text()).getMessage().contains("is not a UTC midnight"));
    }

    /** Asserts that replacing the first line matching {@code lineRegex} with {@code replacement} gets rejected. */
    private static String rejectionWhenReplacing(String text, String lineRegex, String replacement) {
        return rejectsEdited("f", text, "(?m)^" + lineRegex + "$", replacement).getMessage();
    }

    /** Asserts that {@code text} with its first match of {@code regex} replaced is rejected. */
    private static LeapSecondFileException rejectsEdited(String name, String text, String regex, String replacement) {
        String changed = text.replaceFirst(regex, replacement);
        assertNotEquals(text, changed, regex);
        return rejects(name, changed);
    }

    @Test
    void missingHashExpiryOrUpdateLineIsAnError() {
        String text = LeapFiles.realHistory().text();
        assertEquals("f: no '#h' line (SHA-1 hash); the file cannot be verified",
                rejectionWhenReplacing(text, "#h.*", "#"));
        assertTrue(rejectionWhenReplacing(text, "#@.*", "#").startsWith("f: no '#@' line"));
        assertTrue(rejectionWhenReplacing(text, "#\\$.*", "#").startsWith("f: no '#$' line"));
        String noData = text.replaceAll("(?m)^\\d.*$", "#");
        assertTrue(rejects("f", noData).getMessage().startsWith("f: no data lines"));
    }

    @Test
    void repeatedOrMalformedDirectiveIsAnError() {
        String text = LeapFiles.realHistory().text();
        int expiryLine = lineOf(text, "#@");
        LeapSecondFileException e = rejects("f", text.replaceFirst("(?m)^(#@.*)$", "$1\n$1"));
        assertEquals(expiryLine + 1, e.lineNumber());
        assertTrue(e.getMessage().contains("the first is line " + expiryLine), e.getMessage());
        assertTrue(rejectionWhenReplacing(text, "#h.*", "#h 12345678 zz").contains("five groups"));
        assertTrue(rejectionWhenReplacing(text, "#@.*", "#@ soon")
                .contains("expected '#@' followed by NTP seconds"));
    }

    @Test
    void expiryNotAfterTheLastEntryIsAnError() {
        LeapFiles files = LeapFiles.realHistory().expires(LocalDate.of(2016, 6, 28));
        assertTrue(rejects("f", files.text()).getMessage().contains("is not after the last entry"));
    }

    @Test
    void commentsBlankLinesAndHashGroupsWithoutLeadingZerosAreAccepted() throws LeapSecondFileException {
        String text = "\n#hello, a comment that is no hash\n\n" + LeapFiles.realHistory().text() + "\n   \n";
        assertEquals(28, LeapSecondTable.parse("f", new StringReader(text)).leapSeconds().size());
    }

    /** Some editors save UTF-8 with a byte-order mark (U+FEFF, bytes EF BB BF) before the IERS text. */
    @Test
    void leadingUtf8ByteOrderMarkIsIgnored() throws IOException {
        String text = bundledText();
        Path file = Files.writeString(tempDir.resolve("bom.list"), "\uFEFF" + text, StandardCharsets.UTF_8);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals("efbbbf", String.format("%02x%02x%02x", bytes[0], bytes[1], bytes[2]), "a real UTF-8 BOM");
        LeapSecondTable table = LeapSecondTable.load(file);
        assertEquals(LeapSecondTable.bundled(), table);
        assertEquals(file.toString(), table.sourceName());
        // The same through a Reader, on a file whose first line is a directive; the #h rule is unchanged.
        String built = LeapFiles.realHistory().text().replaceFirst("\\A#[^\n]*\n#\n", "");
        assertTrue(built.startsWith("#$"), built);
        assertEquals(28, LeapSecondTable.parse("f", new StringReader("\uFEFF" + built)).leapSeconds().size());
        LeapSecondFileException tampered = rejectsEdited("f", "\uFEFF" + text, "(?m)^#\\$(\\s+)3992312697",
                "#\\$$13992312698");
        assertEquals(lineOf(text, "#h"), tampered.lineNumber());
        assertTrue(tampered.getMessage().contains("SHA-1 mismatch"), tampered.getMessage());
    }

    @Test
    void byteOrderMarkAnywhereButTheStartIsStillAnError() {
        String text = LeapFiles.realHistory().text();
        LeapSecondFileException e = rejects("f", "#\n\uFEFF" + text);
        assertEquals(2, e.lineNumber());
        assertTrue(e.getMessage().startsWith("f:2: expected a data line"), e.getMessage());
    }

    @Test
    void expiredFileIsDetected() throws IOException {
        Path file = LeapFiles.realHistory().expires(LocalDate.of(2020, 6, 28)).write(tempDir, "old.list");
        LeapSecondTable table = LeapSecondTable.load(file);
        assertTrue(table.isExpiredAt(Instant.parse("2020-06-28T00:00:00Z")));
        assertFalse(table.isExpiredAt(Instant.parse("2020-06-27T23:59:59Z")));
    }

    @Test
    void unreadableFileNamesTheFile() {
        Path missing = tempDir.resolve("missing.list");
        LeapSecondFileException e = assertThrows(LeapSecondFileException.class, () -> LeapSecondTable.load(missing));
        assertTrue(e.getMessage().startsWith(missing + ": cannot read the file"), e.getMessage());
    }

    @Test
    void leapSecondEntriesStartAtMidnight() {
        LeapSecond leap = new LeapSecond(1_483_228_800L, 37);
        assertEquals(LocalDate.of(2016, 12, 31), leap.leapDay());
        assertEquals(Instant.parse("2017-01-01T00:00:00Z"), leap.utcStart());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LeapSecond(1_483_228_799L, 37));
        assertTrue(e.getMessage().startsWith("utcEpochSecond 1483228799 (2016-12-31T23:59:59Z) is not a UTC midnight"),
                e.getMessage());
    }

    @Test
    void nullArgumentsAreNamed() {
        assertEquals("file", assertThrows(NullPointerException.class, () -> LeapSecondTable.load(null)).getMessage());
        assertEquals("sourceName", assertThrows(NullPointerException.class,
                () -> LeapSecondTable.parse(null, new StringReader(""))).getMessage());
        assertEquals("in", assertThrows(NullPointerException.class,
                () -> LeapSecondTable.parse("f", null)).getMessage());
        assertEquals("utc", assertThrows(NullPointerException.class,
                () -> LeapSecondTable.bundled().isExpiredAt(null)).getMessage());
    }

    // ----------------------------------------------------------------------------------- system() source choice

    @Test
    void propertyFileThatExpiresLaterWins() throws IOException {
        Path later = LeapFiles.realHistory().expires(LocalDate.of(2031, 12, 28)).write(tempDir, "later.list");
        Path zoneinfo = LeapFiles.realHistory().expires(LocalDate.of(2030, 6, 28)).write(tempDir, "zoneinfo.list");
        LeapSecondTable chosen = LeapSecondTable.choose(later.toString(), zoneinfo, LeapSecondTable.bundled(), NOW);
        assertEquals(later.toString(), chosen.sourceName());
    }

    @Test
    void propertyFileThatExpiresEarlierLosesToTheBundledCopy() throws IOException {
        Path earlier = LeapFiles.realHistory().expires(LocalDate.of(2026, 12, 28)).write(tempDir, "earlier.list");
        LeapSecondTable[] chosen = new LeapSecondTable[1];
        List<String> warnings = warningsLoggedBy(() -> chosen[0] = LeapSecondTable.choose(earlier.toString(),
                tempDir.resolve("none"), LeapSecondTable.bundled(), NOW));
        assertSame(LeapSecondTable.bundled(), chosen[0]);
        assertEquals(1, warnings.size(), warnings.toString()); // passed over, and said so (MessagesTest: the text)
        assertTrue(warnings.get(0).contains("Not using the leap-second file named by"), warnings.get(0));
    }

    @Test
    void systemFileThatExpiresLaterThanTheBundledCopyWins() throws IOException {
        Path zoneinfo = LeapFiles.realHistory().expires(LocalDate.of(2035, 6, 28)).write(tempDir, "zoneinfo.list");
        LeapSecondTable chosen = LeapSecondTable.choose(null, zoneinfo, LeapSecondTable.bundled(), NOW);
        assertEquals(zoneinfo.toString(), chosen.sourceName());
    }

    @Test
    void systemFileThatExpiresEarlierLosesToTheBundledCopy() throws IOException {
        Path zoneinfo = LeapFiles.realHistory().expires(LocalDate.of(2026, 6, 28)).write(tempDir, "zoneinfo.list");
        assertSame(LeapSecondTable.bundled(), LeapSecondTable.choose(null, zoneinfo, LeapSecondTable.bundled(), NOW));
    }

    @Test
    void rejectedFilesAreSkippedForTheNextSource() throws IOException {
        Path corrupt = Files.writeString(tempDir.resolve("corrupt.list"),
                LeapFiles.realHistory().expires(LocalDate.of(2040, 1, 1)).text().replace("\t37\t", "\t38\t"));
        Path later = LeapFiles.realHistory().expires(LocalDate.of(2035, 1, 1)).write(tempDir, "zoneinfo.list");
        LeapSecondTable chosen = LeapSecondTable.choose(corrupt.toString(), later, LeapSecondTable.bundled(), NOW);
        assertEquals(later.toString(), chosen.sourceName());
        assertSame(LeapSecondTable.bundled(), LeapSecondTable.choose(tempDir.resolve("absent").toString(),
                tempDir.resolve("absent too"), LeapSecondTable.bundled(), NOW));
    }

    @Test
    void onATieTheEarlierSourceWinsAndAnExpiredWinnerIsUsedWithOneWarningNamingTheRemedy() throws IOException {
        Path a = LeapFiles.realHistory().expires(LocalDate.of(2020, 1, 1)).write(tempDir, "a.list");
        Path b = LeapFiles.realHistory().expires(LocalDate.of(2020, 1, 1)).write(tempDir, "b.list");
        LeapSecondTable old = LeapSecondTable.load(b);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        LeapSecondTable[] chosen = new LeapSecondTable[1];
        List<String> warnings = warningsLoggedBy(() -> chosen[0] = LeapSecondTable.choose(a.toString(), b, old, now));
        assertEquals(a.toString(), chosen[0].sourceName());
        assertTrue(chosen[0].isExpiredAt(now));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(a + ", which expired on 2020-01-01T00:00:00Z"), warnings.get(0));
        assertTrue(warnings.get(0).contains("-Dobstime.leapSecondsFile"), warnings.get(0));
    }

    @Test
    void rejectedFileIsLoggedOnceWithFileAndLineAndAValidChoiceIsSilent() throws IOException {
        String text = LeapFiles.realHistory().text();
        Path corrupt = Files.writeString(tempDir.resolve("corrupt.list"),
                text.replaceFirst("(?m)^#h\\s+\\p{XDigit}", "#h\t0"));
        List<String> warnings = warningsLoggedBy(() -> LeapSecondTable.choose(corrupt.toString(),
                tempDir.resolve("absent"), LeapSecondTable.bundled(), Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(corrupt + ":" + lineOf(text, "#h") + ": SHA-1 mismatch"),
                warnings.get(0));
        assertEquals(List.of(), warningsLoggedBy(() -> LeapSecondTable.choose(null, tempDir.resolve("absent"),
                LeapSecondTable.bundled(), Instant.parse("2026-01-01T00:00:00Z"))));
    }

    private static List<String> warningsLoggedBy(Runnable action) {
        return LogCapture.warnings(LeapSecondTable.class, action);
    }
}
