package io.obstime.clock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history of TAI − UTC: the IETF/IERS {@code leap-seconds.list} file, verified, and the conversions between
 * POSIX UTC nanoseconds and TAI nanoseconds that follow from it.
 *
 * <h2>Scales and units</h2>
 * {@code utcNanos} counts nanoseconds since 1970-01-01T00:00:00Z in POSIX UTC (86 400 s a day, leap seconds not
 * counted, the kernel's {@code CLOCK_REALTIME}); {@code taiNanos} counts nanoseconds since 1970-01-01T00:00:00 TAI
 * (the kernel's {@code CLOCK_TAI}); {@code taiNanos = utcNanos + (TAI − UTC) × 10⁹}.
 *
 * <h2>Outside the table</h2>
 * <ul>
 *   <li>Before 1972-01-01 UTC had no whole-second offset from TAI (it was a rubber-second scale); this table
 *       applies the proleptic value {@value #PROLEPTIC_TAI_MINUS_UTC} s, the offset of 1972-01-01, to every earlier
 *       instant, so that the conversions stay defined and monotonic.</li>
 *   <li>After the last entry the last offset applies, for ever. That is right until {@link #expires()}: the file
 *       promises that no leap second other than those listed happens before that instant. After it, a leap second
 *       announced later by IERS is unknown to this table.</li>
 * </ul>
 *
 * <h2>Inside a leap second</h2>
 * POSIX UTC cannot name an inserted leap second (23:59:60) and names a deleted one (23:59:59) that never happened.
 * The conversions are total and monotonic (non-decreasing) all the same:
 * <ul>
 *   <li>{@link #taiToUtcNanos} maps every TAI instant inside an inserted leap second to the last nanosecond of the
 *       leap day, 23:59:59.999999999: the instant stays on its day, after everything that happened in 23:59:59 and
 *       before everything that happens at or after midnight.</li>
 *   <li>{@link #utcToTaiNanos} maps the ambiguous POSIX second 23:59:59 of a leap day to its first occurrence (the
 *       real 23:59:59; the repeat that the kernel shows during the leap second is the leap second itself), and maps
 *       every POSIX instant inside a deleted second 23:59:59 to the TAI instant at which the next day begins.</li>
 *   <li>{@link #taiMinusUtcAtTaiNanos} follows the kernel: the new offset applies from the start of an inserted
 *       leap second, so {@code taiNanos − offset × 10⁹} is what {@code CLOCK_REALTIME} shows, 23:59:59 repeated.</li>
 * </ul>
 *
 * <h2>Sources</h2>
 * {@link #system()} reads the file named by the system property {@value #FILE_PROPERTY}, the system's
 * {@code /usr/share/zoneinfo/leap-seconds.list} and the copy bundled in this jar, and keeps the valid one that
 * expires last; a rejected file is logged once (WARN, with file and line) and skipped, an expired winner is used with
 * one WARN. Lookups search primitive arrays and allocate nothing: they are meant for the clock-read hot path.
 *
 * <p>Equality is by content (entries, update and expiry dates), not by {@link #sourceName()}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class LeapSecondTable {

    /** The system property naming a leap-seconds file to consider before the system's and the bundled one. */
    public static final String FILE_PROPERTY = "obstime.leapSecondsFile";
    /** TAI − UTC in seconds on 1972-01-01, applied to every earlier instant (see the class documentation). */
    public static final int PROLEPTIC_TAI_MINUS_UTC = 10;

    static final Path SYSTEM_FILE = Path.of("/usr/share/zoneinfo/leap-seconds.list");
    static final String BUNDLED_RESOURCE = "/io/obstime/clock/leap-seconds.list";

    private static final Logger LOG = LoggerFactory.getLogger(LeapSecondTable.class);

    /** U+FEFF, which a UTF-8 file may start with (bytes EF BB BF); {@link #parse} skips it there only. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    /** NTP counts seconds from 1900-01-01T00:00:00Z; Unix = NTP − this. */
    static final long NTP_UNIX_EPOCH_DIFFERENCE_SECONDS = 2_208_988_800L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SECONDS_PER_DAY = 86_400;
    /** 1972-01-01T00:00:00Z: where every leap-seconds.list starts, with {@link #PROLEPTIC_TAI_MINUS_UTC}. */
    private static final long UTC_1972_EPOCH_SECOND = 63_072_000L;
    /** The last midnight whose nanosecond count, plus any plausible offset, still fits a long (2262-04-10). */
    private static final long MAX_UTC_EPOCH_SECOND =
            Math.floorDiv(Long.MAX_VALUE / NANOS_PER_SECOND, SECONDS_PER_DAY) * SECONDS_PER_DAY - SECONDS_PER_DAY;

    private final String sourceName;
    private final long updatedUtcEpochSecond;
    private final long expiresUtcEpochSecond;
    /** Entry i: the POSIX UTC instant (a midnight, in nanoseconds) from which {@code taiMinusUtc[i]} applies. */
    private final long[] startUtcNanos;
    /**
     * Entry i: the TAI instant from which {@code taiMinusUtc[i]} applies on the kernel's convention: the start of an
     * inserted leap second, the TAI instant of midnight for a deleted one.
     */
    private final long[] startTaiNanos;
    private final int[] taiMinusUtc;
    private final List<LeapSecond> leapSeconds;

    private LeapSecondTable(String sourceName, long updatedUtcEpochSecond, long expiresUtcEpochSecond,
                            long[] startUtcEpochSeconds, int[] taiMinusUtc) {
        this.sourceName = sourceName;
        this.updatedUtcEpochSecond = updatedUtcEpochSecond;
        this.expiresUtcEpochSecond = expiresUtcEpochSecond;
        this.taiMinusUtc = taiMinusUtc;
        int n = taiMinusUtc.length;
        this.startUtcNanos = new long[n];
        this.startTaiNanos = new long[n];
        List<LeapSecond> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int before = i == 0 ? PROLEPTIC_TAI_MINUS_UTC : taiMinusUtc[i - 1];
            startUtcNanos[i] = startUtcEpochSeconds[i] * NANOS_PER_SECOND;
            startTaiNanos[i] = (startUtcEpochSeconds[i] + Math.min(before, taiMinusUtc[i])) * NANOS_PER_SECOND;
            entries.add(new LeapSecond(startUtcEpochSeconds[i], taiMinusUtc[i]));
        }
        this.leapSeconds = List.copyOf(entries);
    }

    // ------------------------------------------------------------------------------------------------ sources

    /**
     * The best table on this machine, chosen once per process on first use: of the file named by the system
     * property {@value #FILE_PROPERTY}, {@code /usr/share/zoneinfo/leap-seconds.list} and {@link #bundled()}, the
     * valid one that expires last (the earlier in that order on a tie). Rejected files are logged once at WARN with
     * file and line; an expired winner is used with one WARN naming the remedy.
     *
     * <p>A file named by {@value #FILE_PROPERTY} that expires before another candidate (expired or not) is passed
     * over with one WARN naming both files and their expiry dates. Why not use it since the user named it: tables
     * only grow (IERS never withdraws a leap second), so a table that expires later lists every leap second of the
     * named one and perhaps one more; using the older would give a TAI one second wrong after that leap second, and
     * nothing would show it. A user names a file to get a <em>newer</em> table than the machine has (what the WARN
     * about an expired table advises); one older than the jar's copy is stale, and the WARN says so. To run on a
     * chosen table regardless (tests, simulations), pass it to {@link SimulatedTimeSource} or to the conversions that
     * take a table.
     *
     * @return the process-wide table; never null
     */
    public static LeapSecondTable system() {
        return SystemHolder.TABLE;
    }

    /**
     * @return the copy of the IERS file bundled in this jar (resource {@value #BUNDLED_RESOURCE}), parsed once
     * @throws IllegalStateException if the jar's copy is missing or malformed (a broken build)
     */
    public static LeapSecondTable bundled() {
        return BundledHolder.TABLE;
    }

    /**
     * Reads and verifies a file in the IETF/IERS {@code leap-seconds.list} format (UTF-8, with or without a
     * byte-order mark, or ASCII).
     *
     * @param file the file
     * @return the table, named after the file
     * @throws LeapSecondFileException if the file cannot be read or is malformed (see {@link #parse})
     */
    public static LeapSecondTable load(Path file) throws LeapSecondFileException {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        String text;
        try {
            text = TextFiles.read(file, StandardCharsets.UTF_8);
        } catch (TextFiles.NotText e) {
            throw new LeapSecondFileException(name, e.line, e.getMessage() + "; a leap-seconds.list is a text file");
        } catch (IOException e) {
            throw new LeapSecondFileException(name, 0, "cannot read the file: " + e, e);
        }
        return parse(name, new StringReader(text));
    }

    /**
     * Parses and verifies the IETF/IERS {@code leap-seconds.list} format: data lines {@code NTP-seconds TAI−UTC
     * [# comment]} (NTP seconds count from 1900-01-01T00:00:00Z), {@code #$ NTP-seconds} (last update),
     * {@code #@ NTP-seconds} (expiry), {@code #h} followed by the five hexadecimal groups of the SHA-1 of the
     * {@code #$} number, the {@code #@} number and every data line's two numbers, concatenated without whitespace;
     * every other line starting with {@code #} is a comment. A byte-order mark (U+FEFF) at the very start of the
     * text is skipped; anywhere else it is an error like any other unexpected character.
     *
     * <p>Rejected: a line that is none of these, a missing or repeated {@code #$}/{@code #@}/{@code #h}, a hash that
     * does not match, a first entry other than 1972-01-01 with 10 s, an entry not at a UTC midnight, dates that do not
     * strictly increase, an offset that does not differ from the previous one by exactly one second, an expiry not
     * after the last entry, dates beyond 2262 (outside nanosecond range). The reader is not closed.
     *
     * @param sourceName names the source in the table and in error messages, for example a file name
     * @param in         the text
     * @return the table
     * @throws LeapSecondFileException naming the source, the line and what is wrong
     */
    public static LeapSecondTable parse(String sourceName, Reader in) throws LeapSecondFileException {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(in, "in");
        Parser parser = new Parser(sourceName);
        BufferedReader lines = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
        int lineNumber = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (lineNumber == 0 && line.startsWith(BYTE_ORDER_MARK)) {
                    line = line.substring(BYTE_ORDER_MARK.length()); // not text: the mark some editors put first
                }
                parser.accept(++lineNumber, line);
            }
        } catch (LeapSecondFileException e) {
            throw e;
        } catch (IOException e) {
            throw new LeapSecondFileException(sourceName, lineNumber + 1, "cannot read: " + e, e);
        }
        return parser.finish();
    }

    // ------------------------------------------------------------------------------------------------ lookups

    /**
     * The offset in effect at a UTC instant: allocation-free, a binary search (constant time for instants after the
     * last entry). Inside a deleted second (which UTC never shows) it is the offset before the deletion.
     *
     * @param utcNanos nanoseconds since 1970-01-01T00:00:00Z, POSIX UTC
     * @return TAI − UTC in seconds; {@value #PROLEPTIC_TAI_MINUS_UTC} before 1972; the last entry's after it
     */
    public int taiMinusUtcAtUtcNanos(long utcNanos) {
        return offsetOfEntry(floorIndex(startUtcNanos, utcNanos));
    }

    /**
     * The offset in effect at a TAI instant, on the kernel's convention: the new offset applies from the start of an
     * inserted leap second (during which {@code taiNanos − offset × 10⁹} repeats 23:59:59, as
     * {@code CLOCK_REALTIME} does), and from the TAI instant of midnight after a deleted one. Allocation-free.
     *
     * @param taiNanos nanoseconds since 1970-01-01T00:00:00 TAI
     * @return TAI − UTC in seconds; {@value #PROLEPTIC_TAI_MINUS_UTC} before 1972; the last entry's after it
     */
    public int taiMinusUtcAtTaiNanos(long taiNanos) {
        return offsetOfEntry(floorIndex(startTaiNanos, taiNanos));
    }

    /**
     * Converts POSIX UTC to TAI with the offset in effect at that instant. Strictly increasing except inside a
     * deleted second, which maps entirely to the TAI instant at which the next day begins. The POSIX second
     * 23:59:59 before an inserted leap second maps to its first occurrence. Allocation-free.
     *
     * @param utcNanos nanoseconds since 1970-01-01T00:00:00Z, POSIX UTC
     * @return nanoseconds since 1970-01-01T00:00:00 TAI
     * @throws ArithmeticException if the result overflows a long (utcNanos within 37 s of {@link Long#MAX_VALUE})
     */
    public long utcToTaiNanos(long utcNanos) {
        int i = floorIndex(startUtcNanos, utcNanos);
        int offset = offsetOfEntry(i);
        int next = i + 1;
        if (next < taiMinusUtc.length && taiMinusUtc[next] < offset
                && utcNanos >= startUtcNanos[next] - NANOS_PER_SECOND) {
            return startTaiNanos[next]; // inside a deleted 23:59:59: it never happened; the next day begins
        }
        return addSeconds(utcNanos, offset, "utcNanos");
    }

    /**
     * Converts TAI to POSIX UTC. Non-decreasing: every instant inside an inserted leap second maps to
     * 23:59:59.999999999 of the leap day (see the class documentation); elsewhere strictly increasing and the
     * inverse of {@link #utcToTaiNanos}. Allocation-free.
     *
     * @param taiNanos nanoseconds since 1970-01-01T00:00:00 TAI
     * @return nanoseconds since 1970-01-01T00:00:00Z, POSIX UTC
     * @throws ArithmeticException if the result overflows a long (taiNanos within 37 s of {@link Long#MIN_VALUE})
     */
    public long taiToUtcNanos(long taiNanos) {
        int i = floorIndex(startTaiNanos, taiNanos);
        long utcNanos = addSeconds(taiNanos, -offsetOfEntry(i), "taiNanos");
        if (i >= 0 && utcNanos < startUtcNanos[i]) {
            return startUtcNanos[i] - 1; // inside an inserted leap second: the last nanosecond of the leap day
        }
        return utcNanos;
    }

    /**
     * Whether the UTC day {@code day} ends with a leap second according to this table.
     *
     * @param day a UTC day
     * @return +1 if a second 23:59:60 was inserted at its end, −1 if its 23:59:59 was deleted, 0 otherwise (also for
     *         1971-12-31: 1972-01-01 is the start of the table, not a leap second)
     */
    public int leapSecondAtEndOf(LocalDate day) {
        Objects.requireNonNull(day, "day");
        long next = day.toEpochDay() + 1;
        if (next > MAX_UTC_EPOCH_SECOND / SECONDS_PER_DAY + 1 || next < 0) {
            return 0; // outside nanosecond range: no entry can start there
        }
        return leapSecondBefore(next * SECONDS_PER_DAY * NANOS_PER_SECOND);
    }

    /** @return +1 / −1 if the table inserts / deletes a second just before this UTC midnight, else 0 */
    int leapSecondBefore(long midnightUtcNanos) {
        int i = Arrays.binarySearch(startUtcNanos, midnightUtcNanos);
        return i > 0 ? taiMinusUtc[i] - taiMinusUtc[i - 1] : 0;
    }

    /**
     * @param midnightUtcNanos the UTC midnight that ends an inserted leap second (see {@link #leapSecondBefore})
     * @param nanosIntoLeapSecond 0 to 999 999 999: the fraction of 23:59:60
     * @return the TAI instant of {@code 23:59:60.fraction} of that day
     * @throws IllegalArgumentException if no leap second was inserted before that midnight
     */
    long leapSecondLabelToTaiNanos(long midnightUtcNanos, long nanosIntoLeapSecond) {
        int i = Arrays.binarySearch(startUtcNanos, midnightUtcNanos);
        if (i <= 0 || taiMinusUtc[i] <= taiMinusUtc[i - 1]) {
            throw new IllegalArgumentException("no leap second is inserted before " + midnightUtcNanos);
        }
        return startTaiNanos[i] + nanosIntoLeapSecond;
    }

    /**
     * @param taiNanos nanoseconds since 1970-01-01T00:00:00 TAI
     * @return how far into an inserted leap second (23:59:60) the instant lies, 0 to 999 999 999 ns, or −1 if it is
     *         not inside one. Allocation-free.
     */
    long nanosIntoInsertedLeapSecond(long taiNanos) {
        int i = floorIndex(startTaiNanos, taiNanos);
        if (i > 0 && taiMinusUtc[i] > taiMinusUtc[i - 1] && taiNanos - startTaiNanos[i] < NANOS_PER_SECOND) {
            return taiNanos - startTaiNanos[i];
        }
        return -1;
    }

    /** @return the last day that ends with a leap second in this table, or null if it lists none */
    LocalDate lastLeapDay() {
        return leapSeconds.size() < 2 ? null : leapSeconds.get(leapSeconds.size() - 1).leapDay();
    }

    /** @return index of the last entry starting at or before {@code key}, or -1 if none */
    private static int floorIndex(long[] starts, long key) {
        int last = starts.length - 1;
        if (key >= starts[last]) {
            return last; // the common case: now, after the last leap second
        }
        int found = Arrays.binarySearch(starts, 0, last, key);
        return found >= 0 ? found : -found - 2;
    }

    private int offsetOfEntry(int index) {
        return index < 0 ? PROLEPTIC_TAI_MINUS_UTC : taiMinusUtc[index];
    }

    private static long addSeconds(long nanos, int seconds, String parameter) {
        try {
            return Math.addExact(nanos, seconds * NANOS_PER_SECOND);
        } catch (ArithmeticException e) {
            throw new ArithmeticException(parameter + " " + nanos + " plus " + seconds + " s overflows a long");
        }
    }

    // ------------------------------------------------------------------------------------------------ contents

    /** @return every entry, oldest first, starting with 1972-01-01 (10 s); unmodifiable */
    public List<LeapSecond> leapSeconds() {
        return leapSeconds;
    }

    /** @return the UTC instant after which this table may miss leap seconds (the file's {@code #@} line) */
    public Instant expires() {
        return Instant.ofEpochSecond(expiresUtcEpochSecond);
    }

    /** @return when the file was last updated (its {@code #$} line), UTC */
    public Instant updated() {
        return Instant.ofEpochSecond(updatedUtcEpochSecond);
    }

    /**
     * @param utc a UTC instant
     * @return true if {@code utc} is at or after {@link #expires()}
     */
    public boolean isExpiredAt(Instant utc) {
        Objects.requireNonNull(utc, "utc");
        return utc.getEpochSecond() >= expiresUtcEpochSecond;
    }

    /** @return where this table came from: a file name, the bundled resource, plus any simulated leap seconds */
    public String sourceName() {
        return sourceName;
    }

    /**
     * A copy of this table with one more leap second, at the end of the UTC day {@code day}: inserted (23:59:60,
     * TAI − UTC grows by one) or deleted (23:59:59 skipped, TAI − UTC shrinks by one). For simulations and tests;
     * the update and expiry dates are this table's.
     *
     * @param day    the UTC day at whose end the leap second happens; after the day of the table's last entry
     * @param insert true to insert a second, false to delete one
     * @return the new table
     * @throws IllegalArgumentException if {@code day} does not end after the table's last entry, or is after 2262
     */
    public LeapSecondTable withLeapSecond(LocalDate day, boolean insert) {
        Objects.requireNonNull(day, "day");
        int n = taiMinusUtc.length;
        long lastStart = startUtcNanos[n - 1] / NANOS_PER_SECOND;
        if (day.getYear() > 2262 || (day.toEpochDay() + 1) * SECONDS_PER_DAY > MAX_UTC_EPOCH_SECOND) {
            throw new IllegalArgumentException("day " + day + " is outside the range of nanosecond timestamps");
        }
        long start = (day.toEpochDay() + 1) * SECONDS_PER_DAY;
        if (start <= lastStart) {
            throw new IllegalArgumentException("day " + day + ": a leap second at its end would not come after the "
                    + "table's last entry, " + Instant.ofEpochSecond(lastStart) + " (TAI − UTC " + taiMinusUtc[n - 1]
                    + " s)");
        }
        long[] starts = new long[n + 1];
        for (int i = 0; i < n; i++) {
            starts[i] = startUtcNanos[i] / NANOS_PER_SECOND;
        }
        starts[n] = start;
        int[] offsets = Arrays.copyOf(taiMinusUtc, n + 1);
        offsets[n] = taiMinusUtc[n - 1] + (insert ? 1 : -1);
        String name = sourceName + " + " + (insert ? "inserted" : "deleted") + " leap second at the end of " + day;
        return new LeapSecondTable(name, updatedUtcEpochSecond, expiresUtcEpochSecond, starts, offsets);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LeapSecondTable that
                && that.updatedUtcEpochSecond == updatedUtcEpochSecond
                && that.expiresUtcEpochSecond == expiresUtcEpochSecond
                && Arrays.equals(that.startUtcNanos, startUtcNanos)
                && Arrays.equals(that.taiMinusUtc, taiMinusUtc);
    }

    @Override
    public int hashCode() {
        return Objects.hash(updatedUtcEpochSecond, expiresUtcEpochSecond, Arrays.hashCode(startUtcNanos),
                Arrays.hashCode(taiMinusUtc));
    }

    /** @return the source, the number of entries, the last one, the update and expiry dates */
    @Override
    public String toString() {
        LeapSecond last = leapSeconds.get(leapSeconds.size() - 1);
        return "LeapSecondTable[" + sourceName + ": " + leapSeconds.size() + " entries, TAI − UTC "
                + last.taiMinusUtc() + " s since " + last.utcStart() + ", updated " + updated() + ", expires "
                + expires() + "]";
    }

    // ------------------------------------------------------------------------------------------------ loading

    /** Lazily, once: the holder idiom gives thread-safe publication of the immutable table without a lock. */
    private static final class SystemHolder {
        static final LeapSecondTable TABLE =
                choose(System.getProperty(FILE_PROPERTY), SYSTEM_FILE, bundled(), Instant.now());
    }

    private static final class BundledHolder {
        static final LeapSecondTable TABLE = loadBundled();
    }

    private static LeapSecondTable loadBundled() {
        String name = "classpath:" + BUNDLED_RESOURCE;
        try (InputStream stream = LeapSecondTable.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return parse(name, new InputStreamReader(stream, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("the bundled leap-second table is unusable: " + e.getMessage(), e);
        }
    }

    /**
     * The selection behind {@link #system()}, with its inputs as parameters so that tests can drive it.
     *
     * @param propertyFile the value of {@value #FILE_PROPERTY}, or null
     * @param systemFile   the system's file; skipped silently if it does not exist
     * @param bundled      the bundled table, the last resort
     * @param now          UTC now, to detect expiry
     * @return the valid table that expires last, the earliest candidate on a tie
     */
    static LeapSecondTable choose(String propertyFile, Path systemFile, LeapSecondTable bundled, Instant now) {
        List<LeapSecondTable> candidates = new ArrayList<>(3);
        LeapSecondTable named = null;
        if (propertyFile != null && !propertyFile.isBlank()) {
            try {
                named = load(Path.of(propertyFile));
                candidates.add(named);
            } catch (LeapSecondFileException | InvalidPathException e) {
                LOG.warn("Ignoring the leap-second file named by -D{}: {}", FILE_PROPERTY, e.getMessage());
            }
        }
        if (Files.exists(systemFile)) {
            try {
                candidates.add(load(systemFile));
            } catch (LeapSecondFileException e) {
                LOG.warn("Ignoring the system's leap-second file: {}", e.getMessage());
            }
        } else {
            LOG.debug("No system leap-second file at {}", systemFile);
        }
        candidates.add(bundled);
        LeapSecondTable best = candidates.get(0);
        for (LeapSecondTable candidate : candidates) {
            if (candidate.expiresUtcEpochSecond > best.expiresUtcEpochSecond) {
                best = candidate;
            }
        }
        if (named != null && best != named) {
            LOG.warn("Not using the leap-second file named by -D{}, {} (expires {}{}): {} expires later ({}). "
                    + "Leap-second tables only grow, so the later one lists every leap second the named one does "
                    + "and may list more. Point -D{} at a file that expires no earlier to have it used.",
                    FILE_PROPERTY, named.sourceName, named.expires(), named.isExpiredAt(now) ? ", expired" : "",
                    best.sourceName, best.expires(), FILE_PROPERTY);
        }
        if (best.isExpiredAt(now)) {
            LOG.warn("Using the leap-second table {}, which expired on {}: a leap second announced since then is "
                    + "unknown to it, so TAI may be off by a second. Update the tzdata package, or point -D{} at a "
                    + "current leap-seconds.list (https://hpiers.obspm.fr/iers/bul/bulc/ntp/leap-seconds.list).",
                    best.sourceName, best.expires(), FILE_PROPERTY);
        } else {
            LOG.debug("Using the leap-second table {}", best);
        }
        return best;
    }

    /** Parses a leap-seconds.list line by line, keeping what it needs for the hash and the table. */
    private static final class Parser {
        private static final Pattern NUMBER_LINE = Pattern.compile("#[$@]\\s+(\\d{1,12})\\s*");
        private static final Pattern HASH_LINE = Pattern.compile(
                "#h\\s+(\\p{XDigit}{1,8})\\s+(\\p{XDigit}{1,8})\\s+(\\p{XDigit}{1,8})\\s+(\\p{XDigit}{1,8})"
                        + "\\s+(\\p{XDigit}{1,8})\\s*");
        private static final Pattern DATA_LINE = Pattern.compile("(\\d{1,12})\\s+(\\d{1,4})\\s*(#.*)?");

        private final String source;
        private final StringBuilder hashed = new StringBuilder();
        private final List<Long> starts = new ArrayList<>();
        private final List<Integer> offsets = new ArrayList<>();
        private String updated;
        private int updatedLine;
        private String expires;
        private int expiresLine;
        private String expectedHash;
        private int hashLine;
        private int lastDataLine;

        Parser(String source) {
            this.source = source;
        }

        void accept(int line, String text) throws LeapSecondFileException {
            String trimmed = text.strip();
            if (trimmed.isEmpty()) {
                return;
            }
            if (isDirective(trimmed, '$') || isDirective(trimmed, '@')) {
                Matcher m = NUMBER_LINE.matcher(trimmed);
                if (!m.matches()) {
                    throw error(line, "expected '" + trimmed.substring(0, 2) + "' followed by NTP seconds, found "
                            + EpochNanos.quote(text));
                }
                if (trimmed.charAt(1) == '$') {
                    checkFirst(line, "#$ (last update)", updatedLine);
                    updated = m.group(1);
                    updatedLine = line;
                } else {
                    checkFirst(line, "#@ (expiry)", expiresLine);
                    expires = m.group(1);
                    expiresLine = line;
                }
            } else if (isDirective(trimmed, 'h')) {
                Matcher m = HASH_LINE.matcher(trimmed);
                if (!m.matches()) {
                    throw error(line, "expected '#h' followed by five groups of up to 8 hexadecimal digits, found "
                            + EpochNanos.quote(text));
                }
                checkFirst(line, "#h (hash)", hashLine);
                StringBuilder hash = new StringBuilder(40);
                for (int g = 1; g <= 5; g++) {
                    String group = m.group(g).toLowerCase(Locale.ROOT);
                    hash.append("0".repeat(8 - group.length())).append(group);
                }
                expectedHash = hash.toString();
                hashLine = line;
            } else if (!trimmed.startsWith("#")) {
                data(line, text, trimmed);
            }
        }

        /** {@code #$}, {@code #@} or {@code #h} followed by whitespace; {@code #hello} is a comment. */
        private static boolean isDirective(String trimmed, char kind) {
            return trimmed.length() >= 2 && trimmed.charAt(0) == '#' && trimmed.charAt(1) == kind
                    && (trimmed.length() == 2 || Character.isWhitespace(trimmed.charAt(2)));
        }

        private void checkFirst(int line, String what, int firstLine) throws LeapSecondFileException {
            if (firstLine != 0) {
                throw error(line, "a second " + what + " line; the first is line " + firstLine);
            }
        }

        private void data(int line, String text, String trimmed) throws LeapSecondFileException {
            Matcher m = DATA_LINE.matcher(trimmed);
            if (!m.matches()) {
                throw error(line, "expected a data line 'NTP-seconds TAI-UTC # date' or a comment starting with "
                        + "'#', found " + EpochNanos.quote(text));
            }
            long ntp = Long.parseLong(m.group(1));
            int offset = Integer.parseInt(m.group(2));
            long start = ntp - NTP_UNIX_EPOCH_DIFFERENCE_SECONDS;
            String when = "NTP " + ntp + " (" + describe(start) + ")";
            if (Math.floorMod(start, SECONDS_PER_DAY) != 0) {
                throw error(line, when + " is not a UTC midnight; TAI − UTC changes only at the end of a UTC day");
            }
            if (start > MAX_UTC_EPOCH_SECOND) {
                throw error(line, when + " is beyond 2262, outside the range of nanosecond timestamps");
            }
            if (starts.isEmpty()) {
                if (start != UTC_1972_EPOCH_SECOND || offset != PROLEPTIC_TAI_MINUS_UTC) {
                    throw error(line, "the first entry must be 1972-01-01 (NTP " + (UTC_1972_EPOCH_SECOND
                            + NTP_UNIX_EPOCH_DIFFERENCE_SECONDS) + ") with TAI − UTC " + PROLEPTIC_TAI_MINUS_UTC
                            + " s, found " + when + " with " + offset + " s");
                }
            } else {
                long previousStart = starts.get(starts.size() - 1);
                int previousOffset = offsets.get(offsets.size() - 1);
                if (start <= previousStart) {
                    throw error(line, when + " is not after the previous entry's " + describe(previousStart)
                            + " (line " + lastDataLine + "); dates must strictly increase");
                }
                if (Math.abs(offset - previousOffset) != 1) {
                    throw error(line, "TAI − UTC goes from " + previousOffset + " s (line " + lastDataLine + ") to "
                            + offset + " s at " + describe(start) + "; a leap second changes it by exactly one");
                }
            }
            starts.add(start);
            offsets.add(offset);
            lastDataLine = line;
            hashed.append(m.group(1)).append(m.group(2));
        }

        LeapSecondTable finish() throws LeapSecondFileException {
            if (updated == null) {
                throw error(0, "no '#$' line (last update, NTP seconds)");
            }
            if (expires == null) {
                throw error(0, "no '#@' line (expiry, NTP seconds)");
            }
            if (expectedHash == null) {
                throw error(0, "no '#h' line (SHA-1 hash); the file cannot be verified");
            }
            if (starts.isEmpty()) {
                throw error(0, "no data lines 'NTP-seconds TAI-UTC'");
            }
            String actualHash = sha1(updated + expires + hashed);
            if (!actualHash.equals(expectedHash)) {
                throw error(hashLine, "SHA-1 mismatch: the '#h' line says " + expectedHash + " but the #$, #@ and "
                        + "data lines hash to " + actualHash + "; the file was altered or truncated");
            }
            long expiresSecond = Long.parseLong(expires) - NTP_UNIX_EPOCH_DIFFERENCE_SECONDS;
            long lastStart = starts.get(starts.size() - 1);
            if (expiresSecond <= lastStart) {
                throw error(expiresLine, "the expiry " + describe(expiresSecond) + " is not after the last entry, "
                        + describe(lastStart) + " (line " + lastDataLine + ")");
            }
            long[] startArray = starts.stream().mapToLong(Long::longValue).toArray();
            int[] offsetArray = offsets.stream().mapToInt(Integer::intValue).toArray();
            return new LeapSecondTable(source, Long.parseLong(updated) - NTP_UNIX_EPOCH_DIFFERENCE_SECONDS,
                    expiresSecond, startArray, offsetArray);
        }

        private static String describe(long utcEpochSecond) {
            return Instant.ofEpochSecond(utcEpochSecond).toString();
        }

        private LeapSecondFileException error(int line, String problem) {
            return new LeapSecondFileException(source, line, problem);
        }

        private static String sha1(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.US_ASCII));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is required of every Java platform", e);
            }
        }
    }
}
