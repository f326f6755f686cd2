package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.ThreadTimerSlack;
import io.obstime.clock.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The standalone scheduler on its real timer thread. These tests wait for completion with generous timeouts and
 * assert counts, order and "never early", never durations.
 */
class TimerThreadTest {

    private static final long MS = 1_000_000L;
    private static final long WAIT_SECONDS = 10;

    private final List<TimeScheduler> schedulers = new ArrayList<>();

    private TimeScheduler scheduler(TimeSource source, TimeSchedulerSettings settings) {
        TimeScheduler s = TimeScheduler.standalone(source, settings);
        schedulers.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        schedulers.forEach(TimeScheduler::close);
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS), "timed out waiting for " + what);
    }

    @Test
    void onceTaskRunsOnTheNamedDaemonTimerThreadNeverBeforeItsDeadline() throws Exception {
        TimeSource clock = TimeSource.system();
        TimeScheduler s = scheduler(clock, TimeSchedulerSettings.defaults().withTimerThreadName("test-timer"));
        long deadline = clock.taiNanos() + 20 * MS;
        AtomicLong ranAt = new AtomicLong();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        ScheduledTask task = s.scheduleOnceAtTaiNanos(deadline, () -> {
            ranAt.set(clock.taiNanos());
            ranOn.set(Thread.currentThread());
            done.countDown();
        });
        await(done, "the once task");
        assertTrue(ranAt.get() >= deadline, "ran " + (deadline - ranAt.get()) + " ns early");
        assertEquals("test-timer", ranOn.get().getName());
        assertTrue(ranOn.get().isDaemon());
        assertEquals(1, task.runCount());
    }

    @Test
    void periodicTaskRunsEachSlotNoEarlierThanItsTaiInstantWhenParking() throws Exception {
        assertPeriodicRunsNeverEarly(TimeSchedulerSettings.defaults());
    }

    @Test
    void periodicTaskRunsEachSlotNoEarlierThanItsTaiInstantWhenSpinning() throws Exception {
        assertPeriodicRunsNeverEarly(TimeSchedulerSettings.defaults().withSpinMarginNanos(200_000));
    }

    private void assertPeriodicRunsNeverEarly(TimeSchedulerSettings settings) throws Exception {
        TimeSource clock = TimeSource.system();
        TimeScheduler s = scheduler(clock, settings);
        int runs = 100;
        long start = clock.taiNanos() + 5 * MS;
        long[] ranAt = new long[runs];
        AtomicInteger n = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<ScheduledTask> self = new AtomicReference<>();
        self.set(s.schedulePeriodicallyAtTaiNanos(start, MS, () -> {
            int i = n.getAndIncrement();
            ranAt[i] = clock.taiNanos();
            if (i == runs - 1) {
                self.get().cancel();
                done.countDown();
            }
        }));
        await(done, runs + " periodic runs");
        ScheduledTask task = self.get();
        for (int i = 0; i < runs; i++) {
            // Run i stands for slot i or (after skips) a later one, so it is never before start + i·period.
            assertTrue(ranAt[i] >= start + i * MS, "run " + i + " early by " + (start + i * MS - ranAt[i]) + " ns");
        }
        assertEquals(runs, task.runCount());
        assertTrue(task.isCancelled());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void timerThreadHasTheRequestedTimerSlack() throws Exception {
        long before = ThreadTimerSlack.currentThreadNanos(); // what the timer thread starts with (50 µs by default)
        assertTrue(before > 0, "this thread's slack must be readable on Linux, was " + before);
        assertNotEquals(1L, before, "the test needs a thread whose slack is not already 1 ns");
        TimeScheduler s = scheduler(TimeSource.system(), TimeSchedulerSettings.defaults().withTimerSlackNanos(1));
        AtomicLong slack = new AtomicLong(Long.MIN_VALUE);
        CountDownLatch done = new CountDownLatch(1);
        s.scheduleOnceAtTaiNanos(Long.MIN_VALUE, () -> {
            slack.set(ThreadTimerSlack.currentThreadNanos());
            done.countDown();
        });
        await(done, "the probe task");
        assertEquals(1, slack.get(), "timer thread slack after the scheduler set it");
        assertEquals(before, ThreadTimerSlack.currentThreadNanos(), "the calling thread's slack is untouched");
    }

    @Test
    void clockStepForwardIsNoticedAfterAParkAndTheTaskRunsAtTheStep() throws Exception {
        SteppableTimeSource clock = new SteppableTimeSource();
        TimeScheduler s = scheduler(clock, TimeSchedulerSettings.defaults().withMaxParkNanos(MS));
        long deadline = clock.taiNanos() + 3_600_000 * MS; // an hour ahead: the thread parks in 1 ms chunks
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong ranAt = new AtomicLong();
        s.scheduleOnceAtTaiNanos(deadline, () -> {
            ranAt.set(clock.taiNanos());
            done.countDown();
        });
        clock.step(3_600_000 * MS);
        await(done, "the task after the step");
        assertTrue(ranAt.get() >= deadline);
    }

    /**
     * TAI stepped back 1 s while the timer thread spins towards a deadline: the spin must end after about the spin
     * margin of monotonic time, not after the second TAI needs to get back. Deterministic: one fake counter stands
     * for both clocks and moves 1 µs at every reading, so the spin's length is counted in readings.
     */
    @Test
    void aSpinIsBoundedByMonotonicTimeWhenTaiIsSteppedBackDuringIt() throws Exception {
        long us = 1_000L;
        AtomicLong fakeNanos = new AtomicLong();
        long startTaiNanos = TimeSource.system().taiNanos();
        SteppableTimeSource clock = new SteppableTimeSource(() -> startTaiNanos + fakeNanos.addAndGet(us));
        StandaloneTimeScheduler s = StandaloneTimeScheduler.start(clock,
                TimeSchedulerSettings.defaults().withSpinMarginNanos(MS), () -> fakeNanos.addAndGet(us));
        schedulers.add(s);
        long deadline = clock.taiNanos() + 500 * us; // within the spin margin: the thread spins at once
        clock.stepWhenReaching(deadline - 200 * us, -1_000 * MS);
        s.scheduleOnceAtTaiNanos(deadline, () -> { });
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!(clock.stepped() && s.timerThread().getState() == Thread.State.TIMED_WAITING)
                && System.nanoTime() < giveUp) {
            Thread.onSpinWait(); // until the timer thread has stopped spinning and parks; no duration is asserted
        }
        assertTrue(clock.stepped(), "the spin reached the step");
        // 500 µs at 1 µs or more per reading is at most ~500 iterations; unbounded, the spin would read TAI a million
        // times (the 1 s step) before the deadline came round again.
        long iterations = s.spinIterations();
        assertTrue(iterations < 2_000, "spun " + iterations + " iterations after a 1 s step back within a 1 ms margin");
    }

    @Test
    void clockStepBackMakesTheTimerThreadWaitForTheTaiInstant() throws Exception {
        SteppableTimeSource clock = new SteppableTimeSource();
        TimeScheduler s = scheduler(clock, TimeSchedulerSettings.defaults().withMaxParkNanos(MS));
        long deadline = clock.taiNanos() + 50 * MS;
        clock.step(-3_600_000 * MS);
        AtomicBoolean ran = new AtomicBoolean();
        s.scheduleOnceAtTaiNanos(deadline, () -> ran.set(true));
        CountDownLatch probe = new CountDownLatch(1);
        s.scheduleOnceAtTaiNanos(clock.taiNanos() + 100 * MS, probe::countDown); // due in 100 ms of stepped time
        await(probe, "the probe");
        assertFalse(ran.get(), "a task an hour ahead of the stepped-back clock must not run");
        clock.step(3_600_000 * MS);
        CountDownLatch after = new CountDownLatch(1);
        s.scheduleOnceAtTaiNanos(deadline, after::countDown);
        await(after, "the task once TAI reached it again");
        assertTrue(ran.get());
    }

    /**
     * A schedule later than the timer thread's own next wake, and every cancel, is taken in at that wake: the producer
     * does not unpark the thread for it. (Before, each schedule 1 h ahead onto an empty heap unparked it: one futex
     * wake and one turn per schedule, most of the cost of a schedule + cancel.) Storms still wake it every 1024 new
     * tasks, and the cancelled entries are out of the heap by the next task's run. Counts are asserted, no duration.
     */
    @Test
    void farDeadlinesAndCancelsDoNotWakeTheTimerThreadButStormsDo() throws Exception {
        TimeSource clock = TimeSource.system();
        StandaloneTimeScheduler s = (StandaloneTimeScheduler) scheduler(clock,
                TimeSchedulerSettings.defaults().withMaxParkNanos(60_000 * MS)); // no wake of its own meanwhile
        long farAhead = clock.taiNanos() + 3_600_000 * MS;
        long turnsBefore = s.turns();
        for (int i = 0; i < 1000; i++) {
            s.scheduleOnceAtTaiNanos(farAhead + i, () -> { }).cancel();
        }
        long quietTurns = s.turns() - turnsBefore;
        assertTrue(quietTurns <= 2, quietTurns + " turns for 1000 schedules 1 h ahead, each cancelled");

        long stormBefore = s.turns();
        List<ScheduledTask> pending = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            pending.add(s.scheduleOnceAtTaiNanos(farAhead + i, () -> { }));
        }
        CountDownLatch probed = new CountDownLatch(1);
        int[] heapSizeSeenByProbe = {-1};
        s.scheduleOnceAtTaiNanos(clock.taiNanos() + 20 * MS, () -> { // earlier than the wake: unparks the thread
            heapSizeSeenByProbe[0] = s.core().size(); // on the owner thread, after it drained both stacks
            probed.countDown();
        });
        await(probed, "the probe 20 ms ahead");
        long stormTurns = s.turns() - stormBefore;
        assertTrue(stormTurns >= 3, "3000 new tasks and a near one woke the timer thread only " + stormTurns
                + " times; a wake every 1024 new tasks was expected");
        assertEquals(3000, heapSizeSeenByProbe[0], "the heap held other than the 3000 pending tasks (the 1000 "
                + "cancelled ones not removed?)");
        for (ScheduledTask t : pending) {
            assertTrue(t.cancel());
        }
    }

    /**
     * A task that catches InterruptedException and restores the flag, as the usual idiom says, on the timer thread:
     * parkNanos would return at once for good (a core at 100 %) and every later task's waits would throw.
     */
    @Test
    void anInterruptFlagLeftByATaskIsClearedBeforeTheNextTaskAndTheTimerThreadDoesNotSpin() throws Exception {
        TimeSource clock = TimeSource.system();
        StandaloneTimeScheduler s = (StandaloneTimeScheduler) scheduler(clock, TimeSchedulerSettings.defaults());
        long at = clock.taiNanos() + 20 * MS;
        AtomicBoolean nextSawInterrupt = new AtomicBoolean(true);
        AtomicBoolean probeSawInterrupt = new AtomicBoolean(true);
        long[] turnsAt = new long[2];
        CountDownLatch done = new CountDownLatch(1);
        s.scheduleOnceAtTaiNanos(at, () -> Thread.currentThread().interrupt()); // as a restoring catch block does
        s.scheduleOnceAtTaiNanos(at, () -> { // same deadline, scheduled later: runs next, in the same pass
            nextSawInterrupt.set(Thread.currentThread().isInterrupted());
            turnsAt[0] = s.turns();
        });
        s.scheduleOnceAtTaiNanos(at + 50 * MS, () -> {
            probeSawInterrupt.set(Thread.currentThread().isInterrupted());
            turnsAt[1] = s.turns();
            done.countDown();
        });
        await(done, "the probe 50 ms later");
        // Parking to a deadline 50 ms ahead takes a handful of turns; a set flag makes every park return at once,
        // thousands of turns in 50 ms. A count, not a duration, is asserted.
        long turns = turnsAt[1] - turnsAt[0];
        assertTrue(turns < 100, "the timer thread busy-looped: " + turns + " turns while waiting 50 ms");
        assertFalse(nextSawInterrupt.get(), "the next task on the timer thread saw the interrupt flag set");
        assertFalse(probeSawInterrupt.get(), "a later task saw the interrupt flag set");
    }

    @Test
    void anInterruptFromOutsideIsClearedAndNeitherSpinsTheTimerThreadNorStopsIt() throws Exception {
        TimeSource clock = TimeSource.system();
        StandaloneTimeScheduler s = (StandaloneTimeScheduler) scheduler(clock, TimeSchedulerSettings.defaults());
        long at = clock.taiNanos() + 20 * MS;
        long[] turnsAt = new long[2];
        AtomicBoolean probeSawInterrupt = new AtomicBoolean(true);
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        s.scheduleOnceAtTaiNanos(at, () -> {
            turnsAt[0] = s.turns();
            first.countDown();
        });
        s.scheduleOnceAtTaiNanos(at + 100 * MS, () -> {
            probeSawInterrupt.set(Thread.currentThread().isInterrupted());
            turnsAt[1] = s.turns();
            second.countDown();
        });
        await(first, "the first task");
        s.timerThread().interrupt(); // e.g. a container's shutdown code interrupting every thread
        await(second, "the task after the interrupt");
        long turns = turnsAt[1] - turnsAt[0];
        assertTrue(turns < 100, "the timer thread busy-looped: " + turns + " turns while waiting 100 ms");
        assertFalse(probeSawInterrupt.get(), "the task saw the interrupt flag set");
        s.close(); // close wakes the thread with unpark and a flag, never an interrupt
        s.timerThread().join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(s.timerThread().isAlive(), "the timer thread ended on close");
    }

    @Test
    void taskScheduledFromInsideAnInlineTaskRunsOnTheTimerThread() throws Exception {
        TimeScheduler s = scheduler(TimeSource.system(), TimeSchedulerSettings.defaults());
        CountDownLatch inner = new CountDownLatch(1);
        AtomicReference<Thread> outerThread = new AtomicReference<>();
        AtomicReference<Thread> innerThread = new AtomicReference<>();
        s.scheduleOnceAtTaiNanos(Long.MIN_VALUE, () -> {
            outerThread.set(Thread.currentThread());
            s.scheduleOnceAtTaiNanos(s.timeSource().taiNanos(), () -> {
                innerThread.set(Thread.currentThread());
                inner.countDown();
            });
        });
        await(inner, "the task scheduled from inside a task");
        assertEquals(outerThread.get(), innerThread.get());
    }

    @Test
    void manyThreadsSchedulingAndCancellingAtOnceLoseNothingAndRunNothingTwice() throws Exception {
        TimeSource clock = TimeSource.system();
        TimeScheduler s = scheduler(clock, TimeSchedulerSettings.defaults());
        int threads = 8;
        int perThread = 5_000;
        long base = clock.taiNanos() + 20 * MS;
        ScheduledTask[][] tasks = new ScheduledTask[threads][perThread];
        boolean[][] cancelled = new boolean[threads][perThread];
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < perThread; i++) {
                    tasks[id][i] = s.scheduleOnceAtTaiNanos(base + random.nextLong(30 * MS), runs::incrementAndGet);
                    if (i % 2 == 1) {
                        int victim = random.nextInt(i + 1);
                        if (tasks[id][victim].cancel()) {
                            cancelled[id][victim] = true;
                        }
                    }
                }
            });
            workers.add(w);
            w.start();
        }
        go.countDown();
        for (Thread w : workers) {
            w.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertFalse(w.isAlive());
        }
        AtomicInteger heapSizeAfter = new AtomicInteger(-1);
        CountDownLatch sentinel = new CountDownLatch(1);
        s.scheduleOnceAtTaiNanos(base + 30 * MS, () -> {
            heapSizeAfter.set(SimulatedSchedulerTest.core(s).size()); // read on the owner thread
            sentinel.countDown();
        });
        await(sentinel, "the sentinel after every task's deadline");

        int expectedRuns = 0;
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                ScheduledTask task = tasks[t][i];
                assertEquals(cancelled[t][i], task.isCancelled());
                assertEquals(cancelled[t][i] ? 0 : 1, task.runCount(), "task " + t + "/" + i);
                if (!cancelled[t][i]) {
                    expectedRuns++;
                }
            }
        }
        assertEquals(expectedRuns, runs.get());
        assertTrue(expectedRuns < threads * perThread, "some cancels won");
        assertEquals(0, heapSizeAfter.get());
    }

    @Test
    void aMillionScheduleThenCancelCyclesOnTheTimerThreadLeaveTheHeapFlat() throws Exception {
        TimeSource clock = TimeSource.system();
        TimeScheduler s = scheduler(clock, TimeSchedulerSettings.defaults());
        long far = clock.taiNanos() + 3_600_000 * MS;
        Runnable nothing = () -> { };
        List<java.lang.ref.WeakReference<Object>> samples = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            ScheduledTask t = s.scheduleOnceAtTaiNanos(far + i, nothing);
            assertTrue(t.cancel());
            if (i % 100_000 == 0 || i == 999_999) {
                samples.add(new java.lang.ref.WeakReference<>(t));
            }
        }
        int[] seen = new int[3];
        CountDownLatch done = new CountDownLatch(1);
        s.scheduleOnceAtTaiNanos(Long.MIN_VALUE, () -> {
            TimerCore core = SimulatedSchedulerTest.core(s);
            seen[0] = core.size();
            seen[1] = core.retainedSlots();
            seen[2] = core.capacity();
            done.countDown();
        });
        await(done, "the inspection task");
        assertEquals(0, seen[0], "heap size");
        assertEquals(0, seen[1], "non-null heap slots");
        assertTrue(seen[2] <= 4096, "heap capacity stays bounded, was " + seen[2]);
        SimulatedSchedulerTest.assertNothingRetains(samples);
    }

    @Test
    void closeWaitsForTheRunningInlineTaskAndNothingRunsAfterItReturns() throws Exception {
        TimeScheduler s = scheduler(TimeSource.system(), TimeSchedulerSettings.defaults());
        CountDownLatch inTask = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean taskFinished = new AtomicBoolean();
        AtomicInteger periodicRuns = new AtomicInteger();
        s.schedulePeriodically(Duration.ofMillis(1), periodicRuns::incrementAndGet);
        s.scheduleOnceAtTaiNanos(Long.MIN_VALUE, () -> {
            inTask.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            taskFinished.set(true);
        });
        await(inTask, "the blocking task");
        AtomicBoolean finishedBeforeCloseReturned = new AtomicBoolean();
        Thread closer = new Thread(() -> {
            s.close();
            finishedBeforeCloseReturned.set(taskFinished.get());
        });
        closer.start();
        while (closer.getState() != Thread.State.WAITING && closer.isAlive()) {
            Thread.onSpinWait(); // until close() is joining the timer thread
        }
        release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(closer.isAlive());
        assertTrue(finishedBeforeCloseReturned.get(), "close returned only after the running task finished");
        assertFalse(((StandaloneTimeScheduler) s).timerThread().isAlive(), "timer thread ended");
        int runsAtClose = periodicRuns.get();
        assertThrows(IllegalStateException.class, () -> s.schedulePeriodically(Duration.ofMillis(1), () -> { }));
        s.close(); // idempotent
        assertEquals(runsAtClose, periodicRuns.get(), "no thread is left to run anything");
    }

    @Test
    void closeFromInsideAnInlineTaskReturnsAndEndsTheTimerThread() throws Exception {
        TimeScheduler s = scheduler(TimeSource.system(), TimeSchedulerSettings.defaults());
        CountDownLatch closed = new CountDownLatch(1);
        AtomicBoolean laterRan = new AtomicBoolean();
        long at = s.timeSource().taiNanos() + 50 * MS; // both scheduled before either is due
        s.scheduleOnceAtTaiNanos(at, () -> {
            s.close();
            closed.countDown();
        });
        s.scheduleOnceAtTaiNanos(at, () -> laterRan.set(true));
        await(closed, "close from inside the task");
        Thread timer = ((StandaloneTimeScheduler) s).timerThread();
        timer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(timer.isAlive());
        assertFalse(laterRan.get(), "nothing starts after close");
    }

    @Test
    void executorRunsTheTasksAndTheirFailuresAreCountedThere() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-pool"));
        try {
            TimeScheduler s = scheduler(TimeSource.system(), TimeSchedulerSettings.defaults().withExecutor(pool));
            AtomicReference<String> ranOn = new AtomicReference<>();
            AtomicInteger executed = new AtomicInteger();
            CountDownLatch runs = new CountDownLatch(5);
            ScheduledTask task = s.schedulePeriodically(Duration.ofMillis(1), () -> {
                ranOn.set(Thread.currentThread().getName());
                executed.incrementAndGet();
                runs.countDown();
                throw new IllegalStateException("executor task failure (expected by the test)");
            });
            await(runs, "five runs on the executor");
            s.close(); // the timer thread has ended: nothing more is handed over
            pool.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS); // all handed-over runs finished
            assertEquals("test-pool", ranOn.get());
            assertEquals(executed.get(), task.failureCount(), "every run that executed threw and was counted");
            assertTrue(task.runCount() >= executed.get());
            assertFalse(pool.isShutdown(), "the scheduler does not own the executor");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void executorThatRejectsCountsAFailureAndTheCancelPolicyStopsTheTask() throws Exception {
        AtomicInteger offered = new AtomicInteger();
        TimeScheduler s = scheduler(TimeSource.system(), TimeSchedulerSettings.defaults()
                .withTaskFailurePolicy(TaskFailurePolicy.CANCEL)
                .withExecutor(r -> {
                    offered.incrementAndGet();
                    throw new java.util.concurrent.RejectedExecutionException("full (expected by the test)");
                }));
        ScheduledTask task = s.schedulePeriodically(Duration.ofMillis(1), () -> { });
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!task.isCancelled() && System.nanoTime() < giveUp) {
            Thread.onSpinWait(); // waiting for completion, not timing anything
        }
        assertTrue(task.isCancelled());
        assertEquals(1, task.failureCount());
        assertEquals(1, offered.get());
    }

    @Test
    void aSlowPeriodicTaskNeverOverlapsItselfOnAMultiThreadedExecutorAndItsMissedSlotsAreSkipped() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            TimeScheduler s = scheduler(TimeSource.system(), TimeSchedulerSettings.defaults().withExecutor(pool));
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger maxInside = new AtomicInteger();
            CountDownLatch runs = new CountDownLatch(20);
            ScheduledTask task = s.schedulePeriodically(Duration.ofMillis(1), () -> {
                maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                sleepMillis(3); // slower than the period: at least two slots fall due during each run
                inside.decrementAndGet();
                runs.countDown();
            });
            await(runs, "twenty runs");
            s.close();
            assertEquals(1, maxInside.get(), "runs of one task overlapped");
            assertTrue(task.skippedTicks() > 0, "slots due while a run was in flight are skipped and counted");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSlowPeriodicTaskNeverQueuesASecondRunOnASingleThreadExecutor() throws Exception {
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
                TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>());
        try {
            for (MissedTickPolicy policy : MissedTickPolicy.values()) {
                TimeScheduler s = scheduler(TimeSource.system(),
                        TimeSchedulerSettings.defaults().withExecutor(pool).withMissedTickPolicy(policy));
                AtomicInteger maxQueued = new AtomicInteger();
                CountDownLatch runs = new CountDownLatch(20);
                s.schedulePeriodically(Duration.ofMillis(1), () -> {
                    maxQueued.accumulateAndGet(pool.getQueue().size(), Math::max);
                    sleepMillis(2);
                    runs.countDown();
                });
                await(runs, "twenty runs under " + policy);
                s.close();
                pool.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS); // the last handed-over run finished
                assertEquals(0, maxQueued.get(), policy + ": a run was queued behind the one in flight");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tasksScheduledAtTheEndOfALongInlineRunAreAnchoredAtAFreshClockReading() throws Exception {
        SteppableTimeSource clock = new SteppableTimeSource();
        TimeScheduler s = scheduler(clock, TimeSchedulerSettings.defaults());
        long second = 1_000_000_000L;
        AtomicReference<ScheduledTask> startingNow = new AtomicReference<>();
        AtomicReference<ScheduledTask> startingInThePast = new AtomicReference<>();
        CountDownLatch scheduled = new CountDownLatch(1);
        s.scheduleOnceAtTaiNanos(clock.taiNanos() + 10 * MS, () -> {
            clock.step(50 * second); // as if this run had taken 50 s
            long now = clock.taiNanos();
            startingNow.set(s.schedulePeriodically(Duration.ofSeconds(1), () -> { }));
            startingInThePast.set(s.schedulePeriodicallyAtTaiNanos(now - 10 * second - 500 * MS, second, () -> { }));
            scheduled.countDown();
        });
        await(scheduled, "the long run");
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while ((startingNow.get().runCount() == 0 || startingInThePast.get().runCount() == 0)
                && System.nanoTime() < giveUp) {
            Thread.sleep(1); // waiting for the first runs, not timing anything
        }
        assertTrue(startingNow.get().runCount() >= 1, "first run now");
        assertEquals(0, startingNow.get().skippedTicks(), "a task created now has no past slots to skip");
        assertTrue(startingInThePast.get().runCount() >= 1, "first run at the first slot after take-in");
        assertEquals(0, startingInThePast.get().skippedTicks(), "slots before take-in are not counted as skipped");
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
