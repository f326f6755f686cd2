package io.obstime.clock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UT1 − UTC from the IERS Earth-orientation file {@code finals2000A} (Bulletin A: measured values since 1973, then a
 * year of predictions), interpolated to any instant in its range.
 *
 * <h2>What it gives</h2>
 * {@link #ut1MinusUtc(TaiTime)} is UT1 − UTC with the published uncertainty and whether it is a prediction;
 * {@link #toUt1(TaiTime)} the UT1 instant ({@link UtcTime#toUt1()} and {@link TaiTime#toUt1()} use
 * {@link #system()}). The file's last measured day (flag {@code I}) and last predicted day (flag {@code P}) are
 * {@link #lastMeasured()} and {@link #lastPredicted()}. Outside the tabulated days, before the first or after the last
 * prediction, every lookup throws a {@link DateTimeException} that names the table, its range and the remedy: this
 * class never extrapolates.
 *
 * <h2>Interpolation</h2>
 * Linear between the two tabulated days (0h UTC each) around the instant, on UT1 − TAI, which is smooth: UT1 − UTC
 * jumps by one second at every leap second, UT1 − TAI does not. UT1 − UTC is then UT1 − TAI + TAI − UTC at that
 * instant from the {@link LeapSecondTable} the table was built with. The uncertainty is the larger of the two days'
 * published errors (on a tabulated day, that day's). astropy ({@code astropy.utils.iers.IERS.ut1_utc}) also interpolates linearly between the daily
 * values, on UT1 − UTC against UTC MJD (a leap day stretched to 86 401 s, as here), removing the leap-second step
 * from the difference of the two values: the same numbers. Measured on 2 100 instants from 1973 to 2027 and around
 * every leap second, against astropy 5.2.1 reading this file's Bulletin A column: at most 1 ns apart (rounding).
 * (astropy by default prefers the file's Bulletin B column where it has one; in this file B differs from A by up to
 * 5.9 ms in 1974 and 0.45 ms since 2000. obstime reads Bulletin A, the only column with predictions.)
 *
 * <p>Linear interpolation is not free of error: UT1 carries tidal terms of days and weeks that a straight line between
 * two days cuts across. Measured on this file's measured values (flag I, 1973-2026), a cubic (four-day Lagrange)
 * interpolation differs from the linear one at midday by 13 µs in the median, 39 µs at the 99th percentile and 50 µs
 * at most; that is of the order of the published uncertainty of recent values (about 10 µs) and is not included in
 * {@link Ut1MinusUtc#uncertaintyNanos()}. IERS Gazette 13 describes a finer scheme (with the tidal terms).
 *
 * <h2>Sources</h2>
 * {@link #system()}: the file named by the system property {@value #FILE_PROPERTY} if it parses and is measured to
 * the same day as the copy bundled in this jar ({@value #BUNDLED_RESOURCE}, the IERS file of the build) or later,
 * else the bundled copy. A named file that is rejected is logged once at WARN with file and line, one measured to an
 * earlier day than the bundled copy is passed over with one WARN naming both and their last measured days, and the
 * bundled copy is used (see {@link #system()} for why). A file is rejected if any line is not in the
 * format of {@code ReadMe.finals2000A} (a truncated or binary file included), dates do not follow each other day by
 * day, a measured value follows a predicted one, a value lies outside ±0.9 s, or UT1 − UTC steps by about a second
 * where the leap-second table has no leap second (a file and a table of different ages).
 *
 * <p>Lookups allocate nothing but their result. This class is immutable and thread-safe.
 */
public final class Ut1Table {

    /** The system property naming a {@code finals2000A} file to use before the bundled one. */
    public static final String FILE_PROPERTY = "obstime.finals2000AFile";
    static final String BUNDLED_RESOURCE = "/io/obstime/clock/finals2000A.all";

    private static final Logger LOG = LoggerFactory.getLogger(Ut1Table.class);
    private static final long NANOS_PER_SECOND = EpochNanos.NANOS_PER_SECOND;
    private static final long NANOS_PER_DAY = EpochNanos.NANOS_PER_DAY;
    /** The last MJD on the 1900s side of the file's two-digit years (1999-12-31); later years are 2000s. */
    private static final int LAST_MJD_OF_1900S = 51_543;
    private static final long MAX_ABS_UT1_MINUS_UTC_NANOS = 900_000_000L;
    /** A day-to-day change of UT1 − TAI above this is a leap second the table does not know (or a bad value). */
    private static final long MAX_DAILY_CHANGE_NANOS = 100_000_000L;

    private final String sourceName;
    private final LeapSecondTable leapSeconds;
    private final long firstMjd;
    /** Day i (MJD {@code firstMjd + i}) at 0h UTC, in nanoseconds since 1970-01-01T00:00:00 TAI. */
    private final long[] dayStartTaiNanos;
    /** UT1 − TAI at day i, 0h UTC, nanoseconds. */
    private final long[] ut1MinusTaiNanos;
    private final long[] errorNanos;
    /** Index of the last measured day, or −1 if every day is a prediction. */
    private final int lastMeasuredIndex;

    private Ut1Table(String sourceName, LeapSecondTable leapSeconds, long firstMjd, long[] dayStartTaiNanos,
                     long[] ut1MinusTaiNanos, long[] errorNanos, int lastMeasuredIndex) {
        this.sourceName = sourceName;
        this.leapSeconds = leapSeconds;
        this.firstMjd = firstMjd;
        this.dayStartTaiNanos = dayStartTaiNanos;
        this.ut1MinusTaiNanos = ut1MinusTaiNanos;
        this.errorNanos = errorNanos;
        this.lastMeasuredIndex = lastMeasuredIndex;
    }

    // ------------------------------------------------------------------------------------------------ sources

    /**
     * The table for this process, chosen once on first use: the file named by {@value #FILE_PROPERTY} if set, valid
     * and measured to the same day as {@link #bundled()} or later ({@link #lastMeasured()}), else {@link #bundled()};
     * with the leap seconds of {@link LeapSecondTable#system()}. A rejected named file is logged once at WARN with
     * file and line.
     *
     * <p>A named file whose last measured day is earlier than the bundled copy's is passed over with one WARN naming
     * both files and their last measured days. Why not use it since the user named it: IERS publishes
     * {@code finals2000A} as one growing series, each edition measuring the days that the previous one predicted, so
     * the edition measured to the later day is the newer one; the older would give predictions, with their larger
     * errors, where the jar's copy has measurements, and would end its predictions earlier. A user names a file to get
     * a <em>newer</em> table than the jar's (what the {@link DateTimeException} past the end of the table advises);
     * one older than the jar's copy is stale, and the WARN says so. To use a chosen table regardless (tests,
     * simulations), {@link #load} it and pass it to the conversions that take a table.
     *
     * @return the process-wide table
     */
    public static Ut1Table system() {
        return SystemHolder.TABLE;
    }

    /**
     * @return the IERS file bundled in this jar, with {@link LeapSecondTable#system()}, parsed once
     * @throws IllegalStateException if the jar's copy is missing or malformed (a broken build)
     */
    public static Ut1Table bundled() {
        return BundledHolder.TABLE;
    }

    /**
     * Reads a {@code finals2000A} file (ASCII).
     *
     * @param file        the file
     * @param leapSeconds the leap seconds that turn its UTC days into TAI
     * @return the table, named after the file
     * @throws Ut1FileException if the file cannot be read or is malformed (see the class documentation)
     */
    public static Ut1Table load(Path file, LeapSecondTable leapSeconds) throws Ut1FileException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(leapSeconds, "leapSeconds");
        String name = file.toString();
        String text;
        try {
            text = TextFiles.read(file, StandardCharsets.US_ASCII);
        } catch (TextFiles.NotText e) {
            throw new Ut1FileException(name, e.line, e.getMessage() + "; a finals2000A file is plain ASCII", null);
        } catch (IOException e) {
            throw new Ut1FileException(name, 0, "cannot read the file: " + e, e);
        }
        return parse(name, new StringReader(text), leapSeconds);
    }

    /**
     * Parses the {@code finals2000A} format ({@code ReadMe.finals2000A}): fixed columns, one line a day; this reads
     * the date (columns 1-6), the MJD (8-15), the UT1 flag {@code I}/{@code P} (58), UT1 − UTC (59-68, seconds) and
     * its error (69-78). Lines after the last prediction carry no UT1 value. The reader is not closed.
     *
     * @param sourceName  names the source in the table and in error messages
     * @param in          the text
     * @param leapSeconds the leap seconds that turn its UTC days into TAI
     * @return the table
     * @throws Ut1FileException naming the source, the line and what is wrong
     */
    public static Ut1Table parse(String sourceName, Reader in, LeapSecondTable leapSeconds) throws Ut1FileException {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(leapSeconds, "leapSeconds");
        Parser parser = new Parser(sourceName, leapSeconds);
        BufferedReader lines = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
        int lineNumber = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                parser.accept(++lineNumber, line);
            }
        } catch (IOException e) {
            if (e instanceof Ut1FileException) {
                throw (Ut1FileException) e;
            }
            throw new Ut1FileException(sourceName, lineNumber + 1, "cannot read: " + e, e);
        }
        return parser.finish();
    }

    // ------------------------------------------------------------------------------------------------ lookups

    /**
     * @param tai an instant
     * @return UT1 − UTC at that instant, interpolated, with its uncertainty
     * @throws DateTimeException if the instant is outside the tabulated days (see {@link #lastPredicted()})
     */
    public Ut1MinusUtc ut1MinusUtc(TaiTime tai) {
        Objects.requireNonNull(tai, "tai");
        long taiNanos = tai.epochNanos();
        int i = index(taiNanos);
        long ut1MinusTai = interpolate(i, taiNanos);
        long taiMinusUtc = leapSeconds.taiMinusUtcAtTaiNanos(taiNanos) * NANOS_PER_SECOND;
        int last = taiNanos == dayStartTaiNanos[i] ? i : i + 1; // the later of the days that the value rests on
        return new Ut1MinusUtc(ut1MinusTai + taiMinusUtc, uncertainty(i, taiNanos), last > lastMeasuredIndex);
    }

    /** @return the tabulated error on a tabulated day, else the larger of the two days' around {@code taiNanos} */
    private long uncertainty(int i, long taiNanos) {
        if (taiNanos == dayStartTaiNanos[i]) {
            return errorNanos[i];
        }
        return taiNanos == dayStartTaiNanos[i + 1] ? errorNanos[i + 1] : Math.max(errorNanos[i], errorNanos[i + 1]);
    }

    /**
     * @param utc a POSIX UTC instant (23:59:59 of a leap day is its first occurrence, as {@link UtcTime#toTai})
     * @return UT1 − UTC at that instant, interpolated, with its uncertainty
     * @throws DateTimeException if the instant is outside the tabulated days
     */
    public Ut1MinusUtc ut1MinusUtc(UtcTime utc) {
        Objects.requireNonNull(utc, "utc");
        return ut1MinusUtc(utc.toTai(leapSeconds));
    }

    /**
     * @param tai an instant
     * @return the same instant in UT1, with the uncertainty of UT1 − UTC
     * @throws DateTimeException if the instant is outside the tabulated days
     */
    public Ut1Time toUt1(TaiTime tai) {
        Objects.requireNonNull(tai, "tai");
        long taiNanos = tai.epochNanos();
        int i = index(taiNanos);
        return Ut1Time.ofEpochNanos(taiNanos + interpolate(i, taiNanos), uncertainty(i, taiNanos));
    }

    /** @return UT1 − TAI at taiNanos, linear between day i and day i + 1 */
    private long interpolate(int i, long taiNanos) {
        long t0 = dayStartTaiNanos[i];
        double fraction = (double) (taiNanos - t0) / (dayStartTaiNanos[i + 1] - t0);
        long v0 = ut1MinusTaiNanos[i];
        return v0 + Math.round((ut1MinusTaiNanos[i + 1] - v0) * fraction);
    }

    /** @return the day i with day i ≤ taiNanos ≤ day i + 1, or DateTimeException outside the table */
    private int index(long taiNanos) {
        int last = dayStartTaiNanos.length - 1;
        if (taiNanos < dayStartTaiNanos[0] || taiNanos > dayStartTaiNanos[last]) {
            throw new DateTimeException("UT1 − UTC at " + TaiTime.ofEpochNanos(taiNanos) + " is outside the UT1 table "
                    + sourceName + ", which runs from " + first() + " to " + lastPredicted() + " (measured to "
                    + lastMeasured() + ", predicted after): no value is guessed beyond it. Use a newer finals2000A "
                    + "(https://datacenter.iers.org/data/latestVersion/finals.all.iau2000.txt) with -D"
                    + FILE_PROPERTY + "=...");
        }
        int found = Arrays.binarySearch(dayStartTaiNanos, taiNanos);
        int i = found >= 0 ? found : -found - 2;
        return Math.min(i, last - 1);
    }

    // ------------------------------------------------------------------------------------------------ contents

    /** @return the first tabulated day (UTC) */
    public LocalDate first() {
        return LocalDate.ofEpochDay(firstMjd - ModifiedJulianDate.MJD_OF_1970);
    }

    /** @return the last day whose UT1 − UTC is measured (Bulletin A flag {@code I}), or null if none is */
    public LocalDate lastMeasured() {
        return lastMeasuredIndex < 0 ? null : first().plusDays(lastMeasuredIndex);
    }

    /** @return the last tabulated day (a prediction, flag {@code P}, in an IERS file): the end of the range */
    public LocalDate lastPredicted() {
        return first().plusDays(dayStartTaiNanos.length - 1L);
    }

    /** @return where this table came from: a file name or the bundled resource */
    public String sourceName() {
        return sourceName;
    }

    /** @return the leap seconds this table turns UTC into TAI with */
    public LeapSecondTable leapSeconds() {
        return leapSeconds;
    }

    /** @return the source, the range, the last measured day */
    @Override
    public String toString() {
        return "Ut1Table[" + sourceName + ": " + first() + " to " + lastPredicted() + ", measured to "
                + lastMeasured() + "]";
    }

    // ------------------------------------------------------------------------------------------------ loading

    private static final class SystemHolder {
        static final Ut1Table TABLE = choose(System.getProperty(FILE_PROPERTY), LeapSecondTable.system());
    }

    private static final class BundledHolder {
        static final Ut1Table TABLE = loadBundled(LeapSecondTable.system());
    }

    static Ut1Table loadBundled(LeapSecondTable leapSeconds) {
        String name = "classpath:" + BUNDLED_RESOURCE;
        try (InputStream stream = Ut1Table.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return parse(name, new InputStreamReader(stream, StandardCharsets.US_ASCII), leapSeconds);
        } catch (IOException e) {
            throw new IllegalStateException("the bundled UT1 table is unusable: " + e.getMessage(), e);
        }
    }

    /**
     * The selection behind {@link #system()}, with its input as a parameter so that tests can drive it.
     *
     * @param propertyFile the value of {@value #FILE_PROPERTY}, or null
     * @param leapSeconds  the leap seconds
     * @return the named file's table if it is valid and measured to the bundled copy's last measured day or later,
     *         else the bundled one
     */
    static Ut1Table choose(String propertyFile, LeapSecondTable leapSeconds) {
        Ut1Table bundled = leapSeconds.equals(LeapSecondTable.system()) ? bundled() : loadBundled(leapSeconds);
        if (propertyFile != null && !propertyFile.isBlank()) {
            try {
                Ut1Table named = load(Path.of(propertyFile), leapSeconds);
                if (named.lastMeasuredMjd() >= bundled.lastMeasuredMjd()) {
                    return named;
                }
                LOG.warn("Not using the UT1 file named by -D{}, {} (measured to {}): the bundled copy {} is measured "
                        + "to a later day ({}) and is used instead. IERS extends finals2000A with each edition, "
                        + "measuring the days the previous one predicted, so the named file is older than the jar's. "
                        + "Download the current finals2000A "
                        + "(https://datacenter.iers.org/data/latestVersion/finals.all.iau2000.txt) and point -D{} at "
                        + "it to have it used.", FILE_PROPERTY, named.sourceName,
                        Objects.toString(named.lastMeasured(), "no day"),
                        bundled.sourceName, bundled.lastMeasured(), FILE_PROPERTY);
            } catch (Ut1FileException | InvalidPathException e) {
                LOG.warn("Ignoring the UT1 file named by -D{}: {}; using the bundled copy", FILE_PROPERTY,
                        e.getMessage());
            }
        }
        return bundled;
    }

    /** @return the MJD of the last measured day, {@link Long#MIN_VALUE} if none is: what makes a file newer */
    private long lastMeasuredMjd() {
        return lastMeasuredIndex < 0 ? Long.MIN_VALUE : firstMjd + lastMeasuredIndex;
    }

    /** Reads finals2000A lines, checking each. */
    private static final class Parser {
        /** F10.7: optional sign, up to 3 digits, a point, 7 digits, right-aligned in 10 columns. */
        private static final Pattern F10_7 = Pattern.compile(" *(-?)(\\d{0,2})\\.(\\d{7})");
        private static final Pattern MJD = Pattern.compile(" *(\\d{1,5})\\.00");
        private static final Pattern TWO_DIGITS = Pattern.compile(" ?\\d|\\d\\d");

        private final String source;
        private final LeapSecondTable leapSeconds;
        private long firstMjd = -1;
        private long[] starts = new long[20_000];
        private long[] values = new long[20_000];
        private long[] errors = new long[20_000];
        private int count;
        private int lastMeasured = -1;
        private int lastLine;
        private int endOfValuesLine;
        private long nextMjd = -1;
        private long previousValue;
        private boolean trailingEmptyLine;

        Parser(String source, LeapSecondTable leapSeconds) {
            this.source = source;
            this.leapSeconds = leapSeconds;
        }

        void accept(int line, String text) throws Ut1FileException {
            if (text.isEmpty()) {
                trailingEmptyLine = true; // allowed at the end only
                return;
            }
            if (trailingEmptyLine) {
                throw error(line - 1, "an empty line inside the file");
            }
            if (text.length() < 15) {
                throw error(line, "the line is " + text.length() + " characters long; a finals2000A line has at "
                        + "least the date and MJD (columns 1-15): truncated?");
            }
            Matcher mjdField = MJD.matcher(text.substring(7, 15));
            if (!mjdField.matches()) {
                throw error(line, "expected the MJD as F8.2 (such as '41684.00') in columns 8-15, found "
                        + EpochNanos.quote(text.substring(7, 15)));
            }
            long mjd = Long.parseLong(mjdField.group(1));
            checkDate(line, text, mjd);
            if (nextMjd >= 0 && mjd != nextMjd) {
                throw error(line, "MJD " + mjd + " does not follow the previous line's (" + (nextMjd - 1) + ") by one "
                        + "day");
            }
            nextMjd = mjd + 1;
            lastLine = line;
            char flag = text.length() > 57 ? text.charAt(57) : ' ';
            if (flag == ' ') {
                if (endOfValuesLine == 0) {
                    if (text.length() > 58 && !text.substring(58, Math.min(78, text.length())).isBlank()) {
                        throw error(line, "a UT1 − UTC value in columns 59-78 without the I/P flag in column 58");
                    }
                    endOfValuesLine = line;
                    if (firstMjd < 0) {
                        throw error(line, "no UT1 − UTC on the first line: the file has no UT1 values");
                    }
                }
                return;
            }
            if (endOfValuesLine > 0) {
                throw error(line, "UT1 − UTC on this line after line " + endOfValuesLine + " had none");
            }
            if (flag != 'I' && flag != 'P') {
                throw error(line, "expected the UT1 flag I (IERS) or P (prediction) in column 58, found '" + flag
                        + "'");
            }
            if (flag == 'I' && count > lastMeasured + 1) {
                throw error(line, "a measured UT1 − UTC (flag I) after a predicted one (flag P)");
            }
            if (text.length() < 78) {
                throw error(line, "the line is " + text.length() + " characters long, but UT1 − UTC and its error "
                        + "take columns 59-78: truncated?");
            }
            long value = f10(line, text, 58, "UT1 − UTC");
            long error = f10(line, text, 68, "the error of UT1 − UTC");
            if (Math.abs(value) > MAX_ABS_UT1_MINUS_UTC_NANOS || error < 0) {
                throw error(line, "UT1 − UTC " + text.substring(58, 68).strip() + " s ± " + text.substring(68, 78)
                        .strip() + " s is outside ±0.9 s or has a negative error; IERS keeps UT1 − UTC within ±0.9 s");
            }
            long dayStartUtcNanos = (mjd - ModifiedJulianDate.MJD_OF_1970) * NANOS_PER_DAY;
            long taiMinusUtc = leapSeconds.taiMinusUtcAtUtcNanos(dayStartUtcNanos) * NANOS_PER_SECOND;
            long ut1MinusTai = value - taiMinusUtc;
            if (count > 0 && Math.abs(ut1MinusTai - values[count - 1]) > MAX_DAILY_CHANGE_NANOS) {
                throw error(line, "UT1 − UTC steps by " + (value - previousValue) / 1e9 + " s from the previous day "
                        + "to MJD " + mjd + " (" + LocalDate.ofEpochDay(mjd - ModifiedJulianDate.MJD_OF_1970)
                        + "), which the leap-second table " + leapSeconds.sourceName() + " does not explain: a leap "
                        + "second that one of the two does not know, or a wrong value");
            }
            previousValue = value;
            if (firstMjd < 0) {
                firstMjd = mjd;
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                values = Arrays.copyOf(values, count * 2);
                errors = Arrays.copyOf(errors, count * 2);
            }
            starts[count] = dayStartUtcNanos + taiMinusUtc;
            values[count] = ut1MinusTai;
            errors[count] = error;
            if (flag == 'I') {
                lastMeasured = count;
            }
            count++;
        }

        private void checkDate(int line, String text, long mjd) throws Ut1FileException {
            String yy = text.substring(0, 2);
            String mm = text.substring(2, 4);
            String dd = text.substring(4, 6);
            if (!TWO_DIGITS.matcher(yy).matches() || !TWO_DIGITS.matcher(mm).matches()
                    || !TWO_DIGITS.matcher(dd).matches()) {
                throw error(line, "expected the date as three I2 fields (year, month, day) in columns 1-6, found "
                        + EpochNanos.quote(text.substring(0, 6)));
            }
            LocalDate date = LocalDate.ofEpochDay(mjd - ModifiedJulianDate.MJD_OF_1970);
            int year = Integer.parseInt(yy.strip()) + (mjd <= LAST_MJD_OF_1900S ? 1900 : 2000);
            if (date.getYear() != year || date.getMonthValue() != Integer.parseInt(mm.strip())
                    || date.getDayOfMonth() != Integer.parseInt(dd.strip())) {
                throw error(line, "the date " + EpochNanos.quote(text.substring(0, 6)) + " is not MJD " + mjd + " ("
                        + date + ")");
            }
        }

        /** @return the F10.7 field at columns [from, from + 10) in nanoseconds */
        private long f10(int line, String text, int from, String what) throws Ut1FileException {
            Matcher m = F10_7.matcher(text.substring(from, from + 10));
            if (!m.matches()) {
                throw error(line, "expected " + what + " as F10.7 seconds (such as ' 0.8084178') in columns "
                        + (from + 1) + "-" + (from + 10) + ", found " + EpochNanos.quote(text.substring(from, from + 10)));
            }
            long whole = m.group(2).isEmpty() ? 0 : Long.parseLong(m.group(2));
            long nanos = whole * NANOS_PER_SECOND + Long.parseLong(m.group(3)) * 100;
            return m.group(1).isEmpty() ? nanos : -nanos;
        }

        Ut1Table finish() throws Ut1FileException {
            if (count < 2) {
                throw error(lastLine, "fewer than two days with UT1 − UTC: nothing to interpolate");
            }
            return new Ut1Table(source, leapSeconds, firstMjd, Arrays.copyOf(starts, count),
                    Arrays.copyOf(values, count), Arrays.copyOf(errors, count), lastMeasured);
        }

        private Ut1FileException error(int line, String problem) {
            return new Ut1FileException(source, line, problem, null);
        }
    }
}
