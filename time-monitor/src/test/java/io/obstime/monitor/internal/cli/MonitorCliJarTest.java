package io.obstime.monitor.internal.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar target/time-monitor.jar} as operators run it, on this machine's real kernel: runs in the package
 * phase, after the jar is written (see the pom).
 */
class MonitorCliJarTest {

    private static final Path JAR = Paths.get("target", "time-monitor.jar");

    private record Result(int exit, String output) {
    }

    private static Result java(String... args) throws IOException, InterruptedException {
        return java(List.of(), args);
    }

    private static Result java(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " missing: it is written in the package phase");
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "java -jar did not finish");
        return new Result(process.exitValue(), output);
    }

    @Test
    void checksThisMachinesClockAndExitsWithTheVerdictsCode() throws Exception {
        Result r = java();
        assertTrue(r.exit >= 0 && r.exit <= 3, "exit " + r.exit + ":\n" + r.output);
        assertTrue(r.output.contains("Clock health at "), r.output);
        String verdict = r.output.replaceAll("(?s).*Clock health at [^:]+:[^:]+:\\S+ TAI: (\\w+).*", "$1");
        assertEquals(new String[] {"OK", "DEGRADED", "ALERT", "UNKNOWN"}[r.exit], verdict, r.output);
        assertTrue(r.output.contains("\n  kernel "), r.output);
        assertFalse(r.output.contains("Exception"), r.output);
    }

    @Test
    void aUsageErrorExits64() throws Exception {
        Result r = java("--interval", "5");
        assertEquals(64, r.exit, r.output);
        assertTrue(r.output.startsWith("time-monitor: --interval and --checks apply only with --watch\n"), r.output);
    }

    /**
     * A runtime without JDK Flight Recorder (as a jlink image without {@code jdk.jfr}; {@code --limit-modules} makes it
     * unobservable the same way): the check runs and says once that it records no JFR event. Before the fix the
     * command ended with {@code NoClassDefFoundError: jdk/jfr/Event}.
     */
    @Test
    void withoutJdkJfrTheCheckRunsAndSaysOnceThatItRecordsNoEvent() throws Exception {
        Result r = java(List.of("--limit-modules=java.base,java.logging,java.management,jdk.unsupported",
                "-Dorg.slf4j.simpleLogger.log.io.obstime.monitor=info")); // the command line's own default is warn
        assertTrue(r.exit >= 0 && r.exit <= 3, "exit " + r.exit + ":\n" + r.output);
        assertTrue(r.output.contains("Clock health at "), r.output);
        assertFalse(r.output.contains("NoClassDefFoundError"), r.output);
        String said = "JDK Flight Recorder (module jdk.jfr) is not in this Java runtime";
        assertEquals(2, r.output.split(java.util.regex.Pattern.quote(said), -1).length, r.output);
    }
}
