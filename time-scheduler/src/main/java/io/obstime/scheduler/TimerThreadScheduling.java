package io.obstime.scheduler;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;

/**
 * What a standalone scheduler's timer thread got from the kernel, read back on that thread with
 * {@code sched_getscheduler}, {@code sched_getparam} and {@code sched_getaffinity} after the settings'
 * {@link TimeSchedulerSettings#timerThreadPolicy() policy} and {@link TimeSchedulerSettings#timerThreadCpus() CPUs}
 * were applied: see {@link TimeScheduler#timerThreadScheduling()}. Immutable, thread-safe, a value type.
 */
public final class TimerThreadScheduling {

    private final long threadId;
    private final String policy;
    private final int priority;
    private final SortedSet<Integer> cpus;
    private final List<String> problems;

    TimerThreadScheduling(long threadId, String policy, int priority, SortedSet<Integer> cpus, List<String> problems) {
        this.threadId = threadId;
        this.policy = policy;
        this.priority = priority;
        this.cpus = Collections.unmodifiableSortedSet(cpus);
        this.problems = List.copyOf(problems);
    }

    /** @return the timer thread's Linux thread id ({@code /proc/self/task/ID}); -1 if it could not be read */
    public long threadId() {
        return threadId;
    }

    /**
     * @return the policy the thread runs under as {@code <sched.h>} names it: {@code SCHED_OTHER}, {@code SCHED_FIFO},
     *         {@code SCHED_RR}, ...; {@code "unknown"} if it could not be read (no native access)
     */
    public String policy() {
        return policy;
    }

    /** @return the thread's real-time priority (1-99 under SCHED_FIFO and SCHED_RR, 0 otherwise); -1 if unknown */
    public int priority() {
        return priority;
    }

    /** @return the CPUs the thread may run on, ascending; empty if they could not be read */
    public SortedSet<Integer> cpus() {
        return cpus;
    }

    /**
     * @return why part of what the settings asked for was not applied (each once, with the failing call, errno and
     *         the remedy, as in the WARN); empty when everything asked for was applied
     */
    public List<String> problems() {
        return problems;
    }

    /** @return true if everything the settings asked for was applied */
    public boolean asRequested() {
        return problems.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TimerThreadScheduling)) {
            return false;
        }
        TimerThreadScheduling t = (TimerThreadScheduling) o;
        return threadId == t.threadId && policy.equals(t.policy) && priority == t.priority && cpus.equals(t.cpus)
                && problems.equals(t.problems);
    }

    @Override
    public int hashCode() {
        return Objects.hash(threadId, policy, priority, cpus, problems);
    }

    @Override
    public String toString() {
        return "TimerThreadScheduling[tid=" + threadId + ", " + policy + ", priority=" + priority + ", cpus=" + cpus
                + (problems.isEmpty() ? "" : ", problems=" + problems) + "]";
    }
}
