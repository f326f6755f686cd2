package io.obstime.monitor;

import io.obstime.clock.LeapState;
import io.obstime.clock.TaiTime;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A reference logs a reason once when it appears or changes, and its recovery once; nothing per call. */
class ReasonLogTest {

    private static final TaiTime AT = TaiTime.ofEpochNanos(1_800_000_000_000_000_000L);

    @Test
    void logsEachChangeOnce() {
        // slf4j-simple writes to System.err; this logger's name is not silenced in simplelogger.properties.
        ReasonLog log = new ReasonLog(LoggerFactory.getLogger(ReasonLogTest.class), "ntp:a:123");
        ReferenceReading silent = ReferenceReading.noAnswer("ntp:a:123", AT, "no reply within 1000 ms");
        ReferenceReading kissed = ReferenceReading.noAnswer("ntp:a:123", AT, "kiss-o'-death RATE");
        ReferenceReading fine = ReferenceReading.measured("ntp:a:123", AT, 1, 2, 3, 2, -1, LeapState.NONE, "");
        List<String> lines = captured(() -> {
            for (ReferenceReading reading : List.of(fine, silent, silent, silent, kissed, kissed, fine, fine, silent)) {
                assertEquals(reading, log.record(reading));
            }
        });
        assertEquals(List.of(
                "WARN ntp:a:123 does not answer: no reply within 1000 ms",
                "WARN ntp:a:123 does not answer: kiss-o'-death RATE",
                "INFO ntp:a:123 answers again: " + fine,
                "WARN ntp:a:123 does not answer: no reply within 1000 ms"), lines);
    }

    private static List<String> captured(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        // "[main] WARN io.obstime.monitor.ReasonLogTest - text" -> "WARN text"
        return Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\\R"))
                .filter(line -> line.contains(ReasonLogTest.class.getName()))
                .map(line -> line.replaceFirst("^\\[[^]]*] (\\w+) \\S+ - ", "$1 "))
                .collect(Collectors.toList());
    }
}
