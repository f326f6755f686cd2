package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report, and the {@code obstime.clock.backend} property end to end: the process-wide source reads it once, so
 * each forced backend runs the report in a JVM of its own.
 *
 * <p>Each report JVM is given {@code -Dobstime.leapSecondsFile} naming a copy of the bundled history that expires in
 * {@link #FAR_EXPIRY}: it wins over the bundled copy and over any host's tzdata, and never logs the expired-table
 * WARN, so the WARN count and TAI − UTC do not depend on the day the tests run or on the host. The expected offset
 * is that table's at the UTC instant the report read.
 */
class ClockReportTest {

    private static final LocalDate FAR_EXPIRY = LocalDate.of(2200, 1, 1);
    private static final Pattern UTC_NANOS = Pattern.compile("(?m)^  UTC +\\S+ UTC +\\((-?\\d+) ns since ");

    @TempDir
    static Path tempDir;

    @Test
    void reportShowsTimesOffsetStatusAndTable() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-11-21T22:00:00.123456789Z"));
        SystemTimeSource source = new SystemTimeSource(kernel, LeapSecondTable.bundled(), "JNA: test", null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ClockReport.print(source, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("UTC                2026-11-21T22:00:00.123456789Z UTC"), report);
        assertTrue(report.contains("TAI                2026-11-21T22:00:37.123456789 TAI"), report);
        assertTrue(report.contains("TAI - UTC          37 s"), report);
        assertTrue(report.contains("TAI source         LEAP_SECOND_TABLE"), report);
        assertTrue(report.contains("backend            JNA: test [fake kernel]"), report);
        assertTrue(report.contains("synchronised       no"), report);
        assertTrue(report.contains("max error          16,000,000 µs"), report);
        assertTrue(report.contains("leap state         NONE"), report);
        assertTrue(report.contains("kernel TAI offset  0 s"), report);
        assertTrue(report.contains("leap table         " + LeapSecondTable.bundled().sourceName()), report);
        assertTrue(report.contains("table expires      " + LeapSecondTable.bundled().expires()), report);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void propertyForcesJna() throws Exception {
        String report = runReport("jna");
        assertTrue(report.contains("backend            JNA: forced by -Dobstime.clock.backend=jna"), report);
        assertOffsetIsTheTablesAtTheReportedUtc(report);
    }

    @Test
    void propertyForcesFallback() throws Exception {
        String report = runReport("fallback");
        assertTrue(report.contains("backend            FALLBACK: forced by -Dobstime.clock.backend=fallback"), report);
        assertTrue(report.contains("leap state         UNKNOWN"), report);
        assertOffsetIsTheTablesAtTheReportedUtc(report);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledForJreRange(min = JRE.JAVA_22)
    void propertyForcesFfm() throws Exception {
        String report = runReport("ffm");
        assertTrue(report.contains("backend            FFM: forced by -Dobstime.clock.backend=ffm"), report);
        assertFalse(report.contains("restricted method"), "native access enabled, no JDK warning: " + report);
    }

    /**
     * Users on JDK 22+ may leave JNA out, since FFM does not need it: the automatic choice must still work, and on
     * JDK 17-21 a missing JNA is the fallback with one WARN, never a NoClassDefFoundError out of TimeSource.system().
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void withoutJnaOnTheClassPathFfmIsUsedFrom22AndTheFallbackBefore() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Paths.get(entry).getFileName().toString().startsWith("jna-"))
                .collect(Collectors.joining(File.pathSeparator));
        assertFalse(classPath.contains("jna-"), classPath);
        String report = runReport(null, classPath);
        List<String> warnings = Arrays.stream(report.split("\\R")).filter(line -> line.contains(" WARN "))
                .collect(Collectors.toList());
        if (Runtime.version().feature() >= 22) {
            assertTrue(report.contains("backend            FFM: automatic on JDK " + Runtime.version().feature()),
                    report);
            assertTrue(warnings.stream().noneMatch(w -> w.contains("JNA") || w.contains("NoClassDefFoundError")),
                    report);
            assertTrue(warnings.size() <= 1, "at most the kernel-offset WARN: " + report);
        } else {
            assertTrue(report.contains("backend            FALLBACK: automatic on JDK " + Runtime.version().feature()),
                    report);
            assertEquals(1, warnings.size(), report);
            assertTrue(warnings.get(0).contains("JNA unusable: java.lang.NoClassDefFoundError: com/sun/jna/"),
                    report);
        }
        assertOffsetIsTheTablesAtTheReportedUtc(report);
    }

    /** The copy of the bundled history that every report JVM is given, expiring in {@link #FAR_EXPIRY}. */
    private static Path leapFile() throws IOException {
        Path file = tempDir.resolve("far-expiry-leap-seconds.list");
        if (!Files.exists(file)) {
            LeapFiles.copyOf(LeapSecondTable.bundled()).expires(FAR_EXPIRY).write(file.getParent(),
                    file.getFileName().toString());
        }
        return file;
    }

    /** The report's "TAI - UTC" row is the offset of the table it was given, at the UTC instant it printed. */
    private static void assertOffsetIsTheTablesAtTheReportedUtc(String report) throws IOException {
        assertTrue(report.contains("leap table         " + leapFile()), report);
        Matcher utc = UTC_NANOS.matcher(report);
        assertTrue(utc.find(), report);
        int expected = LeapSecondTable.load(leapFile()).taiMinusUtcAtUtcNanos(Long.parseLong(utc.group(1)));
        assertTrue(report.contains("TAI - UTC          " + expected + " s"), report);
    }

    /** Runs ClockReport in a fresh JVM on this test's class path; returns its stdout and stderr. */
    private static String runReport(String backend) throws IOException, InterruptedException {
        return runReport(backend, System.getProperty("java.class.path"));
    }

    /** Runs ClockReport in a fresh JVM; a null backend leaves the choice automatic. */
    private static String runReport(String backend, String classPath) throws IOException, InterruptedException {
        List<String> flags = new ArrayList<>();
        if (Runtime.version().feature() >= 22) {
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        if (backend != null) {
            flags.add("-Dobstime.clock.backend=" + backend);
        }
        return runJava(flags, classPath, ClockReport.class);
    }

    /** Runs {@code main} in a fresh JVM with {@code flags}, the test's leap file, and the clock's WARNs shown. */
    private static String runJava(List<String> flags, String classPath, Class<?> main)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-D" + LeapSecondTable.FILE_PROPERTY + "=" + leapFile());
        // The test resources' simplelogger.properties hide the clock's WARNs from the build log; the report's are
        // what this test counts, so its JVM shows them, as a user's does.
        command.add("-Dorg.slf4j.simpleLogger.log.io.obstime.clock.SystemTimeSource=warn");
        command.add("-cp");
        command.add(classPath);
        command.add(main.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "report finished");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        return text;
    }

    /**
     * Under {@code --illegal-native-access=deny} (JDK 24+) both bindings fail: one WARN, the clock's, naming the
     * flag, and none more when a scheduler's timer thread then tries to set its timer slack (measured on JDK 25
     * before the fix: two WARNs, the second from ThreadTimerSlack).
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledForJreRange(min = JRE.JAVA_24)
    void deniedNativeAccessGivesExactlyOneWarn() throws Exception {
        String output = runJava(List.of("--illegal-native-access=deny"), System.getProperty("java.class.path"),
                DeniedNativeAccessMain.class);
        List<String> warns = output.lines().filter(line -> line.contains(" WARN ")).toList();
        assertEquals(1, warns.size(), output);
        assertTrue(warns.get(0).contains("start the JVM with --enable-native-access=ALL-UNNAMED"), output);
        assertTrue(warns.get(0).contains("timer slack cannot be set"), output);
        assertTrue(output.contains("slack set: false false"), output);
    }

    /** What a scheduler user does under denied native access: read TAI, then set a timer thread's slack twice. */
    static final class DeniedNativeAccessMain {
        public static void main(String[] args) {
            TaiTime.now();
            System.out.println("slack set: " + ThreadTimerSlack.setCurrentThreadNanos(1) + " "
                    + ThreadTimerSlack.setCurrentThreadNanos(1));
        }
    }
}
