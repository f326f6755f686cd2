package io.obstime.scheduler;

import io.obstime.clock.internal.linux.KernelCallException;
import io.obstime.clock.internal.linux.ThreadScheduling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Applies {@link RealTimeRequest} to the calling thread (a standalone scheduler's timer thread, as it starts) and
 * reads back what it got; checks the requests' ranges for {@link TimeSchedulerSettings}. Permission refusals are not
 * errors: one WARN with the remedy per process, and the thread runs as before.
 */
final class RealTimeThread {

    /** What to do when the kernel says EPERM: logged once, and in {@link TimerThreadScheduling#problems()}. */
    static final String REMEDY = "the process may not use real-time scheduling: it lacks CAP_SYS_NICE and its "
            + "RLIMIT_RTPRIO is below the priority (or a cgroup leaves real-time threads no CPU time). Allow it with "
            + "`ulimit -r <priority>` in the shell that starts the JVM (the hard limit raised by root, e.g. "
            + "`<user> - rtprio 99` in /etc/security/limits.conf), `LimitRTPRIO=<priority>` in the systemd unit, or "
            + "`setcap cap_sys_nice+ep <path of the java binary>`";

    private static final AtomicBoolean PERMISSION_WARNED = new AtomicBoolean();
    private static final AtomicBoolean NATIVE_WARNED = new AtomicBoolean();

    private RealTimeThread() {
    }

    /**
     * @param policy   the policy asked for
     * @param priority the real-time priority asked for
     * @throws IllegalArgumentException if {@code priority} is outside the policy's range
     *                                  ({@code sched_get_priority_min/max}; 0 for {@link TimerThreadPolicy#INHERITED})
     */
    static void checkPriority(TimerThreadPolicy policy, int priority) {
        int min = 0;
        int max = 0;
        if (policy != TimerThreadPolicy.INHERITED) {
            min = ThreadScheduling.LINUX_RT_PRIORITY_MIN;
            max = ThreadScheduling.LINUX_RT_PRIORITY_MAX;
            try {
                int kernelPolicy = kernelPolicy(policy);
                min = ThreadScheduling.priorityMin(kernelPolicy);
                max = ThreadScheduling.priorityMax(kernelPolicy);
            } catch (RuntimeException | LinkageError noKernel) {
                // Not Linux or no JNA: Linux's fixed range; nothing will be applied there anyway.
            }
        }
        if (priority < min || priority > max) {
            throw new IllegalArgumentException("timerThreadRealTimePriority for " + policy + " must be in [" + min
                    + ", " + max + "]" + (policy == TimerThreadPolicy.INHERITED ? " (a priority needs FIFO or RR)" : "")
                    + ", was " + priority);
        }
    }

    /**
     * @param cpus CPU numbers asked for
     * @return them sorted, duplicates removed
     * @throws IllegalArgumentException if empty, or one is negative or not a possible CPU of this machine
     */
    static int[] checkCpus(int[] cpus) {
        if (cpus.length == 0) {
            throw new IllegalArgumentException("timerThreadCpus must not be empty (withInheritedTimerThreadCpus() "
                    + "leaves the affinity as inherited)");
        }
        int count;
        try {
            count = ThreadScheduling.possibleCpuCount();
        } catch (LinkageError noJna) {
            count = Runtime.getRuntime().availableProcessors();
        }
        for (int cpu : cpus) {
            if (cpu < 0 || cpu >= count) {
                throw new IllegalArgumentException("timerThreadCpus must be CPU numbers in [0, " + (count - 1)
                        + "] (/sys/devices/system/cpu/possible), was " + cpu + " in " + Arrays.toString(cpus));
            }
        }
        return Arrays.stream(cpus).sorted().distinct().toArray();
    }

    /**
     * On the thread to change: sets the affinity, then the policy (so a real-time thread never runs on a CPU it was
     * not given), each independently; then reads back what the thread has.
     *
     * @param request    what the settings ask for
     * @param threadName for the log lines
     * @param log        where a refusal is logged
     * @return what the thread has now
     */
    static TimerThreadScheduling applyToCurrentThread(RealTimeRequest request, String threadName, Logger log) {
        int tid;
        try {
            tid = ThreadScheduling.currentThreadId();
        } catch (RuntimeException | LinkageError e) {
            String problem = "no native access to the kernel's scheduling calls (" + e + ")";
            if (request.realTime() || request.hasCpus()) {
                if (NATIVE_WARNED.compareAndSet(false, true)) {
                    log.warn("Timer thread {}: {}; it runs with its inherited policy and CPUs. Logged once.",
                            threadName, problem);
                }
                return new TimerThreadScheduling(-1, "unknown", -1, new TreeSet<>(), List.of(problem));
            }
            return new TimerThreadScheduling(-1, "unknown", -1, new TreeSet<>(), List.of());
        }
        List<String> problems = new ArrayList<>();
        if (request.hasCpus()) {
            BitSet cpus = new BitSet();
            request.cpus().forEach(cpus::set);
            try {
                ThreadScheduling.setAffinity(tid, cpus);
            } catch (KernelCallException e) {
                problems.add(report(e, "CPU affinity " + request.cpus(), threadName, log));
            }
        }
        if (request.realTime()) {
            try {
                ThreadScheduling.setScheduler(tid, kernelPolicy(request.policy), request.priority);
            } catch (KernelCallException e) {
                problems.add(report(e, request.policy + " priority " + request.priority, threadName, log));
            }
        }
        return readBack(tid, problems);
    }

    /** Logs a refusal: a permission refusal at WARN once per process (DEBUG after), anything else at WARN. */
    private static String report(KernelCallException e, String what, String threadName, Logger log) {
        String problem = refusal(e, what);
        boolean permission = e.errno() == KernelCallException.EPERM;
        if (!permission || PERMISSION_WARNED.compareAndSet(false, true)) {
            log.warn("Timer thread {} runs as before: {}{}", threadName, problem,
                    permission ? ". Logged once per process." : "");
        } else {
            log.debug("Timer thread {} runs as before: {}", threadName, problem);
        }
        return problem;
    }

    /**
     * The decision on a refused call: the text for the WARN and the report.
     *
     * @param e    the refusal
     * @param what what was asked for, e.g. "FIFO priority 80"
     * @return the problem, with {@link #REMEDY} when the kernel said EPERM
     */
    static String refusal(KernelCallException e, String what) {
        if (e.errno() == KernelCallException.EPERM) {
            return what + " not applied (" + e.getMessage() + "): " + REMEDY;
        }
        if (e.errno() == KernelCallException.EINVAL && what.startsWith("CPU")) {
            return what + " not applied (" + e.getMessage() + "): none of these CPUs is online and allowed to this "
                    + "process (its cpuset; see `taskset -p <pid>`)";
        }
        return what + " not applied (" + e.getMessage() + ")";
    }

    private static TimerThreadScheduling readBack(int tid, List<String> problems) {
        String policy = "unknown";
        int priority = -1;
        SortedSet<Integer> cpus = new TreeSet<>();
        try {
            policy = ThreadScheduling.policyName(ThreadScheduling.policy(tid));
            priority = ThreadScheduling.priority(tid);
            ThreadScheduling.affinity(tid).stream().forEach(cpus::add);
        } catch (KernelCallException e) {
            problems.add("could not read back the thread's scheduling: " + e.getMessage());
        }
        return new TimerThreadScheduling(tid, policy, priority, cpus, problems);
    }

    private static int kernelPolicy(TimerThreadPolicy policy) {
        switch (policy) {
            case FIFO: return ThreadScheduling.SCHED_FIFO;
            case RR: return ThreadScheduling.SCHED_RR;
            default: return ThreadScheduling.SCHED_OTHER;
        }
    }
}
