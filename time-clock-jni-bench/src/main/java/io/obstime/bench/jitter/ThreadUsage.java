package io.obstime.bench.jitter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * CPU time and allocated bytes of the threads a contender started, from HotSpot's
 * {@link com.sun.management.ThreadMXBean} (thread CPU time and per-thread allocation counters, both on by default).
 * Sampled by the harness's main thread at the start and end of the measured window, never on the timer thread.
 */
final class ThreadUsage {

    private static final com.sun.management.ThreadMXBean THREADS = threadBean();

    private ThreadUsage() {
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean)) {
            throw new IllegalStateException("this JVM has no com.sun.management.ThreadMXBean (per-thread CPU time and "
                    + "allocated bytes are needed): " + bean.getClass().getName());
        }
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        if (hotspot.isThreadCpuTimeSupported() && !hotspot.isThreadCpuTimeEnabled()) {
            hotspot.setThreadCpuTimeEnabled(true);
        }
        if (hotspot.isThreadAllocatedMemorySupported() && !hotspot.isThreadAllocatedMemoryEnabled()) {
            hotspot.setThreadAllocatedMemoryEnabled(true);
        }
        return hotspot;
    }

    /** @return the ids of the live threads */
    static Set<Long> liveThreadIds() {
        return Arrays.stream(THREADS.getAllThreadIds()).boxed().collect(Collectors.toSet());
    }

    /** One thread's counters at one instant. */
    record Sample(long threadId, String name, long cpuNanos, long allocatedBytes) {
    }

    /** @return the counters of the live threads not in {@code before}, in thread-id order */
    static Map<Long, Sample> sampleNewThreads(Set<Long> before) {
        long[] ids = THREADS.getAllThreadIds();
        Arrays.sort(ids);
        Map<Long, Sample> samples = new LinkedHashMap<>();
        for (long id : ids) {
            if (before.contains(id)) {
                continue;
            }
            ThreadInfo info = THREADS.getThreadInfo(id);
            long cpu = THREADS.getThreadCpuTime(id);
            long allocated = THREADS.getThreadAllocatedBytes(id);
            if (info != null && cpu >= 0 && allocated >= 0) {
                samples.put(id, new Sample(id, info.getThreadName(), cpu, allocated));
            }
        }
        return samples;
    }

    /**
     * One thread's use over the window.
     *
     * @param name thread name
     * @param timer whether the contender counts it as its timer thread
     * @param cpuShare CPU time / wall time of the window (1.0 = one core busy)
     * @param allocatedBytes bytes allocated by the thread in the window
     */
    record ThreadWindow(String name, boolean timer, double cpuShare, long allocatedBytes) {
    }

    /** @return per-thread use between two samples; threads alive at both only */
    static List<ThreadWindow> between(Map<Long, Sample> start, Map<Long, Sample> end, long wallNanos,
            Predicate<String> isTimerThread) {
        List<ThreadWindow> windows = new ArrayList<>();
        for (Sample last : end.values()) {
            Sample first = start.get(last.threadId());
            if (first == null) {
                continue;
            }
            windows.add(new ThreadWindow(last.name(), isTimerThread.test(last.name()),
                    (double) (last.cpuNanos() - first.cpuNanos()) / wallNanos,
                    last.allocatedBytes() - first.allocatedBytes()));
        }
        return windows;
    }
}
