package io.obstime.bench.jitter;

import io.obstime.clock.TimeSource;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.TimeSchedulerSettings;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * obstime's standalone scheduler on {@link TimeSource#system()}: a fixed-rate task at TAI deadlines, run inline on
 * the timer thread or handed to a single-threaded executor, with or without spinning the last
 * {@code spinMarginNanos} before each deadline. Everything else is the shipped default (timer slack 1 ns on the timer
 * thread, missed ticks skipped). Lateness is measured in TAI, the scheduler's own scale.
 */
final class ObstimeContender extends JavaContender {

    private static final String TIMER_THREAD_NAME = "bench-obstime-timer";
    private static final String EXECUTOR_THREAD_NAME = "bench-obstime-executor";
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final long spinMarginNanos;
    private final boolean onExecutor;
    private final boolean fifo;
    private final TimeSource timeSource = TimeSource.system();

    ObstimeContender(long spinMarginNanos, boolean onExecutor) {
        this(spinMarginNanos, onExecutor, false);
    }

    /**
     * @param fifo timer thread under SCHED_FIFO at {@link ObstimeRealtimeAdapter#FIFO_PRIORITY} (inline parking only:
     *             spinning under SCHED_FIFO can starve the CPU)
     */
    ObstimeContender(long spinMarginNanos, boolean onExecutor, boolean fifo) {
        if (fifo && (spinMarginNanos != 0 || onExecutor)) {
            throw new IllegalArgumentException("SCHED_FIFO is benchmarked inline and parking only");
        }
        this.spinMarginNanos = spinMarginNanos;
        this.onExecutor = onExecutor;
        this.fifo = fifo;
    }

    @Override
    public String name() {
        return "obstime-" + (onExecutor ? "executor" : "inline") + "-"
                + (spinMarginNanos == 0 ? "park" : "spin" + spinMarginNanos / 1000 + "us") + (fifo ? "-fifo" : "");
    }

    @Override
    public String description() {
        return "obstime TimeScheduler.standalone(TimeSource.system()), schedulePeriodicallyAtTaiNanos, task "
                + (onExecutor ? "on a single-thread executor" : "inline on the timer thread") + ", "
                + (spinMarginNanos == 0 ? "parks to each deadline (no spinning)"
                        : "parks to " + spinMarginNanos / 1000 + " µs before each deadline, then spins")
                + ", timer slack " + TimeSchedulerSettings.DEFAULT_TIMER_SLACK_NANOS + " ns"
                + (fifo ? ", timer thread SCHED_FIFO priority " + ObstimeRealtimeAdapter.FIFO_PRIORITY
                        + " (the scheduler's own setting)" : "");
    }

    @Override
    public String unavailableReason() {
        if (fifo && !"0".equals(ProcSched.uid())) {
            return "SCHED_FIFO needs root or CAP_SYS_NICE; this benchmark runs it as root only";
        }
        return null;
    }

    @Override
    String runThreadRole() {
        return onExecutor ? "executor thread (runs the task; not the timer thread)" : super.runThreadRole();
    }

    @Override
    LongSupplier clock() {
        return timeSource::taiNanos;
    }

    @Override
    String clockName() {
        return "TAI (TimeSource.system().taiNanos())";
    }

    @Override
    boolean isTimerThread(String threadName) {
        return threadName.equals(TIMER_THREAD_NAME);
    }

    @Override
    Running start(LatenessRecorder recorder, long periodNanos) throws Exception {
        TimeSchedulerSettings settings = TimeSchedulerSettings.defaults()
                .withSpinMarginNanos(spinMarginNanos)
                .withTimerThreadName(TIMER_THREAD_NAME);
        ExecutorService executor = null;
        if (fifo) {
            settings = ObstimeRealtimeAdapter.configure(settings, ObstimeRealtimeAdapter.FIFO_PRIORITY);
        }
        if (onExecutor) {
            executor = Executors.newSingleThreadExecutor(task -> new Thread(task, EXECUTOR_THREAD_NAME));
            settings = settings.withExecutor(executor);
        }
        TimeScheduler scheduler = TimeScheduler.standalone(timeSource, settings);
        TimeSource source = timeSource;
        long startTaiNanos = source.taiNanos() + START_DELAY_NANOS;
        recorder.start(startTaiNanos);
        ScheduledTask task =
                scheduler.schedulePeriodicallyAtTaiNanos(startTaiNanos, periodNanos, () -> recorder.onTick(source.taiNanos()));
        ExecutorService ownedExecutor = executor;
        if (fifo) {
            // The first run (20 ms from now, in the warm-up) tells the timer thread's kernel id.
            long waitStart = System.nanoTime();
            while (recorder.firstRunTid() < 0 && System.nanoTime() - waitStart < TimeUnit.SECONDS.toNanos(2)) {
                Thread.sleep(1);
            }
            try {
                ObstimeRealtimeAdapter.check(recorder.firstRunTid());
            } catch (Exception | Error e) {
                task.cancel();
                scheduler.close();
                throw e;
            }
        }
        return new Running() {
            @Override
            public void close() throws InterruptedException {
                task.cancel();
                scheduler.close();
                if (ownedExecutor != null) {
                    shutdown(ownedExecutor, EXECUTOR_THREAD_NAME);
                }
            }

            @Override
            public String note() {
                return "scheduler's own counters: runCount=" + task.runCount() + ", skippedTicks="
                        + task.skippedTicks() + ", failureCount=" + task.failureCount();
            }
        };
    }
}
