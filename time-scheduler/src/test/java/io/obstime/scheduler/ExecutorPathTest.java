package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.actor.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The executor path on simulated time, with an executor that only queues: the test decides when (and whether) each
 * handed-over run executes, so every interleaving is deterministic.
 */
class ExecutorPathTest {

    private final SimulatedTimeSource clock = SimulatedTimeSource.startingAt(
            UtcTime.of(Instant.parse("2026-11-21T12:00:00Z")), LeapSecondTable.bundled());
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

    private TimeScheduler scheduler(MissedTickPolicy policy) {
        return TimeScheduler.standalone(clock, TimeSchedulerSettings.defaults().withExecutor(queue::add)
                .withMissedTickPolicy(policy));
    }

    private void runQueued() {
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
    }

    @Test
    void queuedRunsOfACancelledPeriodicTaskDoNotRun() {
        AtomicInteger runs = new AtomicInteger();
        try (TimeScheduler scheduler = scheduler(MissedTickPolicy.SKIP)) {
            ScheduledTask task = scheduler.schedulePeriodically(Duration.ofMillis(1), runs::incrementAndGet);
            clock.advance(Duration.ofMillis(2));
            assertFalse(queue.isEmpty(), "ticks were handed to the executor");
            assertTrue(task.cancel());
            runQueued();
            assertEquals(0, runs.get(), "no run starts after cancel() returned true");
        }
    }

    @Test
    void aQueuedOnceOnlyTaskStillRunsAndCannotBeCancelledOnceHandedOver() {
        AtomicInteger runs = new AtomicInteger();
        try (TimeScheduler scheduler = scheduler(MissedTickPolicy.SKIP)) {
            ScheduledTask task = scheduler.scheduleOnceAtTaiNanos(clock.taiNanos() + 1_000_000L, runs::incrementAndGet);
            clock.advance(Duration.ofMillis(1));
            assertEquals(1, queue.size());
            assertFalse(task.cancel(), "a once-only task that has started cannot be cancelled");
            runQueued();
            assertEquals(1, runs.get());
        }
    }

    @Test
    void aPeriodicTaskThatCancelsItselfByPolicyDoesNotRunItsQueuedTicks() {
        AtomicInteger runs = new AtomicInteger();
        try (TimeScheduler scheduler = TimeScheduler.standalone(clock, TimeSchedulerSettings.defaults()
                .withExecutor(queue::add).withTaskFailurePolicy(TaskFailurePolicy.CANCEL))) {
            ScheduledTask task = scheduler.schedulePeriodically(Duration.ofMillis(1), () -> {
                runs.incrementAndGet();
                throw new IllegalStateException("test failure");
            });
            clock.advance(Duration.ofMillis(3));
            runQueued();
            clock.advance(Duration.ofMillis(3));
            runQueued();
            assertEquals(1, runs.get(), "only the run that threw");
            assertTrue(task.isCancelled());
        }
    }

    @Test
    void underSkipASlotDueWhileARunIsInFlightIsSkippedAndCountedAndTheQueueHoldsOneRun() {
        AtomicInteger runs = new AtomicInteger();
        try (TimeScheduler scheduler = scheduler(MissedTickPolicy.SKIP)) {
            ScheduledTask task = scheduler.schedulePeriodically(Duration.ofMillis(1), runs::incrementAndGet);
            clock.advance(Duration.ofMillis(10)); // slots 0..10 fall due one by one; the executor runs nothing
            assertEquals(1, queue.size(), "one run in flight, never a backlog");
            assertEquals(1, task.runCount());
            assertEquals(10, task.skippedTicks());
            runQueued();
            assertEquals(1, runs.get());
            clock.advance(Duration.ofMillis(1)); // slot 11: no run in flight now, so it is handed over
            assertEquals(1, queue.size());
            runQueued();
            assertEquals(2, runs.get());
            assertEquals(2, task.runCount());
            assertEquals(10, task.skippedTicks());
            assertEquals(12, task.runCount() + task.skippedTicks(), "slots 0..11, each run or skipped once");
        }
    }

    @Test
    void underCatchUpSlotsDueWhileARunIsInFlightAreOwedAndRunBackToBackByThatRun() {
        AtomicInteger runs = new AtomicInteger();
        try (TimeScheduler scheduler = scheduler(MissedTickPolicy.CATCH_UP)) {
            ScheduledTask task = scheduler.schedulePeriodically(Duration.ofMillis(1), runs::incrementAndGet);
            clock.advance(Duration.ofMillis(10));
            assertEquals(1, queue.size(), "the owed slots are a count, not queued runs");
            assertEquals(11, task.runCount());
            assertEquals(0, task.skippedTicks());
            Runnable handedOver = queue.poll();
            handedOver.run();
            assertEquals(11, runs.get(), "the run in flight ran every owed slot");
            assertTrue(queue.isEmpty());
            clock.advance(Duration.ofMillis(1));
            assertEquals(1, queue.size(), "with nothing in flight the next slot is handed over again");
            runQueued();
            assertEquals(12, runs.get());
        }
    }

