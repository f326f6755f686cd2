package io.obstime.monitor.example;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.LeapState;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.monitor.ClockMonitor;
import io.obstime.monitor.ClockReference;
import io.obstime.monitor.ReferenceReading;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the README's Java example on simulated time, with a FAKE chrony whose offset the test sets. */
class ReadmeMonitorExampleTest {

    @Test
    void exposuresStopWhileTheClockIsInAlertAndResumeAfter() throws Exception {
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse("2026-11-21T12:00:00Z")),
                LeapSecondTable.bundled());
        AtomicLong chronyOffsetNanos = new AtomicLong(200_000);
        ClockReference fakeChrony = new ClockReference() {
            public String name() {
                return "chrony:127.0.0.1:323";
            }

            public ReferenceReading measure(TimeSource c, Duration timeout) {
                return ReferenceReading.measured(name(), TaiTime.ofEpochNanos(c.taiNanos()), chronyOffsetNanos.get(),
                        300_000, 200_000, 3, -1, LeapState.NONE, "fake");
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicBoolean exposuresAllowed = new AtomicBoolean();
        try (ClockMonitor monitor = ClockWatch.watch(clock, fakeChrony, registry, exposuresAllowed)) {
            ClockWatch.awaitClock(monitor); // OK at the first check
            assertTrue(exposuresAllowed.get());
            chronyOffsetNanos.set(-8_000_000);
            clock.advance(Duration.ofSeconds(60));
            assertTrue(exposuresAllowed.get(), "one check is not yet an ALERT (hysteresis)");
            clock.advance(Duration.ofSeconds(60));
            assertFalse(exposuresAllowed.get());
            chronyOffsetNanos.set(100_000);
            clock.advance(Duration.ofSeconds(120));
            assertTrue(exposuresAllowed.get());
            assertEquals(5.0, registry.get("obstime.clock.checks").counter().count());
        }
    }

    @Test
    void theReadmeShowsTheExampleVerbatim() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/obstime/monitor/example/ClockWatch.java"));
        String example = source.substring(source.indexOf("// README-BEGIN\n") + 16, source.indexOf("    // README-END"));
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        List<String> lines = example.lines().map(l -> l.length() >= 4 ? l.substring(4) : l).toList();
        assertTrue(readme.contains(String.join("\n", lines)), "README lacks the example as in ClockWatch.java:\n"
                + String.join("\n", lines));
    }
}
