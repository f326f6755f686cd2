package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.TaiTime;
import io.obstime.clock.UtcTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Task names in logs and toString; the rate-limited WARN of a task that falls behind its schedule. */
class TaskNamesAndOverrunsTest {

    private static final long MS = 1_000_000L;

    private final SimulatedTimeSource clock = SimulatedTimeSource.startingAt(
            UtcTime.of(Instant.parse("2026-11-21T12:00:00Z")), LeapSecondTable.bundled());
    private final RecordingLogger logger = new RecordingLogger();
    private final AtomicLong monotonicNanos = new AtomicLong();

    private TimeScheduler simulated(TimeSchedulerSettings settings) {
        return StandaloneTimeScheduler.start(clock, settings, monotonicNanos::get, logger);
    }

    // ---- names ----

    @Test
    void aNamedTaskShowsItsNameInToString() {
        try (TimeScheduler s = simulated(TimeSchedulerSettings.defaults())) {
            AtomicInteger runs = new AtomicInteger();
            ScheduledTask periodic = s.schedulePeriodically(Duration.ofMillis(1),
                    NamedTask.of("mount-loop", runs::incrementAndGet));
            ScheduledTask once = s.scheduleOnce(TaiTime.now(clock).plus(Duration.ofSeconds(1)),
                    NamedTask.of("close shutter", () -> { }));

            clock.advance(Duration.ofMillis(2));

            assertEquals(3, runs.get(), "the wrapped task runs");
            assertEquals("ScheduledTask[mount-loop, periodNanos=1000000, scheduled]", periodic.toString());
            assertEquals("ScheduledTask[close shutter, once, scheduled]", once.toString());
        }
    }

    @Test
    void aNamedTasksFailureIsLoggedUnderItsName() {
        try (TimeScheduler s = simulated(TimeSchedulerSettings.defaults().withSimulatedFailuresRethrown(false))) {
            s.scheduleOnce(TaiTime.now(clock), NamedTask.of("mount-loop", () -> {
                throw new IllegalStateException("expected by the test");
            }));

            clock.advance(Duration.ZERO);

            assertEquals(List.of(Level.WARN), logger.levels);
            assertTrue(logger.lines.get(0).startsWith("Once-only task threw: ScheduledTask[mount-loop, once, done]"),
                    logger.lines.get(0));
        }
    }

    @Test
    void badNamesAreRejectedWithTheNameCut() {
        Runnable task = () -> { };
        assertEquals("name", assertThrows(NullPointerException.class, () -> NamedTask.of(null, task)).getMessage());
        assertEquals("task", assertThrows(NullPointerException.class, () -> NamedTask.of("x", null)).getMessage());
        assertEquals("name must be 1 to 200 characters, not blank, without line breaks; was \" \"",
                assertThrows(IllegalArgumentException.class, () -> NamedTask.of(" ", task)).getMessage());
        assertEquals("name must be 1 to 200 characters, not blank, without line breaks; was \"a\\nb\"",
                assertThrows(IllegalArgumentException.class, () -> NamedTask.of("a\nb", task)).getMessage());
        String tooLong = "x".repeat(1_000_000);
        String message = assertThrows(IllegalArgumentException.class, () -> NamedTask.of(tooLong, task)).getMessage();
        assertTrue(message.endsWith("\"" + "x".repeat(60) + "... (1000000 characters)\""), message);
        assertEquals("x".repeat(200), NamedTask.of("x".repeat(200), task).name());
    }

    @Test
    void aHugeToStringIsCutInLogsAndToString() {
        try (TimeScheduler s = simulated(TimeSchedulerSettings.defaults())) {
            Runnable huge = new Runnable() {
                @Override
                public void run() {
                }

                @Override
                public String toString() {
                    return "y".repeat(1_000_000);
                }
            };

            ScheduledTask task = s.scheduleOnce(TaiTime.now(clock).plus(Duration.ofSeconds(1)), huge);

            assertEquals("ScheduledTask[" + "y".repeat(200) + "... (1000000 characters), once, scheduled]",
                    task.toString());
        }
    }

    // ---- falling behind ----

