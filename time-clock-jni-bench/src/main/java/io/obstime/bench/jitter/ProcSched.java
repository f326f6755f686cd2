package io.obstime.bench.jitter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the kernel says about stalls, read from {@code /proc}: the machine's steal time ({@code /proc/stat}: time the
 * hypervisor ran something else while a vCPU of this guest wanted to run) and a thread's run-queue wait
 * ({@code /proc/PID/task/TID/schedstat}: nanoseconds on a CPU, nanoseconds runnable but waiting for one, time
 * slices). A round whose contender was stalled by the host or by other work shows up in these, not only in its tail.
 * Every reader returns -1 where the file is missing (a kernel without schedstats, not Linux).
 */
final class ProcSched {

    private static final long TICK_NANOS = 1_000_000_000L / clockTicksPerSecond();

    private ProcSched() {
    }

    /** @return USER_HZ from {@code getconf CLK_TCK}; 100 (the value on every Linux architecture but alpha) if unknown */
    private static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0 && out.matches("\\d+") && Long.parseLong(out) > 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    /** @return the machine's total steal time since boot (all CPUs, nanoseconds at USER_HZ resolution), or -1 */
    static long stealNanos() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String cpu = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElse(null);
            if (cpu == null) {
                return -1;
            }
            String[] f = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal guest guest_nice
            return f.length > 8 ? Long.parseLong(f[8]) * TICK_NANOS : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** @return the calling thread's kernel thread id (from the {@code /proc/thread-self} link), or -1 */
    static long currentTid() {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "PID/task/TID"
            return Long.parseLong(link.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** @return the effective user id of this process ({@code /proc/self/status}), or "?" */
    static String uid() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("Uid:")).map(l -> l.trim().split("\\s+")[2]).findFirst()
                    .orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** @return this process's id */
    static long pid() {
        return ProcessHandle.current().pid();
    }

    /** @return run-queue wait of one thread of a process, nanoseconds since it started, or -1 */
    static long runQueueWaitNanos(long pid, long tid) {
        if (pid < 0 || tid < 0) {
            return -1;
        }
        try {
            String[] f = Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid),
                    "schedstat")).trim().split("\\s+");
            return f.length >= 2 ? Long.parseLong(f[1]) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** @return the thread ids of a process (empty if it is gone) */
    static List<Long> tids(long pid) {
        List<Long> tids = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(t -> tids.add(Long.parseLong(t.getFileName().toString())));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return tids;
    }

    /** @return the run-queue wait summed over every thread of a process, or -1 if none could be read */
    static long processRunQueueWaitNanos(long pid) {
        long sum = 0;
        boolean any = false;
        for (long tid : tids(pid)) {
            long w = runQueueWaitNanos(pid, tid);
            if (w >= 0) {
                sum += w;
                any = true;
            }
        }
        return any ? sum : -1;
    }

    /** @return {@code after − before}, or -1 when either is unknown */
    static long delta(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }
}
