package io.obstime.scheduler;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Java runtime without JDK Flight Recorder (a jlink image without {@code jdk.jfr}, obstime on the class path): the
 * scheduler runs its tasks and says once that it records no JFR events. Before the fix every tick failed with
 * {@code NoClassDefFoundError: jdk/jfr/Event} and no task ran (found by the real-kernel drills). The child JVM gets
 * {@code --limit-modules} without {@code jdk.jfr}, which makes the module unobservable exactly as in such an image.
 */
class NoJfrRuntimeTest {

    @Test
    void withoutJdkJfrTasksRunAndOneLineSaysTheEventsAreOff() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--limit-modules=java.base,java.logging,java.management,jdk.unsupported");
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-Dorg.slf4j.simpleLogger.log.io.obstime.clock=error"); // the TAI offset note is not ours
        command.add("-Dorg.slf4j.simpleLogger.log.io.obstime.scheduler=info");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NoJfrChildMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child finished");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);

        assertTrue(text.contains("jdk.jfr visible false, 100 runs true, failures counted true, runCount>=100 true"),
                text);
        assertEquals(1, count(text, "JDK Flight Recorder (module jdk.jfr) is not in this Java runtime"), text);
        assertEquals(0, count(text, "NoClassDefFoundError"), text);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
