package io.obstime.bench.jitter;

import io.obstime.bench.scale.ScaleTimer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Lateness at scale: N periodic tasks with the same period on one timer, their slots either staggered evenly over the
 * period (task {@code i} at offset {@code i·period/N}) or all on the same instant, measured with
 * {@link MultiTaskRecorder} (every run of every task against its own slot), with the timer thread's CPU time. One
 * timer per run, started and closed by it.
 */
public final class ScaleJitter {

    /** Time from now to the first slots: enough to schedule 1000 tasks on any of the timers. */
    private static final long START_AHEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private ScaleJitter() {
    }

    /**
     * One run's figures.
     *
     * @param timer the timer's label
     * @param tasks N
     * @param aligned all slots on the same instant (else staggered)
     * @param histogram lateness (ns) of every task's runs in the window, coordinated-omission corrected
     * @param deadlines slots in the window, all tasks
     * @param missed slots without a run of their own
     * @param early runs before their task's oldest unserved slot
     * @param timerCpuShare CPU time of the timer's own thread / wall time; NaN if not found
     * @param totalCpuShare CPU time of every thread the timer started / wall time
     * @param stealNanos the machine's steal time during the run; -1 unknown
     * @param runQueueWaitShare run-queue wait of the thread that ran the first task run (the timer thread, but for
     *                          Akka: a dispatcher thread) / wall time of the window; NaN unknown
     */
    public record Result(String timer, int tasks, boolean aligned, Histogram histogram, long deadlines, long missed,
            long early, double timerCpuShare, double totalCpuShare, long stealNanos, double runQueueWaitShare) {
    }

    /**
     * Runs {@code tasks} periodic tasks on a new timer of {@code kind}: {@code warmupTicks} periods of warm-up, then
     * {@code measuredTicks} measured.
     */
    public static Result run(ScaleTimer.Kind kind, int tasks, boolean aligned, long periodNanos, long warmupTicks,
            long measuredTicks) throws Exception {
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be >= 1, was " + tasks);
        }
        long stealBefore = ProcSched.stealNanos();
        Set<Long> before = ThreadUsage.liveThreadIds();
        Map<Long, ThreadUsage.Sample> first;
        Map<Long, ThreadUsage.Sample> last;
        long wallNanos;
        long runQueueWait;
        MultiTaskRecorder recorder;
        ScaleTimer timer = ScaleTimer.open(kind, true);
        try {
            LongSupplier clock = timer.clock();
            long base = clock.getAsLong() + START_AHEAD_NANOS;
            long[] firsts = new long[tasks];
            for (int i = 0; i < tasks; i++) {
                firsts[i] = base + (aligned ? 0 : i * periodNanos / tasks);
            }
            recorder = new MultiTaskRecorder(firsts, periodNanos, warmupTicks, measuredTicks);
            MultiTaskRecorder r = recorder;
            for (int i = 0; i < tasks; i++) {
                timer.startPeriodic(i, firsts[i], periodNanos, r::onTick);
            }
            JavaContender.sleepUntil(clock, base + warmupTicks * periodNanos);
            long wallStart = System.nanoTime();
            first = ThreadUsage.sampleNewThreads(before);
            long tid = recorder.firstRunTid();
            long queuedAtStart = ProcSched.runQueueWaitNanos(ProcSched.pid(), tid);
            JavaContender.sleepUntil(clock, base + (warmupTicks + measuredTicks) * periodNanos);
            last = ThreadUsage.sampleNewThreads(before);
            runQueueWait = ProcSched.delta(queuedAtStart, ProcSched.runQueueWaitNanos(ProcSched.pid(), tid));
            wallNanos = System.nanoTime() - wallStart;
            // One more period plus a margin for the window's last slots to be served (else they count as missed).
            JavaContender.sleepUntil(clock, base + (warmupTicks + measuredTicks + 1) * periodNanos
                    + TimeUnit.MILLISECONDS.toNanos(50));
        } finally {
            timer.close();
        }
        MultiTaskRecorder.Snapshot s = recorder.snapshot();
        List<ThreadUsage.ThreadWindow> threads = ThreadUsage.between(first, last, wallNanos, timer::isTimerThread);
        double timerCpu = 0;
        double totalCpu = 0;
        boolean anyTimer = false;
        for (ThreadUsage.ThreadWindow t : threads) {
            totalCpu += t.cpuShare();
            if (t.timer()) {
                anyTimer = true;
                timerCpu += t.cpuShare();
            }
        }
        return new Result(kind.label(), tasks, aligned, s.histogram(), s.deadlines(), s.missed(), s.early(),
                anyTimer ? timerCpu : Double.NaN, totalCpu, ProcSched.delta(stealBefore, ProcSched.stealNanos()),
                runQueueWait < 0 ? Double.NaN : (double) runQueueWait / wallNanos);
    }
}
