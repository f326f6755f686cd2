package io.obstime.bench.jitter;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@link ScheduledThreadPoolExecutor} (one thread) with
 * {@link ScheduledThreadPoolExecutor#scheduleAtFixedRate}: parks with {@code LockSupport.parkNanos} (inherited timer
 * slack, 50 µs by default), deadlines on {@link System#nanoTime()}, catches up after a stall.
 */
final class ScheduledExecutorContender extends JavaContender {

    private static final String THREAD_NAME = "bench-stpe";
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    @Override
    public String name() {
        return "jdk-scheduled-executor";
    }

    @Override
    public String description() {
        return "java.util.concurrent.ScheduledThreadPoolExecutor(1).scheduleAtFixedRate, task on its pool thread";
    }

    @Override
    boolean isTimerThread(String threadName) {
        return threadName.equals(THREAD_NAME);
    }

    @Override
    Running start(LatenessRecorder recorder, long periodNanos) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> new Thread(task, THREAD_NAME));
        // Once with a no-op first: the first call loads classes, which would otherwise pass between our reading of
        // the clock and the executor's, and shift its deadlines after ours.
        executor.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.HOURS).cancel(false);
        Runnable task = () -> recorder.onTick(System.nanoTime());
        long firstDeadlineNanos = System.nanoTime() + START_DELAY_NANOS;
        recorder.start(firstDeadlineNanos);
        // The executor adds the delay to its own (later) nanoTime reading: it never fires before firstDeadlineNanos.
        ScheduledFuture<?> future = executor.scheduleAtFixedRate(task, firstDeadlineNanos - System.nanoTime(),
                periodNanos, TimeUnit.NANOSECONDS);
        return () -> {
            future.cancel(false);
            shutdown(executor, THREAD_NAME);
        };
    }
}