    @Test
    void slotsSkippedByAStepForwardGiveOneWarnWithTheirCountThenOneSummaryPerInterval() {
        try (TimeScheduler s = simulated(TimeSchedulerSettings.defaults())) {
            ScheduledTask task = s.schedulePeriodically(Duration.ofMillis(1), NamedTask.of("mount-loop", () -> { }));
            clock.advance(Duration.ZERO); // slot 0

            clock.step(Duration.ofNanos(5 * MS + 500)); // slots 1..5 passed: 5 runs for them all, 4 skipped

            assertEquals(4, task.skippedTicks());
            assertEquals(List.of(Level.WARN), logger.levels);
            assertEquals("Periodic task ScheduledTask[mount-loop, periodNanos=1000000, scheduled] fell behind its "
                    + "schedule (a run longer than its period, other tasks on the same thread, a pause or a clock step "
                    + "forward): 4 slots skipped (later ones of all periodic tasks on timer obstime-timer are "
                    + "summarised at most once every 10000 ms)",
                    logger.lines.get(0));

            clock.step(Duration.ofMillis(10)); // 9 more skipped within the interval: held back
            clock.step(Duration.ofMillis(3)); // 2 more
            assertEquals(1, logger.lines.size());
            monotonicNanos.addAndGet(TimeSchedulerSettings.DEFAULT_OVERRUN_LOG_INTERVAL_NANOS);
            clock.advance(Duration.ZERO); // a later wake writes the summary of the burst that stopped

            assertEquals(2, logger.lines.size());
            assertTrue(logger.lines.get(1).startsWith("11 slots skipped by periodic tasks on timer obstime-timer "
                    + "since the last report, in 2 events; latest: Periodic task ScheduledTask[mount-loop, "),
                    logger.lines.get(1));
            assertEquals(15, task.skippedTicks());
        }
    }

    /**
     * One stall makes every periodic task skip slots: the log is the scheduler's, not each task's, so 200 tasks
     * falling behind together write one WARN (the first task's), then one summary of all of them, not 200 lines.
     */
    @Test
    void manyTasksFallingBehindTogetherWriteOneWarnThenOneSummaryForAllOfThem() {
        try (TimeScheduler s = simulated(TimeSchedulerSettings.defaults())) {
            List<ScheduledTask> tasks = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tasks.add(s.schedulePeriodically(Duration.ofMillis(1), NamedTask.of("axis-" + i, () -> { })));
            }
            clock.advance(Duration.ZERO); // slot 0 of each

            clock.step(Duration.ofNanos(3 * MS + 500)); // slots 1..3 passed: 2 skipped by each task

            assertEquals(1, logger.lines.size(), logger.lines.toString());
            assertTrue(logger.lines.get(0).startsWith("Periodic task ScheduledTask[axis-0, "), logger.lines.get(0));
            monotonicNanos.addAndGet(TimeSchedulerSettings.DEFAULT_OVERRUN_LOG_INTERVAL_NANOS);
            clock.advance(Duration.ZERO);

            assertEquals(2, logger.lines.size(), logger.lines.toString());
            assertTrue(logger.lines.get(1).startsWith("398 slots skipped by periodic tasks on timer obstime-timer since "
                    + "the last report, in 199 events; latest: Periodic task ScheduledTask[axis-199, "),
                    logger.lines.get(1));
            long skipped = 0;
            for (ScheduledTask t : tasks) {
                skipped += t.skippedTicks();
            }
            assertEquals(400, skipped);
        }
    }

    @Test
    void withOverrunLogIntervalZeroSkipsAreCountedButNotLogged() {
        try (TimeScheduler s = simulated(TimeSchedulerSettings.defaults().withOverrunLogIntervalNanos(0))) {
            ScheduledTask task = s.schedulePeriodically(Duration.ofMillis(1), () -> { });
            clock.advance(Duration.ZERO);

            clock.step(Duration.ofSeconds(5));

            assertEquals(4999, task.skippedTicks());
            assertEquals(List.of(), logger.lines);
        }
    }

    @Test
    void anInlineTaskSlowerThanItsPeriodOnTheTimerThreadIsReportedWithTheSlotsItSkipped() throws Exception {
        // The task "blocks" by moving the clock on during its run, as 550 ms of work would: no sleeping in the test.
        SteppableTimeSource source = new SteppableTimeSource();
        AtomicInteger runs = new AtomicInteger();
        try (TimeScheduler s = StandaloneTimeScheduler.start(source, TimeSchedulerSettings.defaults(),
                System::nanoTime, logger)) {
            ScheduledTask task = s.schedulePeriodically(Duration.ofMillis(100), NamedTask.of("slow-loop", () -> {
                if (runs.incrementAndGet() == 2) {
                    source.step(550 * MS);
                }
            }));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (runs.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10); // waits for the timer, asserts no duration
            }

            assertTrue(runs.get() >= 3, "runs: " + runs.get());
            assertEquals(4, task.skippedTicks(), "slots 2 to 5 passed during run 1; the late run stands for slot 6");
            assertEquals(1, logger.lines.size(), logger.lines.toString());
            assertTrue(logger.lines.get(0).startsWith("Periodic task ScheduledTask[slow-loop, periodNanos=100000000, "),
                    logger.lines.get(0));
            assertTrue(logger.lines.get(0).contains(": 4 slots skipped"), logger.lines.get(0));
        }
    }
}
