package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.scheduler.actor.ActorTimers;
import io.obstime.scheduler.actor.Delivery;
import io.obstime.scheduler.actor.RecordingScheduler;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The real timer thread at 1 kHz on the system clock: steady-state ticks allocate nothing on that thread, inline, on
 * an executor (whose own queue node, if it has one, is the executor's: a {@code ThreadPoolExecutor} with a
 * {@code LinkedBlockingQueue} allocates about 24 bytes per hand-over, an Akka or Pekko dispatcher its task wrapper),
 * and when delivering a message (where only the runtime's own {@code tell} allocates, its mailbox envelope).
 */
class TimerThreadAllocationTest {

    @Test
    void timerThreadAllocatesNothingPerTickInSteadyState() throws Exception {
        assertNoPerTickAllocation(TimeSchedulerSettings.defaults(), TimeScheduler::schedulePeriodically);
    }

    @Test
    void spinningTimerThreadAllocatesNothingPerTickInSteadyState() throws Exception {
        assertNoPerTickAllocation(TimeSchedulerSettings.defaults().withSpinMarginNanos(100_000),
                TimeScheduler::schedulePeriodically);
    }

    @Test
    void timerThreadAllocatesNothingPerTickWhenHandingRunsToAnExecutor() throws Exception {
        for (MissedTickPolicy policy : MissedTickPolicy.values()) {
            try (HandOffExecutor executor = new HandOffExecutor()) {
                ScheduledTask task = assertNoPerTickAllocation(TimeSchedulerSettings.defaults().withExecutor(executor)
                        .withMissedTickPolicy(policy), TimeScheduler::schedulePeriodically);
                assertEquals(0, task.failureCount(), policy + ": the hand-off executor never refuses");
                assertTrue(executor.ran.get() > 0, policy + ": runs went through the executor");
            }
        }
    }

    @Test
    void timerThreadAllocatesNothingPerTickWhenDeliveringAMessageApartFromTheRuntimesTell() throws Exception {
        try (HandOffExecutor executor = new HandOffExecutor()) {
            AtomicReference<Thread> toldOn = new AtomicReference<>();
            ScheduledTask task = assertNoPerTickAllocation(TimeSchedulerSettings.defaults().withExecutor(executor),
                    (s, period, tick) -> s.schedulePeriodically(period, Delivery.of("test-target", message -> {
                        toldOn.set(Thread.currentThread());
                        tick.run();
                    }, "tick")));
            assertEquals(0, executor.ran.get(), "deliveries are told from the timer thread, not handed over");
            assertTrue(toldOn.get().getName().startsWith("obstime-timer"), toldOn.get().getName());
        }
    }

    @Test
    void aTickMessageDeliveryAllocatesOnlyTheUsersMessagePerTick() throws Exception {
        long messageBytes = bytesPerMessage();
        assertTrue(messageBytes >= 16, messageBytes + " bytes per message");
        AtomicReference<Object> lastMessage = new AtomicReference<>();
        Measured measured = measurePerTickAllocation(TimeSchedulerSettings.defaults(),
                (s, period, tick) -> s.schedulePeriodically(period, Delivery.from("test-target", message -> {
                    lastMessage.set(message); // escapes: the message cannot be scalar-replaced
                    tick.run();
                }, UsersMessage::new)));
        UsersMessage last = (UsersMessage) lastMessage.get();
        long nowTaiNanos = TimeSource.system().taiNanos();
        assertTrue(last.deadlines[0] <= nowTaiNanos && nowTaiNanos - last.deadlines[0] < 60_000_000_000L,
                "made from a recent slot's TAI deadline: " + last.deadlines[0]);
        long beyondTheMessages = measured.allocatedBytes - measured.messages * messageBytes;
        // The messages themselves, and at most a few stray objects from the JIT/clock layer besides.
        assertTrue(beyondTheMessages >= -messageBytes && beyondTheMessages < 4096, measured.allocatedBytes
                + " bytes over " + measured.messages + " messages of " + messageBytes + " bytes");
    }

    /** The user's message in {@link #aTickMessageDeliveryAllocatesOnlyTheUsersMessagePerTick}: 8 longs. */
    private static final class UsersMessage {
        final long[] deadlines = new long[8];

        UsersMessage(long taiDeadlineNanos) {
            deadlines[0] = taiDeadlineNanos;
        }
    }

    /** @return what one {@link UsersMessage} costs on this JVM (header sizes differ, e.g. with compact headers) */
    private static long bytesPerMessage() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Object[] keep = new Object[1000];
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < keep.length; i++) {
            keep[i] = new UsersMessage(i);
        }
        long after = threads.getCurrentThreadAllocatedBytes();
        assertEquals(999, ((UsersMessage) keep[999]).deadlines[0]);
        return (after - before) / keep.length;
    }

    @Test
    void anActorsOwnTaiTimerWithOneMessageAllocatesNothingPerTickApartFromTheRuntimesTell() throws Exception {
        assertNoPerTickAllocation(TimeSchedulerSettings.defaults(), (s, period, tick) -> {
            RecordingScheduler recording = new RecordingScheduler(s);
            ActorTimers<String> timers = new ActorTimers<>(recording, "test-actor", timerMessage -> tick.run());
            timers.startTimerAtFixedRate("k", TaiTime.now(s.timeSource()), period, "tick");
            return recording.tasks.get(0);
        });
    }

    /** How a test schedules the measuring tick at a period. */
    interface Schedule {
        ScheduledTask schedule(TimeScheduler scheduler, Duration period, Runnable tick);
    }

    static ScheduledTask assertNoPerTickAllocation(TimeSchedulerSettings settings, Schedule schedule)
            throws Exception {
        Measured measured = measurePerTickAllocation(settings, schedule);
        // One 16-byte object per tick would be 32 000 bytes; allow a few stray objects from the JIT/clock layer.
        assertTrue(measured.allocatedBytes < 4096, measured.allocatedBytes + " bytes over " + measured.slots
                + " slots");
        return measured.task;
    }

    /** What the timer thread allocated over {@code messages} runs of the tick (which cover {@code slots} slots). */
    private record Measured(ScheduledTask task, long allocatedBytes, long messages, long slots) {
    }

    private static Measured measurePerTickAllocation(TimeSchedulerSettings settings, Schedule schedule)
            throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (TimeScheduler s = TimeScheduler.standalone(TimeSource.system(), settings)) {
            long timerThreadId = ((StandaloneTimeScheduler) s).timerThread().getId();
            AtomicLong ticks = new AtomicLong();
            long warmUpTicks = 3000;
            long measuredTicks = 2000;
            CountDownLatch warm = new CountDownLatch(1);
            CountDownLatch measured = new CountDownLatch(1);
            long[] allocatedAt = new long[2];
            long[] handledAt = new long[2];
            ScheduledTask[] task = new ScheduledTask[1];
            task[0] = schedule.schedule(s, Duration.ofMillis(1), () -> {
                long n = ticks.incrementAndGet();
                if (n == warmUpTicks) {
                    allocatedAt[0] = threads.getThreadAllocatedBytes(timerThreadId);
                    handledAt[0] = task[0].runCount() + task[0].skippedTicks();
                    warm.countDown();
                } else if (n == warmUpTicks + measuredTicks) {
                    allocatedAt[1] = threads.getThreadAllocatedBytes(timerThreadId);
                    handledAt[1] = task[0].runCount() + task[0].skippedTicks();
                    measured.countDown();
                }
            });
            assertTrue(warm.await(60, TimeUnit.SECONDS), "warm-up ticks");
            assertTrue(measured.await(60, TimeUnit.SECONDS), "measured ticks");
            return new Measured(task[0], allocatedAt[1] - allocatedAt[0], measuredTicks, handledAt[1] - handledAt[0]);
        }
    }

    /**
     * An executor that allocates nothing per hand-over: one slot and one worker thread. It refuses a second run while
     * one waits, which the scheduler never hands over (a task has at most one run in flight).
     */
    private static final class HandOffExecutor implements Executor, AutoCloseable {
        private final AtomicReference<Runnable> slot = new AtomicReference<>();
        private final AtomicLong ran = new AtomicLong();
        private volatile boolean stopped;
        private final Thread worker = new Thread(this::work, "test-hand-off");

        HandOffExecutor() {
            worker.setDaemon(true);
            worker.start();
        }

        @Override
        public void execute(Runnable command) {
            if (!slot.compareAndSet(null, command)) {
                throw new RejectedExecutionException("test hand-off executor: a run is already waiting");
            }
            LockSupport.unpark(worker);
        }

        private void work() {
            while (!stopped) {
                Runnable command = slot.getAndSet(null);
                if (command == null) {
                    LockSupport.park(this);
                } else {
                    ran.incrementAndGet();
                    command.run();
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            LockSupport.unpark(worker);
            worker.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
