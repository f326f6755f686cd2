package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.UtcTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
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
}
