package io.obstime.bench.jitter;

import io.obstime.scheduler.TimeSchedulerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * MERGE ADAPTER (issue #10, items 1 and 4): how the "obstime SCHED_FIFO" contender puts obstime's timer thread under
 * SCHED_FIFO. Until {@code TimeSchedulerSettings} has its real-time setting (branch {@code rt-lateness}), the
 * benchmark promotes the timer thread from outside, by its kernel thread id, with {@code chrt -f -p PRIO TID}
 * (util-linux; needs root or CAP_SYS_NICE) and checks the policy the kernel reports. When that branch is merged,
 * {@link #configure} sets the policy through the settings and {@link #promote} only checks what the scheduler got:
 * these two methods are the only places to change.
 */
final class ObstimeRealtimeAdapter {

    /** SCHED_FIFO priority of the timer thread: cyclictest's {@code -p} in the same run uses the same. */
    static final int FIFO_PRIORITY = 80;

    private ObstimeRealtimeAdapter() {
    }

    /** Why {@link #available()} is false. */
    static final String UNAVAILABLE = "chrt (util-linux) not found in /usr/bin or /bin: cannot set SCHED_FIFO";

    /** @return whether the thread can be promoted here (MERGE: always true once the setting is in the scheduler) */
    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/chrt")) || Files.isExecutable(Path.of("/bin/chrt"));
    }

    /** @return {@code settings} with the timer thread under SCHED_FIFO at {@code priority}, where settings can say so */
    static TimeSchedulerSettings configure(TimeSchedulerSettings settings, int priority) {
        // MERGE: return settings.with...(SCHED_FIFO, priority) once rt-lateness is on main.
        return settings;
    }

    /**
     * Puts the thread {@code tid} of this process under SCHED_FIFO at {@code priority} and checks it.
     *
     * @throws IllegalStateException when the kernel refuses (not root, no CAP_SYS_NICE, RLIMIT_RTPRIO) or chrt is
     *                               missing: the contender then fails with the reason rather than run as SCHED_OTHER
     */
    static void promote(long tid, int priority) throws IOException, InterruptedException {
        if (tid < 0) {
            throw new IllegalStateException("the timer thread's kernel id is unknown: cannot set SCHED_FIFO");
        }
        Process chrt = new ProcessBuilder("chrt", "-f", "-p", Integer.toString(priority), Long.toString(tid))
                .redirectErrorStream(true).start();
        String out = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!chrt.waitFor(10, TimeUnit.SECONDS) || chrt.exitValue() != 0) {
            throw new IllegalStateException("chrt -f -p " + priority + " " + tid + " failed: " + out);
        }
        String policy = policyOf(ProcSched.pid(), tid);
        if (!"1".equals(policy)) {
            throw new IllegalStateException("after chrt, thread " + tid + " has policy " + policy
                    + " (1 = SCHED_FIFO expected)");
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
