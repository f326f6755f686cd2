package io.obstime.bench.jitter;

import io.obstime.scheduler.TimeSchedulerSettings;
import io.obstime.scheduler.TimerThreadPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the "obstime SCHED_FIFO" contender puts obstime's timer thread under SCHED_FIFO: through the scheduler's own
 * setting ({@link TimeSchedulerSettings#withTimerThreadPolicy}), as a user would, then checked from outside in
 * {@code /proc} (the kernel's word, not the scheduler's report), so a refused promotion fails the contender instead
 * of measuring SCHED_OTHER under a SCHED_FIFO label.
 */
final class ObstimeRealtimeAdapter {

    /** SCHED_FIFO priority of the timer thread: cyclictest's {@code -p} in the same run uses the same. */
    static final int FIFO_PRIORITY = 80;

    private ObstimeRealtimeAdapter() {
    }

    /** @return {@code settings} with the timer thread under SCHED_FIFO at {@code priority} */
    static TimeSchedulerSettings configure(TimeSchedulerSettings settings, int priority) {
        return settings.withTimerThreadPolicy(TimerThreadPolicy.FIFO, priority);
    }

    /**
     * Checks that the thread {@code tid} of this process runs under SCHED_FIFO.
     *
     * @throws IllegalStateException when it does not (the kernel refused: not root, no CAP_SYS_NICE, RLIMIT_RTPRIO)
     */
    static void check(long tid) {
        if (tid < 0) {
            throw new IllegalStateException("the timer thread's kernel id is unknown: cannot check SCHED_FIFO");
        }
        String policy = policyOf(ProcSched.pid(), tid);
        if (!"1".equals(policy)) {
            throw new IllegalStateException("timer thread " + tid + " has policy " + policy
                    + " (1 = SCHED_FIFO expected): the scheduler's SCHED_FIFO setting was not applied");
        }
    }

    /** @return the scheduling policy number of a thread ({@code /proc/PID/task/TID/sched}, "policy" line), or "?" */
    static String policyOf(long pid, long tid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid),
                    "sched"))) {
                if (line.startsWith("policy")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "? (" + e.getMessage() + ")";
        }
        return "?";
    }
}
