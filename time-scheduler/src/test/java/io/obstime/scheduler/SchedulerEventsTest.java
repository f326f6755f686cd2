package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.UtcTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JFR events, recorded in this JVM while a scheduler runs on simulated time. */
class SchedulerEventsTest {

    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private static SimulatedTimeSource clock() {
        return SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse("2026-11-29T12:00:00Z")),
                LeapSecondTable.bundled());
    }

    /** Inline: 5 runs on time (the 3rd throws), then a 3.5 ms step; on an executor that holds runs: an overrun. */
    private static void work(String name) {
        SimulatedTimeSource clock = clock();
        long start = clock.taiNanos() + MS;
        try (TimeScheduler s = TimeScheduler.standalone(clock)) {
            int[] runs = {0};
            s.schedulePeriodicallyAtTaiNanos(start, MS, new Runnable() {
                @Override
                public void run() {
                    if (++runs[0] == 3) {
                        throw new IllegalStateException("third run fails on purpose");
                    }
                }

                @Override
                public String toString() {
                    return name;
                }
            });
            // The failure is rethrown from the advance that ran it (simulated time), once slots +0 .. +4 have run.
            IllegalStateException rethrown = assertThrows(IllegalStateException.class,
                    () -> clock.advance(Duration.ofNanos(5 * MS))); // slots +0 .. +4
            assertEquals("third run fails on purpose", rethrown.getMessage());
            clock.step(Duration.ofNanos(3 * MS + MS / 2)); // now slot +7.5 ms: +5, +6 skipped, +7 run late
            clock.advance(Duration.ZERO);
        }
        SimulatedTimeSource clock2 = clock();
        try (TimeScheduler s = TimeScheduler.standalone(clock2,
                TimeSchedulerSettings.defaults().withExecutor(run -> { }))) { // holds every run: never finishes
            s.schedulePeriodicallyAtTaiNanos(clock2.taiNanos() + MS, MS, () -> { });
            clock2.advance(Duration.ofNanos(2 * MS)); // slot +1 handed over, slot +2 finds it still in flight
        }
    }

    private List<RecordedEvent> record(Recording recording, String name) throws Exception {
        recording.start();
        work(name);
        recording.stop();
        Path file = dir.resolve(name + ".jfr");
        recording.dump(file);
        recording.close();
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("obstime."))
                .collect(Collectors.toList());
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String type) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type)).collect(Collectors.toList());
    }

    @Test
    void missedTicksOverrunsFailuresAndEveryTickAreRecordedWhenEnabled() throws Exception {
        Recording recording = new Recording();
        for (String type : List.of("obstime.Tick", "obstime.MissedTicks", "obstime.Overrun", "obstime.TaskFailure")) {
            recording.enable(type);
        }
        List<RecordedEvent> events = record(recording, "axis-loop");

        List<RecordedEvent> ticks = named(events, "obstime.Tick").stream()
                .filter(e -> "axis-loop".equals(e.getString("task"))).collect(Collectors.toList());
        assertEquals(6, ticks.size(), "slots +0 .. +4 and +7");
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, MS / 2),
                ticks.stream().map(e -> e.getLong("lateness")).collect(Collectors.toList()));
        assertEquals(ticks.get(0).getLong("slotTaiNanos") + 7 * MS, ticks.get(5).getLong("slotTaiNanos"));

        List<RecordedEvent> missed = named(events, "obstime.MissedTicks");
        assertEquals(2, missed.size(), missed.toString());
        assertEquals("axis-loop", missed.get(0).getString("task"));
        assertEquals(2, missed.get(0).getLong("ticks"));
        assertEquals(MS, missed.get(0).getLong("period"));
        assertEquals(1, missed.get(1).getLong("ticks"), "the executor's run still in flight");

        List<RecordedEvent> failures = named(events, "obstime.TaskFailure");
        assertEquals(1, failures.size());
        assertEquals("axis-loop", failures.get(0).getString("task"));
        assertEquals(IllegalStateException.class.getName(), failures.get(0).getString("exception"));
        assertEquals("third run fails on purpose", failures.get(0).getString("message"));

        List<RecordedEvent> overruns = named(events, "obstime.Overrun");
        assertEquals(1, overruns.size());
        assertEquals(MS, overruns.get(0).getLong("runDuration"), "handed over at +1 ms, still running at +2 ms");
        assertEquals(MS, overruns.get(0).getLong("period"));
    }

    @Test
    void theDefaultConfigurationRecordsTheRareEventsButNotEveryTick() throws Exception {
        List<RecordedEvent> events = record(new Recording(Configuration.getConfiguration("default")), "quiet");
        assertEquals(0, named(events, "obstime.Tick").size());
        assertEquals(2, named(events, "obstime.MissedTicks").size());
        assertEquals(1, named(events, "obstime.TaskFailure").size());
        assertEquals(1, named(events, "obstime.Overrun").size());
    }

    @Test
    void theTimerThreadAllocatesNothingPerTickWhileARecordingRunsWithObstimesEventsDisabled() throws Exception {
        // The rare events are disabled too: on a loaded machine slots are skipped, and each obstime.MissedTicks event
        // that fires allocates its event object (about 40 bytes per event, not per tick).
        try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
            recording.disable("obstime.MissedTicks");
            recording.disable("obstime.Overrun");
            recording.disable("obstime.TaskFailure");
            recording.start();
            TimerThreadAllocationTest.assertNoPerTickAllocation(TimeSchedulerSettings.defaults(),
                    TimeScheduler::schedulePeriodically);
            recording.stop();
        }
    }

    @Test
    void theDocumentedJfrCommandPrintsThem() throws Exception {
        Recording recording = new Recording();
        recording.enable("obstime.MissedTicks");
        recording.start();
        work("shown");
        recording.stop();
        Path file = dir.resolve("shown.jfr");
        recording.dump(file);
        recording.close();
        Process jfr = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jfr").toString(),
                "print", "--events", "obstime.*", file.toString()).redirectErrorStream(true).start();
        String out = new String(jfr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jfr.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, jfr.exitValue(), out);
        assertTrue(out.contains("obstime.MissedTicks {"), out);
        assertTrue(out.contains("task = \"shown\""), out);
        assertTrue(out.contains("ticks = 2"), out);
        assertTrue(Files.size(file) > 0);
    }
}