    @Test
    void underCatchUpAForwardStepBeyondTheBoundOwesOnlyTheLastSecondOfSlots() {
        AtomicInteger runs = new AtomicInteger();
        try (TimeScheduler scheduler = scheduler(MissedTickPolicy.CATCH_UP)) {
            ScheduledTask task = scheduler.schedulePeriodically(Duration.ofMillis(1), runs::incrementAndGet);
            clock.advance(Duration.ZERO);
            runQueued();
            clock.step(Duration.ofSeconds(10)); // slots 1 … 10 000 passed; the default bound is 1 s
            assertEquals(1, queue.size());
            runQueued();
            assertEquals(1 + 1001, runs.get(), "slot 0, then slots 9 000 … 10 000 by the one run handed over");
            assertEquals(8999, task.skippedTicks());
            assertEquals(runs.get(), task.runCount());
        }
    }

    @Test
    void owedRunsOfATaskCancelledMeanwhileDoNotRun() {
        AtomicInteger runs = new AtomicInteger();
        try (TimeScheduler scheduler = scheduler(MissedTickPolicy.CATCH_UP)) {
            ScheduledTask[] task = new ScheduledTask[1];
            task[0] = scheduler.schedulePeriodically(Duration.ofMillis(1), () -> {
                if (runs.incrementAndGet() == 3) {
                    task[0].cancel();
                }
            });
            clock.advance(Duration.ofMillis(10));
            runQueued();
            assertEquals(3, runs.get(), "the owed runs after the self-cancel skip the task");
            clock.advance(Duration.ofMillis(10));
            assertTrue(queue.isEmpty());
        }
    }

    @Test
    void aFailureWhoseHandlingThrowsReleasesTheRunInFlightSoLaterSlotsAreHandedOver() {
        AtomicInteger runs = new AtomicInteger();
        Runnable badToString = new Runnable() {
            @Override
            public void run() {
                runs.incrementAndGet();
                throw new OutOfMemoryError("simulated (expected by the test)");
            }

            @Override
            public String toString() {
                throw new IllegalStateException("toString failure (expected by the test)");
            }
        };
        for (MissedTickPolicy policy : MissedTickPolicy.values()) {
            runs.set(0);
            try (TimeScheduler scheduler = scheduler(policy)) {
                ScheduledTask task = scheduler.schedulePeriodically(Duration.ofMillis(1), badToString);
                for (int slot = 0; slot < 5; slot++) {
                    clock.advance(slot == 0 ? Duration.ZERO : Duration.ofMillis(1));
                    assertEquals(1, queue.size(), policy + ": slot " + slot + " handed over");
                    Runnable run = queue.poll();
                    try {
                        run.run();
                    } catch (Throwable escaped) { // as a ThreadPoolExecutor's worker would: it dies, the pool goes on
                        assertTrue(escaped instanceof OutOfMemoryError || escaped instanceof IllegalStateException,
                                escaped.toString());
                    }
                }
                assertEquals(5, runs.get(), policy.name());
                assertEquals(5, task.failureCount(), policy.name());
                assertEquals(0, task.skippedTicks(), policy + ": no slot found a run still marked in flight");
                assertFalse(task.isCancelled(), policy.name());
            }
            queue.clear();
        }
    }

    @Test
    void aRejectedRunDoesNotLeaveTheTaskMarkedInFlight() {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger refusals = new AtomicInteger(2);
        Executor refusingTwice = command -> {
            if (refusals.getAndDecrement() > 0) {
                throw new RejectedExecutionException("test: full");
            }
            command.run();
        };
        try (TimeScheduler scheduler = TimeScheduler.standalone(clock,
                TimeSchedulerSettings.defaults().withExecutor(refusingTwice))) {
            ScheduledTask task = scheduler.schedulePeriodically(Duration.ofMillis(1), runs::incrementAndGet);
            clock.advance(Duration.ofMillis(4)); // slots 0..4: 0 and 1 refused, 2..4 run
            assertEquals(2, task.failureCount());
            assertEquals(3, runs.get());
            assertEquals(5, task.runCount());
            assertEquals(0, task.skippedTicks());
        }
    }

    @Test
    void aMessageDeliveryIsToldFromTheTimerThreadAlsoWhenTasksGoToAnExecutor() {
        AtomicInteger told = new AtomicInteger();
        try (TimeScheduler scheduler = scheduler(MissedTickPolicy.SKIP)) {
            ScheduledTask task = scheduler.schedulePeriodically(Duration.ofMillis(1),
                    Delivery.of("test-target", message -> told.incrementAndGet(), "tick"));
            clock.advance(Duration.ofMillis(4));
            assertTrue(queue.isEmpty(), "nothing handed to the executor");
            assertEquals(5, told.get(), "slots 0..4, each told at its instant");
            assertEquals(5, task.runCount());
        }
    }
}
