package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.TaiTime;
import io.obstime.clock.UtcTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deterministic behaviour of the standalone scheduler driven by a simulated clock. */
class SimulatedSchedulerTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private SimulatedTimeSource clock = startingAt("2026-11-21T12:00:00Z");
    private TimeScheduler scheduler;

    private static SimulatedTimeSource startingAt(String utc) {
        return SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse(utc)), LeapSecondTable.bundled());
    }

    private TimeScheduler scheduler(TimeSchedulerSettings settings) {
        scheduler = TimeScheduler.standalone(clock, settings);
        return scheduler;
    }

    private TimeScheduler scheduler() {
        return scheduler(TimeSchedulerSettings.defaults());
    }

    /** Task failures on simulated time counted and logged only, as on the real clock. */
    private static final TimeSchedulerSettings LOG_ONLY =
            TimeSchedulerSettings.defaults().withSimulatedFailuresRethrown(false);

    @AfterEach
    void close() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    /** Records the simulated TAI reading at each run. */
    private final class Recorder implements Runnable {
        final List<Long> taiNanos = new ArrayList<>();

        @Override
        public void run() {
            taiNanos.add(clock.taiNanos());
        }
    }

    private void advanceNanos(long nanos) {
        clock.advance(Duration.ofNanos(nanos));
    }

    @Test
    void onceTaskRunsAtItsTaiInstantAndNotANanosecondEarly() {
        TimeScheduler s = scheduler();
        long at = clock.taiNanos() + 250 * MS;
        Recorder r = new Recorder();
        ScheduledTask task = s.scheduleOnce(TaiTime.ofEpochNanos(at), r);
        assertEquals(at, task.nextDeadlineTaiNanos());

        advanceNanos(250 * MS - 1);
        assertEquals(List.of(), r.taiNanos, "not yet due one nanosecond before");
        assertEquals(0, task.runCount());

        advanceNanos(1);
        assertEquals(List.of(at), r.taiNanos, "runs once with the clock reading exactly the deadline");
        assertEquals(1, task.runCount());
        assertEquals(ScheduledTask.NO_DEADLINE, task.nextDeadlineTaiNanos());

        advanceNanos(10 * S);
        assertEquals(1, r.taiNanos.size(), "once means once");
        assertFalse(task.cancel(), "a once task that ran can no longer be cancelled");
        assertFalse(task.isCancelled());
    }

    @Test
    void onceTaskInsideALongAdvanceSeesTheClockAtItsDeadline() {
        TimeScheduler s = scheduler();
        long start = clock.taiNanos();
        Recorder r = new Recorder();
        s.scheduleOnceAtTaiNanos(start + 3 * S + 7, r);
        s.scheduleOnceAtTaiNanos(start + 1 * S, r);
        advanceNanos(60 * S);
        assertEquals(List.of(start + S, start + 3 * S + 7), r.taiNanos);
        assertEquals(start + 60 * S, clock.taiNanos());
    }

    @Test
    void periodic100MsOver500MsRunsSixTimesTheFirstAtStart() {
        TimeScheduler s = scheduler();
        long start = clock.taiNanos() + S;
        Recorder r = new Recorder();
        ScheduledTask task = s.schedulePeriodically(TaiTime.ofEpochNanos(start), Duration.ofMillis(100), r);
        advanceNanos(S + 500 * MS);
        assertEquals(List.of(start, start + 100 * MS, start + 200 * MS, start + 300 * MS, start + 400 * MS,
                start + 500 * MS), r.taiNanos);
        assertEquals(6, task.runCount());
        assertEquals(0, task.skippedTicks());
        assertEquals(start + 600 * MS, task.nextDeadlineTaiNanos());
        assertEquals(100 * MS, task.periodNanos());
    }

    @Test
    void periodicTaskIsStillOnStartPlusKPeriodAfterAMillionTicks() {
        TimeScheduler s = scheduler();
        long start = clock.taiNanos() + 123_456_789L;
        long periodNanos = 999_983L; // a prime number of nanoseconds: nothing lines up by accident
        long[] last = new long[1];
        long[] runs = new long[1];
        ScheduledTask task = s.schedulePeriodicallyAtTaiNanos(start, periodNanos, () -> {
            long now = clock.taiNanos();
            if (now != start + runs[0] * periodNanos) {
                throw new AssertionError("run " + runs[0] + " at " + now); // rethrown by advance
            }
            last[0] = now;
            runs[0]++;
        });
        clock.advance(Duration.ofNanos(123_456_789L + 1_000_000L * periodNanos));
        assertEquals(1_000_001L, runs[0]);
        assertEquals(0, task.failureCount());
        assertEquals(start + 1_000_000L * periodNanos, last[0]);
        assertEquals(start + 1_000_001L * periodNanos, task.nextDeadlineTaiNanos());
    }

    @Test
    void periodicWithoutStartRunsFirstAtTheNextAdvanceAnchoredAtThatInstant() {
        TimeScheduler s = scheduler();
        long now = clock.taiNanos();
        Recorder r = new Recorder();
        s.schedulePeriodically(Duration.ofMillis(10), r);
        advanceNanos(0);
        assertEquals(List.of(now), r.taiNanos);
        advanceNanos(25 * MS);
        assertEquals(List.of(now, now + 10 * MS, now + 20 * MS), r.taiNanos);
    }

    @Test
    void tasksAtTheSameInstantAllRunInScheduleOrder() {
        TimeScheduler s = scheduler();
        long at = clock.taiNanos() + S;
        List<String> order = new ArrayList<>();
        s.scheduleOnceAtTaiNanos(at, () -> order.add("once-a"));
        s.schedulePeriodicallyAtTaiNanos(at, 500 * MS, () -> order.add("periodic-b"));
        s.scheduleOnceAtTaiNanos(at, () -> order.add("once-c"));
        s.scheduleOnceAtTaiNanos(at - 1, () -> order.add("earlier"));
        s.schedulePeriodicallyAtTaiNanos(at, 500 * MS, () -> order.add("periodic-d"));
        advanceNanos(S + 500 * MS);
        assertEquals(List.of("earlier", "once-a", "periodic-b", "once-c", "periodic-d", "periodic-b", "periodic-d"),
                order);
    }

    @Test
    void taskScheduledFromInsideATaskForNowRunsInTheSamePassAfterIt() {
        TimeScheduler s = scheduler();
        long at = clock.taiNanos() + S;
        List<Long> inner = new ArrayList<>();
        s.scheduleOnceAtTaiNanos(at, () -> s.scheduleOnceAtTaiNanos(clock.taiNanos(),
                () -> inner.add(clock.taiNanos())));
        advanceNanos(S);
        assertEquals(List.of(at), inner);
    }

    @Test
    void cancelledTaskNeverRunsAndOnlyTheFirstCancelReturnsTrue() {
        TimeScheduler s = scheduler();
        Recorder r = new Recorder();
        ScheduledTask once = s.scheduleOnceAtTaiNanos(clock.taiNanos() + S, r);
        ScheduledTask periodic = s.schedulePeriodically(Duration.ofMillis(100), r);
        advanceNanos(250 * MS);
        assertEquals(3, periodic.runCount());

        assertTrue(once.cancel());
        assertFalse(once.cancel(), "second cancel");
        assertTrue(periodic.cancel());
        assertFalse(periodic.cancel(), "second cancel");
        assertTrue(once.isCancelled());
        assertTrue(periodic.isCancelled());
        assertEquals(ScheduledTask.NO_DEADLINE, periodic.nextDeadlineTaiNanos());

        advanceNanos(10 * S);
        assertEquals(3, r.taiNanos.size());
        assertEquals(0, once.runCount());
        assertEquals(0, core(s).size(), "cancel removes tasks from the heap");
    }

    @Test
    void periodicTaskCancellingItselfFinishesThatRunAndNeverRunsAgain() {
        TimeScheduler s = scheduler();
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<ScheduledTask> self = new AtomicReference<>();
        List<Boolean> cancelResults = new ArrayList<>();
        self.set(s.schedulePeriodically(Duration.ofMillis(1), () -> {
            if (runs.incrementAndGet() == 3) {
                cancelResults.add(self.get().cancel());
                cancelResults.add(self.get().cancel());
            }
        }));
        advanceNanos(S);
        assertEquals(3, runs.get());
        assertEquals(List.of(true, false), cancelResults);
        assertTrue(self.get().isCancelled());
        assertEquals(0, core(s).size());
    }

    @Test
    void onceTaskCancellingItselfFromInsideGetsFalse() {
        TimeScheduler s = scheduler();
        AtomicReference<ScheduledTask> self = new AtomicReference<>();
        List<Boolean> result = new ArrayList<>();
        self.set(s.scheduleOnceAtTaiNanos(clock.taiNanos() + MS, () -> result.add(self.get().cancel())));
        advanceNanos(MS);
        assertEquals(List.of(false), result, "a once task that has started cannot be cancelled");
    }

    @Test
    void onceTaskWithPastDeadlineRunsAtTheNextAdvance() {
        TimeScheduler s = scheduler();
        long now = clock.taiNanos();
        Recorder r = new Recorder();
        s.scheduleOnceAtTaiNanos(now - 10 * S, r);
        assertEquals(List.of(), r.taiNanos, "nothing runs outside advance/step");
        advanceNanos(0);
        assertEquals(List.of(now), r.taiNanos);
    }

    @Test
    void periodicTaskWithPastStartBeginsAtTheNextFutureSlotWithoutCountingEarlierOnes() {
        TimeScheduler s = scheduler();
        long now = clock.taiNanos();
        Recorder r = new Recorder();
        ScheduledTask task = s.schedulePeriodicallyAtTaiNanos(now - 1050 * MS, 100 * MS, r);
        assertEquals(now + 50 * MS, task.nextDeadlineTaiNanos(), "taken in at once: first slot at or after now");
        advanceNanos(200 * MS);
        assertEquals(List.of(now + 50 * MS, now + 150 * MS), r.taiNanos);
        assertEquals(0, task.skippedTicks());

        Recorder exact = new Recorder();
        long now2 = clock.taiNanos();
        s.schedulePeriodicallyAtTaiNanos(now2 - 300 * MS, 100 * MS, exact);
        advanceNanos(0);
        assertEquals(List.of(now2), exact.taiNanos, "a slot exactly at now is not in the past");
    }

    @Test
    void periodic1KhzTaskAcrossAnInsertedLeapSecondLosesNoTickAndDoublesNone() {
        clock = startingAt("2026-12-31T23:59:58Z");
        clock.insertLeapSecond(LocalDate.of(2026, 12, 31));
        assertPeriodicTicksAreOnTaiAcrossTheLeap(4, 37, 38);
    }

    @Test
    void periodic1KhzTaskAcrossADeletedLeapSecondLosesNoTickAndDoublesNone() {
        clock = startingAt("2026-12-31T23:59:57Z");
        clock.deleteLeapSecond(LocalDate.of(2026, 12, 31));
        assertPeriodicTicksAreOnTaiAcrossTheLeap(4, 37, 36);
    }

    private void assertPeriodicTicksAreOnTaiAcrossTheLeap(int seconds, int offsetBefore, int offsetAfter) {
        TimeScheduler s = scheduler();
        long start = clock.taiNanos();
        assertEquals(offsetBefore, clock.taiOffset());
        Recorder r = new Recorder();
        List<Long> utc = new ArrayList<>();
        ScheduledTask task = s.schedulePeriodicallyAtTaiNanos(start, MS, () -> {
            r.run();
            utc.add(clock.utcNanos());
        });
        advanceNanos(seconds * S);
        assertEquals(offsetAfter, clock.taiOffset(), "the leap second happened");
        assertEquals(seconds * 1000 + 1, r.taiNanos.size());
        for (int k = 0; k < r.taiNanos.size(); k++) {
            assertEquals(start + k * MS, r.taiNanos.get(k), "tick " + k);
        }
        assertEquals(seconds * 1000L + 1, task.runCount());
        assertEquals(0, task.skippedTicks());
        long utcSpan = utc.get(utc.size() - 1) - utc.get(0);
        assertEquals(seconds * S - (offsetAfter - offsetBefore) * S, utcSpan,
                "UTC (POSIX) covered one second less/more than TAI: the leap second is in there");
    }

    @Test
    void utcScheduledTaskAtMidnightAfterAnInsertedLeapSecondFiresAtThatUtcPlusTheNewOffset() {
        clock = startingAt("2026-12-31T23:59:50Z");
        clock.insertLeapSecond(LocalDate.of(2026, 12, 31));
        TimeScheduler s = scheduler();
        UtcTime midnight = UtcTime.of(Instant.parse("2027-01-01T00:00:00Z"));
        Recorder r = new Recorder();
        List<Long> utcSeen = new ArrayList<>();
        s.scheduleOnce(midnight, () -> {
            r.run();
            utcSeen.add(clock.utcNanos());
        });
        ScheduledTask periodic = s.schedulePeriodically(midnight, Duration.ofSeconds(1), r);
        long expectedTai = midnight.epochNanos() + 38 * S;
        assertEquals(clock.leapSeconds().utcToTaiNanos(midnight.epochNanos()), expectedTai);
        assertEquals(expectedTai, periodic.nextDeadlineTaiNanos());

        advanceNanos(expectedTai - clock.taiNanos() - 1);
        assertEquals(List.of(), r.taiNanos, "not during the leap second, when UTC repeats 23:59:59");
        advanceNanos(1);
        assertEquals(List.of(expectedTai, expectedTai), r.taiNanos);
        assertEquals(List.of(midnight.epochNanos()), utcSeen, "the UTC clock reads midnight when it runs");
    }

    @Test
    void clockStepForwardRunsTasksFromTheSkippedSpanAtTheStepAndSkipCountsMissedTicks() {
        TimeScheduler s = scheduler();
        long start = clock.taiNanos();
        Recorder periodicRuns = new Recorder();
        Recorder onceRuns = new Recorder();
        ScheduledTask periodic = s.schedulePeriodicallyAtTaiNanos(start, 100 * MS, periodicRuns);
        s.scheduleOnceAtTaiNanos(start + 500 * MS, onceRuns);
        s.scheduleOnceAtTaiNanos(start + 5 * S, onceRuns);
        advanceNanos(50 * MS);
        assertEquals(List.of(start), periodicRuns.taiNanos);

        clock.step(Duration.ofSeconds(1)); // now start + 1.05 s: slots 0.1 … 1.0 s have passed
        long stepped = start + 1050 * MS;
        assertEquals(stepped, clock.taiNanos());
        assertEquals(List.of(start, stepped), periodicRuns.taiNanos, "one late run stands for slot 1.0 s");
        assertEquals(9, periodic.skippedTicks(), "slots 0.1 … 0.9 s skipped");
        assertEquals(List.of(stepped), onceRuns.taiNanos, "the once task in the skipped span ran at the step");
        assertEquals(start + 1100 * MS, periodic.nextDeadlineTaiNanos(), "still anchored at start + k·period");

        advanceNanos(100 * MS);
        assertEquals(List.of(start, stepped, start + 1100 * MS), periodicRuns.taiNanos);
        assertEquals(3 + 9, periodic.runCount() + periodic.skippedTicks(), "every slot 0 … 1.1 s accounted for");
    }

    @Test
    void clockStepBackRerunsNothingAndTaiDeadlinesWait() {
        TimeScheduler s = scheduler();
        long start = clock.taiNanos();
        Recorder periodicRuns = new Recorder();
        Recorder onceRuns = new Recorder();
        ScheduledTask periodic = s.schedulePeriodicallyAtTaiNanos(start, 100 * MS, periodicRuns);
        s.scheduleOnceAtTaiNanos(start + 200 * MS, onceRuns);
        s.scheduleOnceAtTaiNanos(start + 400 * MS, onceRuns);
        advanceNanos(250 * MS);
        assertEquals(3, periodicRuns.taiNanos.size());

        clock.step(Duration.ofSeconds(-1)); // now start − 0.75 s
        assertEquals(3, periodicRuns.taiNanos.size(), "nothing re-runs");
        advanceNanos(1 * S);              // back at start + 0.25 s
        assertEquals(3, periodicRuns.taiNanos.size(), "slots already run are not run again");
        assertEquals(List.of(start + 200 * MS), onceRuns.taiNanos);
        advanceNanos(50 * MS);
        assertEquals(List.of(start, start + 100 * MS, start + 200 * MS, start + 300 * MS), periodicRuns.taiNanos,
                "the next slot runs at its TAI instant, one second of simulated time later than before the step");
        assertEquals(0, periodic.skippedTicks());
        advanceNanos(100 * MS);
        assertEquals(List.of(start + 200 * MS, start + 400 * MS), onceRuns.taiNanos);
    }

    @Test
    void catchUpPolicyRunsEveryMissedTickInOrderAtTheStep() {
        TimeScheduler s = scheduler(TimeSchedulerSettings.defaults().withMissedTickPolicy(MissedTickPolicy.CATCH_UP));
        long start = clock.taiNanos();
        Recorder r = new Recorder();
        List<String> order = new ArrayList<>();
        ScheduledTask periodic = s.schedulePeriodicallyAtTaiNanos(start, 100 * MS, () -> {
            r.run();
            order.add("p");
        });
        s.scheduleOnceAtTaiNanos(start + 250 * MS, () -> order.add("once@250"));
        advanceNanos(50 * MS);
        clock.step(Duration.ofMillis(500)); // now start + 550 ms: slots 100 … 500 ms passed
        assertEquals(6, periodic.runCount());
        assertEquals(0, periodic.skippedTicks());
        assertEquals(List.of("p", "p", "p", "once@250", "p", "p", "p"), order, "deadline order while catching up");
        assertEquals(start + 600 * MS, periodic.nextDeadlineTaiNanos());
    }

    @Test
    void catchUpAfterAForwardStepBeyondMaxCatchUpRunsTheLastSecondOfSlotsAndCountsTheOlderOnesSkipped() {
        TimeScheduler s = scheduler(TimeSchedulerSettings.defaults().withMissedTickPolicy(MissedTickPolicy.CATCH_UP));
        long start = clock.taiNanos();
        AtomicInteger runs = new AtomicInteger();
        ScheduledTask periodic = s.schedulePeriodicallyAtTaiNanos(start, MS, runs::incrementAndGet);
        advanceNanos(0); // slot 0
        clock.step(Duration.ofSeconds(10)); // slots 1 … 10 000 passed; the default bound keeps the last second of them
        assertEquals(1 + 1001, runs.get(), "slot 0, then slots 9 000 … 10 000 back to back");
        assertEquals(8999, periodic.skippedTicks(), "slots 1 … 8 999");
        assertEquals(runs.get(), periodic.runCount());
        assertEquals(start + 10_001 * MS, periodic.nextDeadlineTaiNanos());
    }

    @Test
    void catchUpBoundIsASettingAndTheLatestPassedSlotAlwaysRuns() {
        TimeScheduler s = scheduler(TimeSchedulerSettings.defaults().withMissedTickPolicy(MissedTickPolicy.CATCH_UP)
                .withMaxCatchUpNanos(100 * MS));
        long start = clock.taiNanos();
        AtomicInteger fast = new AtomicInteger();
        AtomicInteger slow = new AtomicInteger();
        ScheduledTask fastTask = s.schedulePeriodicallyAtTaiNanos(start, MS, fast::incrementAndGet);
        ScheduledTask slowTask = s.schedulePeriodicallyAtTaiNanos(start, 3 * S, slow::incrementAndGet);
        advanceNanos(0); // slot 0 of each
        clock.step(Duration.ofSeconds(10));
        assertEquals(1 + 101, fast.get(), "slots 9 900 … 10 000");
        assertEquals(9899, fastTask.skippedTicks());
        assertEquals(1 + 1, slow.get(), "no slot of the 3 s task lies in the last 100 ms: the latest (9 s) runs");
        assertEquals(2, slowTask.skippedTicks(), "its 3 s and 6 s slots");
        assertEquals(start + 12 * S, slowTask.nextDeadlineTaiNanos());
        clock.step(Duration.ofMillis(50)); // within the bound: every passed slot runs
        assertEquals(102 + 50, fast.get());
        assertEquals(9899, fastTask.skippedTicks());
    }

    @Test
    void skipPolicyRunsOnceForAllMissedTicks() {
        TimeScheduler s = scheduler();
        long start = clock.taiNanos();
        ScheduledTask periodic = s.schedulePeriodicallyAtTaiNanos(start, MS, () -> { });
        advanceNanos(0);
        clock.step(Duration.ofSeconds(10));
        assertEquals(2, periodic.runCount());
        assertEquals(9999, periodic.skippedTicks());
        assertEquals(start + 10_001 * MS, periodic.nextDeadlineTaiNanos());
    }

    @Test
    void throwingTaskIsCountedAndKeepsItsScheduleUnderContinue() {
        TimeScheduler s = scheduler();
        AtomicInteger calls = new AtomicInteger();
        ScheduledTask task = s.schedulePeriodically(Duration.ofMillis(1), () -> {
            throw new IllegalStateException("boom " + calls.incrementAndGet() + " (expected by the test)");
        });
        Recorder other = new Recorder();
        s.schedulePeriodically(Duration.ofMillis(1), other);
        long target = clock.taiNanos() + 2 * S;

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> advanceNanos(2 * S));

        assertEquals(target, clock.taiNanos(), "the move was completed before the failure was rethrown");
        assertTrue(thrown.getMessage().startsWith("boom 1 "), "the first failure: " + thrown.getMessage());
        Throwable[] suppressed = thrown.getSuppressed();
        assertEquals(TimerCore.MAX_SUPPRESSED_FAILURES + 1, suppressed.length);
        assertTrue(suppressed[0].getMessage().startsWith("boom 2 "), suppressed[0].getMessage());
        assertTrue(suppressed[TimerCore.MAX_SUPPRESSED_FAILURES].getMessage().startsWith("1900 more task failures"),
                suppressed[TimerCore.MAX_SUPPRESSED_FAILURES].getMessage());
        assertEquals(2001, calls.get());
        assertEquals(2001, task.failureCount());
        assertEquals(2001, task.runCount());
        assertFalse(task.isCancelled());
        assertEquals(2001, other.taiNanos.size(), "other tasks are unaffected");
    }

    @Test
    void throwingTaskIsCancelledUnderCancelPolicy() {
        TimeScheduler s = scheduler(TimeSchedulerSettings.defaults().withTaskFailurePolicy(TaskFailurePolicy.CANCEL));
        AtomicInteger calls = new AtomicInteger();
        ScheduledTask task = s.schedulePeriodically(Duration.ofMillis(1), () -> {
            if (calls.incrementAndGet() == 3) {
                throw new IllegalStateException("boom (expected by the test)");
            }
        });
        assertThrows(IllegalStateException.class, () -> advanceNanos(S));
        assertEquals(3, calls.get());
        assertEquals(1, task.failureCount());
        assertTrue(task.isCancelled());
        assertFalse(task.cancel());
        assertEquals(0, core(s).size());
    }

    /** A task whose run throws {@code failure} and whose {@code toString()} throws if {@code badToString}. */
    private static Runnable failing(AtomicInteger calls, Throwable failure, boolean badToString) {
        return new Runnable() {
            @Override
            public void run() {
                calls.incrementAndGet();
                if (failure instanceof Error) {
                    throw (Error) failure;
                }
                throw (RuntimeException) failure;
            }

            @Override
            public String toString() {
                if (badToString) {
                    throw new IllegalStateException("toString failure (expected by the test)");
                }
                return "failing task";
            }
        };
    }

    /** An exception that makes the logger itself throw when it prints the stack trace. */
    @SuppressWarnings("serial")
    private static final class UnprintableException extends RuntimeException {
        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage failure (expected by the test)");
        }
    }

    @Test
    void aFailureWhoseHandlingThrowsStillLeavesThePeriodicTaskScheduledInline() {
        Throwable[] failures = {
            new IllegalStateException("run failure (expected by the test)"), // with a toString() that throws
            new UnprintableException(), // the logger throws while printing it
            new OutOfMemoryError("simulated (expected by the test)"),
            new StackOverflowError("simulated (expected by the test)"),
        };
        for (int i = 0; i < failures.length; i++) {
            TimeScheduler s = scheduler(LOG_ONLY); // what is tested is the log path
            AtomicInteger calls = new AtomicInteger();
            ScheduledTask task = s.schedulePeriodically(Duration.ofMillis(1), failing(calls, failures[i], i == 0));
            long start = clock.taiNanos();
            advanceNanos(5 * MS);
            String what = failures[i].getClass().getSimpleName();
            assertEquals(6, calls.get(), what + ": slots 0..5 all ran");
            assertEquals(6, task.failureCount(), what);
            assertEquals(6, task.runCount(), what);
            assertFalse(task.isCancelled(), what);
            assertEquals(start + 6 * MS, task.nextDeadlineTaiNanos(), what + ": still scheduled, next at slot 6");
            assertEquals(1, core(s).size(), what + ": back in the heap");
            s.close();
        }
    }

    @Test
    void anErrorThrownByATaskCancelsItUnderTheCancelPolicyAndOtherTasksGoOn() {
        TimeScheduler s = scheduler(LOG_ONLY.withTaskFailurePolicy(TaskFailurePolicy.CANCEL));
        AtomicInteger calls = new AtomicInteger();
        ScheduledTask task = s.schedulePeriodically(Duration.ofMillis(1),
                failing(calls, new OutOfMemoryError("simulated (expected by the test)"), true));
        Recorder other = new Recorder();
        s.schedulePeriodically(Duration.ofMillis(1), other);
        advanceNanos(5 * MS);
        assertEquals(1, calls.get());
        assertEquals(1, task.failureCount());
        assertTrue(task.isCancelled());
        assertEquals(6, other.taiNanos.size(), "other tasks are unaffected");
    }

    @Test
    void afterCloseScheduleThrowsNothingRunsAndCloseIsIdempotent() {
        TimeScheduler s = scheduler();
        Recorder r = new Recorder();
        ScheduledTask pending = s.schedulePeriodically(Duration.ofMillis(1), r);
        advanceNanos(MS);
        assertEquals(2, r.taiNanos.size());
        s.close();
        s.close();
        assertTrue(s.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> s.scheduleOnceAtTaiNanos(clock.taiNanos(), r));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> s.schedulePeriodically(Duration.ofMillis(1), r));
        advanceNanos(S);
        assertEquals(2, r.taiNanos.size());
        assertFalse(pending.cancel(), "cancel after close");
        assertEquals(ScheduledTask.NO_DEADLINE, pending.nextDeadlineTaiNanos());
    }

    @Test
    void closeFromInsideATaskStopsEverythingAfterIt() {
        TimeScheduler s = scheduler();
        long at = clock.taiNanos() + MS;
        List<String> order = new ArrayList<>();
        s.scheduleOnceAtTaiNanos(at, () -> {
            order.add("closer");
            s.close();
            order.add("closer returned");
        });
        s.scheduleOnceAtTaiNanos(at, () -> order.add("same instant, later"));
        s.schedulePeriodically(Duration.ofMillis(1), () -> order.add("periodic"));
        advanceNanos(10 * MS);
        assertEquals(List.of("periodic", "closer", "closer returned"), order);
    }

    @Test
    void badArgumentsAreRejectedNamingTheParameterAndValue() {
        TimeScheduler s = scheduler();
        Runnable task = () -> { };
        TaiTime tai = TaiTime.ofEpochNanos(clock.taiNanos());
        UtcTime utc = UtcTime.ofEpochNanos(clock.utcNanos());
        Duration ms = Duration.ofMillis(1);
        assertNpe("task", () -> s.scheduleOnce(tai, null));
        assertNpe("at", () -> s.scheduleOnce((TaiTime) null, task));
        assertNpe("at", () -> s.scheduleOnce((UtcTime) null, task));
        assertNpe("period", () -> s.schedulePeriodically(null, task));
        assertNpe("task", () -> s.schedulePeriodically(ms, null));
        assertNpe("start", () -> s.schedulePeriodically((TaiTime) null, ms, task));
        assertNpe("start", () -> s.schedulePeriodically((UtcTime) null, ms, task));
        assertNpe("period", () -> s.schedulePeriodically(utc, null, task));
        assertNpe("task", () -> s.schedulePeriodically(utc, ms, null));
        assertNpe("task", () -> s.scheduleOnceAtTaiNanos(0, null));
        assertNpe("timeSource", () -> TimeScheduler.standalone(null));
        assertNpe("settings", () -> TimeScheduler.standalone(clock, null));

        assertIae("was 0 ns", () -> s.schedulePeriodically(Duration.ZERO, task));
        assertIae("was -1000000 ns", () -> s.schedulePeriodically(tai, Duration.ofMillis(-1), task));
        assertIae("was 99999 ns", () -> s.schedulePeriodically(utc, Duration.ofNanos(99_999), task));
        assertIae("was 5 ns", () -> s.schedulePeriodicallyAtTaiNanos(0, 5, task));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.schedulePeriodicallyAtTaiNanos(0, 5, task))
                .getMessage().startsWith("periodNanos must be"), "names the parameter actually passed");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.schedulePeriodically(ms.minus(ms), task))
                .getMessage().startsWith("period must be"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> s.scheduleOnceAtTaiNanos(ScheduledTask.NO_DEADLINE, task)).getMessage()
                .startsWith("deadlineTaiNanos must be before ScheduledTask.NO_DEADLINE"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> s.schedulePeriodicallyAtTaiNanos(ScheduledTask.NO_DEADLINE, 1_000_000L, task)).getMessage()
                .startsWith("startTaiNanos must be before ScheduledTask.NO_DEADLINE"));
        Duration tooLong = Duration.ofNanos(Long.MAX_VALUE).plusNanos(1);
        assertIae("PT2562047H47M16.854775808S", () -> s.schedulePeriodically(tooLong, task));
        s.schedulePeriodically(Duration.ofNanos(100_000), task); // the minimum itself is fine
        assertEquals(0, core(s).size() - 1);
    }

    private static void assertNpe(String parameter, org.junit.jupiter.api.function.Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(parameter, e.getMessage());
    }

    private static void assertIae(String fragment, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains("period") && e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void aMillionScheduleThenCancelCyclesLeaveTheHeapFlat() {
        TimeScheduler s = scheduler();
        long far = clock.taiNanos() + 3600 * S;
        java.util.List<java.lang.ref.WeakReference<Object>> samples = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            int index = i;
            Runnable task = () -> assertTrue(index >= 0); // capturing: one object per task, so it can leak
            ScheduledTask t = s.scheduleOnceAtTaiNanos(far + i, task);
            assertTrue(t.cancel());
            if (i % 100_000 == 0 || i == 999_999) {
                samples.add(new java.lang.ref.WeakReference<>(t));
                samples.add(new java.lang.ref.WeakReference<>(task));
            }
        }
        TimerCore core = core(s);
        assertEquals(0, core.size());
        assertEquals(0, core.retainedSlots());
        assertEquals(16, core.capacity());
        assertFalse(core.hasPendingCommands());
        assertNothingRetains(samples);
    }

    /**
     * Fails if the scheduler (or anything else) still reaches one of the samples after garbage collection: a leak
     * anywhere, not only in the heap array. Collects until they are cleared or a generous number of tries is used up.
     */
    static void assertNothingRetains(java.util.List<java.lang.ref.WeakReference<Object>> samples) {
        for (int attempt = 0; attempt < 50 && samples.stream().anyMatch(r -> r.get() != null); attempt++) {
            System.gc();
            try {
                Thread.sleep(20); // gives a concurrent collector time to finish; no duration is asserted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (int i = 0; i < samples.size(); i++) {
            assertTrue(samples.get(i).get() == null, "sample " + i + " is still reachable: " + samples.get(i).get());
        }
    }

    @Test
    void schedulerOnSimulatedTimeStartsNoThread() {
        StandaloneTimeScheduler s = (StandaloneTimeScheduler) scheduler();
        assertSame(null, s.timerThread());
        assertSame(clock, s.timeSource());
    }

    static TimerCore core(TimeScheduler s) {
        return ((StandaloneTimeScheduler) s).core();
    }

    // ---- task failures on simulated time: rethrown from advance/step once every due task has run ----

    @Test
    void aTaskFailureIsRethrownFromAdvanceAfterEveryDueTaskOfThatCallHasRun() {
        TimeScheduler s = scheduler();
        long start = clock.taiNanos();
        Recorder other = new Recorder();
        s.schedulePeriodicallyAtTaiNanos(start, MS, other);
        AssertionError first = new AssertionError("expected:<1> but was:<2> (expected by the test)");
        IllegalStateException second = new IllegalStateException("second (expected by the test)");
        ScheduledTask failsFirst = s.scheduleOnceAtTaiNanos(start + 3 * MS, () -> {
            throw first;
        });
        ScheduledTask failsSecond = s.scheduleOnceAtTaiNanos(start + 7 * MS, () -> {
            throw second;
        });

        AssertionError thrown = assertThrows(AssertionError.class, () -> advanceNanos(10 * MS));

        assertSame(first, thrown, "the task's own failure, as the test framework reports it");
        assertEquals(List.of(second), List.of(thrown.getSuppressed()));
        assertEquals(11, other.taiNanos.size(), "every slot of the call ran, the ones after the failures too");
        assertEquals(start + 10 * MS, clock.taiNanos(), "the clock is at the end of the move");
        assertEquals(1, failsFirst.failureCount());
        assertEquals(1, failsSecond.failureCount());

        advanceNanos(10 * MS); // nothing fails now: a failure is rethrown once
        assertEquals(21, other.taiNanos.size());
    }

    @Test
    void aTaskFailureIsRethrownFromStepToo() {
        TimeScheduler s = scheduler();
        long start = clock.taiNanos();
        s.schedulePeriodicallyAtTaiNanos(start, MS, () -> {
            if (clock.taiNanos() > start) {
                throw new IllegalStateException("late run (expected by the test)");
            }
        });
        advanceNanos(0);

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> clock.step(Duration.ofSeconds(1)));

        assertTrue(thrown.getMessage().startsWith("late run"), thrown.getMessage());
        assertEquals(start + S, clock.taiNanos());
    }

    @Test
    void aFailureInsideAMessageFactoryIsRethrownToo() {
        TimeScheduler s = scheduler();
        List<Object> told = new ArrayList<>();
        s.scheduleOnceAtTaiNanos(clock.taiNanos() + MS, io.obstime.scheduler.actor.Delivery.from("target", told::add,
                deadline -> null));

        NullPointerException thrown = assertThrows(NullPointerException.class, () -> advanceNanos(MS));

        assertTrue(thrown.getMessage().contains("returned null"), thrown.getMessage());
        assertEquals(List.of(), told);
    }

    @Test
    void withLogOnlySettingsAdvanceReturnsAndTheFailureIsOnlyCounted() {
        TimeScheduler s = scheduler(LOG_ONLY);
        ScheduledTask task = s.schedulePeriodically(Duration.ofMillis(1), () -> {
            throw new IllegalStateException("boom (expected by the test)");
        });

        advanceNanos(5 * MS);

        assertEquals(6, task.failureCount());
        assertFalse(task.isCancelled());
    }

    @Test
    void runsHandedToAnExecutorAreNotRethrownEvenOnSimulatedTime() {
        TimeScheduler s = scheduler(TimeSchedulerSettings.defaults().withExecutor(Runnable::run));
        ScheduledTask task = s.scheduleOnceAtTaiNanos(clock.taiNanos() + MS, () -> {
            throw new IllegalStateException("on the executor (expected by the test)");
        });

        advanceNanos(MS); // the executor runs it on this thread, but it is the executor's run: logged, not rethrown

        assertEquals(1, task.failureCount());
    }

    @Test
    void twoSchedulersOnOneClockBothHaveTheirFailureRethrownFirstOneSuppressingTheOther() {
        TimeScheduler s = scheduler();
        try (TimeScheduler another = TimeScheduler.standalone(clock)) {
            IllegalStateException mine = new IllegalStateException("mine (expected by the test)");
            IllegalStateException theirs = new IllegalStateException("theirs (expected by the test)");
            s.scheduleOnceAtTaiNanos(clock.taiNanos() + 2 * MS, () -> {
                throw mine;
            });
            another.scheduleOnceAtTaiNanos(clock.taiNanos() + MS, () -> {
                throw theirs;
            });

            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> advanceNanos(3 * MS));

            assertSame(mine, thrown, "listeners are asked in the order they were added");
            assertEquals(List.of(theirs), List.of(thrown.getSuppressed()));
        }
    }
}
