package io.obstime.bench.jitter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A contender that runs the periodic task in this JVM. The harness: note the live threads, start the task (whose body
 * is {@code recorder.onTick(clock)}), sleep to the first measured deadline, sample CPU time and allocation of the
 * threads started since, sleep to the end of the window, sample again, wait until every deadline of the window was
 * served, stop. Per tick figures are divided by the number of deadlines in the window.
 */
abstract class JavaContender implements Contender {

    /** How long after the window's last deadline a run may still come and serve it. */
    private static final long SERVE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** A started periodic task; {@link #close()} stops it and releases its threads. */
    interface Running extends AutoCloseable {
        @Override
        void close() throws Exception;

        /** @return anything worth reporting after the run (the scheduler's own counters), or null */
        default String note() {
            return null;
        }
    }

    /** @return the clock the contender keeps its deadlines in; the monotonic clock unless overridden */
    LongSupplier clock() {
        return System::nanoTime;
    }

    /** @return a name for {@link #clock()} (for the report) */
    String clockName() {
        return "monotonic (System.nanoTime())";
    }

    /**
     * Starts the periodic task. Before its first run it must call {@code recorder.start(firstDeadline)} with the
     * first deadline in {@link #clock()}; each run must call {@code recorder.onTick(clock().getAsLong())} first.
     */
    abstract Running start(LatenessRecorder recorder, long periodNanos) throws Exception;

    /** @return whether a thread this contender started is its timer thread (the one that waits for deadlines) */
    abstract boolean isTimerThread(String threadName);

    /** @return the thread whose run-queue wait is reported: the one that runs the task (here, the timer thread) */
    String runThreadRole() {
        return "timer thread (runs the task)";
    }

    @Override
    public final ContenderResult run(RunSpec spec) throws Exception {
        LongSupplier clock = clock();
        LatenessRecorder recorder =
                new LatenessRecorder(clock, spec.periodNanos(), spec.warmupTicks(), spec.measuredTicks());
        Set<Long> before = ThreadUsage.liveThreadIds();
        String note;
        Map<Long, ThreadUsage.Sample> first;
        Map<Long, ThreadUsage.Sample> last;
        long wallNanos;
        boolean servedInTime;
        long runQueueWait;
        try (Running running = start(recorder, spec.periodNanos())) {
            long waitStart = System.nanoTime();
            while (!recorder.started()) {
                if (System.nanoTime() - waitStart > SERVE_TIMEOUT_NANOS) {
                    throw new IllegalStateException(name() + ": the task did not start within 2 s");
                }
                Thread.sleep(1);
            }
            sleepUntil(clock, recorder.deadlineNanos(recorder.windowStartIndex()));
            long wallStart = System.nanoTime();
            first = ThreadUsage.sampleNewThreads(before);
            long tid = recorder.firstRunTid();
            long queuedAtStart = ProcSched.runQueueWaitNanos(ProcSched.pid(), tid);
            sleepUntil(clock, recorder.deadlineNanos(recorder.windowEndIndex()));
            last = ThreadUsage.sampleNewThreads(before);
            runQueueWait = ProcSched.delta(queuedAtStart, ProcSched.runQueueWaitNanos(ProcSched.pid(), tid));
            wallNanos = System.nanoTime() - wallStart;
            servedInTime = recorder.awaitWindowServed(SERVE_TIMEOUT_NANOS);
            note = running.note();
        }
        LatenessRecorder.Snapshot s = recorder.snapshot();
        List<ThreadUsage.ThreadWindow> threads = ThreadUsage.between(first, last, wallNanos, this::isTimerThread);
        double timerCpu = 0;
        double totalCpu = 0;
        long timerBytes = 0;
        long totalBytes = 0;
        boolean anyTimer = false;
        for (ThreadUsage.ThreadWindow t : threads) {
            totalCpu += t.cpuShare();
            totalBytes += t.allocatedBytes();
            if (t.timer()) {
                anyTimer = true;
                timerCpu += t.cpuShare();
                timerBytes += t.allocatedBytes();
            }
        }
        if (!servedInTime) {
            note = (note == null ? "" : note + "; ") + "some deadlines of the window were never served (counted as missed)";
        }
        if (!anyTimer) {
            note = (note == null ? "" : note + "; ") + "timer thread not identified";
        }
        return new ContenderResult(clockName(), s.histogram(), s.deadlines(), s.served(), s.missed(), s.early(),
                s.minLatenessNanos(), anyTimer ? timerCpu : Double.NaN, totalCpu,
                anyTimer ? (double) timerBytes / s.deadlines() : -1, (double) totalBytes / s.deadlines(), threads,
                note, runQueueWait, runThreadRole());
    }

    /** Shuts {@code executor} down and waits for its thread(s) to end. */
    static void shutdown(ExecutorService executor, String what) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException(what + " did not stop within 5 s");
        }
    }

    /** Sleeps (coarsely, this is the harness's thread) until {@code clock} reads at least {@code deadlineNanos}. */
    static void sleepUntil(LongSupplier clock, long deadlineNanos) throws InterruptedException {
        for (long remaining = deadlineNanos - clock.getAsLong(); remaining > 0;
                remaining = deadlineNanos - clock.getAsLong()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }
}
