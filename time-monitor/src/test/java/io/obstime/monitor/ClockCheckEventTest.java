package io.obstime.monitor;

import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.UtcTime;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every check is a JFR event, read back from a real recording. */
class ClockCheckEventTest {

    @Test
    void everyCheckIsRecorded(@TempDir Path dir) throws Exception {
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse("2026-11-21T12:00:00Z")),
                LeapSecondTable.bundled());
        ScriptedReference ntp = new ScriptedReference("ntp:a", ScriptedReference.offset(1_200_000, 300_000),
                ScriptedReference.silent("no reply (scripted)"));
        Path file = dir.resolve("checks.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(ClockCheckEvent.NAME);
            recording.start();
            try (ClockMonitor m = ClockMonitor.builder().clock(clock).reference(ntp).start()) {
                clock.advance(Duration.ofMinutes(2));
                assertEquals(Verdict.DEGRADED, m.latest().verdict());
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(ClockCheckEvent.NAME)).toList();
        assertEquals(3, events.size());
        RecordedEvent first = events.get(0);
        assertEquals("OK", first.getString("verdict"));
        assertEquals("kernel", first.getString("bestReference"), "the simulated kernel vouches for ± 0");
        assertEquals(2, first.getInt("answered"));
        assertEquals(2, first.getInt("references"));
        assertEquals(37, first.getInt("kernelTaiOffset"));
        RecordedEvent last = events.get(2);
        assertEquals("DEGRADED", last.getString("verdict"));
        assertEquals("ntp:a does not answer: no reply (scripted)", last.getString("reasons"));
        assertEquals(1, last.getInt("answered"));
    }
}
