package io.obstime.scheduler;

import java.util.Arrays;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The real-time part of {@link TimeSchedulerSettings}, held as one field: the timer thread's policy and real-time
 * priority, its CPUs, and whether it may spin under a real-time policy. Checked by the settings' {@code withX}
 * methods. Immutable, a value type.
 */
final class RealTimeRequest {

    static final RealTimeRequest INHERITED = new RealTimeRequest(TimerThreadPolicy.INHERITED, 0, new int[0], false);

    final TimerThreadPolicy policy;
    /** 0 with {@link TimerThreadPolicy#INHERITED}. */
    final int priority;
    /** Sorted, distinct; empty: as inherited. */
    private final int[] cpus;
    final boolean spinAllowed;

    RealTimeRequest(TimerThreadPolicy policy, int priority, int[] cpus, boolean spinAllowed) {
        this.policy = policy;
        this.priority = priority;
        this.cpus = cpus;
        this.spinAllowed = spinAllowed;
    }

    RealTimeRequest withPolicy(TimerThreadPolicy policy, int priority) {
        return new RealTimeRequest(policy, priority, cpus, spinAllowed);
    }

    RealTimeRequest withCpus(int[] sortedDistinctCpus) {
        return new RealTimeRequest(policy, priority, sortedDistinctCpus, spinAllowed);
    }

    RealTimeRequest withSpinAllowed(boolean spinAllowed) {
        return new RealTimeRequest(policy, priority, cpus, spinAllowed);
    }

    boolean realTime() {
        return policy != TimerThreadPolicy.INHERITED;
    }

    boolean hasCpus() {
        return cpus.length > 0;
    }

    /** @return the CPUs as an unmodifiable sorted set; empty: as inherited */
    SortedSet<Integer> cpus() {
        TreeSet<Integer> set = new TreeSet<>();
        for (int cpu : cpus) {
            set.add(cpu);
        }
        return Collections.unmodifiableSortedSet(set);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RealTimeRequest)) {
            return false;
        }
        RealTimeRequest r = (RealTimeRequest) o;
        return policy == r.policy && priority == r.priority && Arrays.equals(cpus, r.cpus)
                && spinAllowed == r.spinAllowed;
    }

    @Override
    public int hashCode() {
        return ((policy.hashCode() * 31 + priority) * 31 + Arrays.hashCode(cpus)) * 31 + Boolean.hashCode(spinAllowed);
    }

    @Override
    public String toString() {
        return "timerThreadPolicy=" + policy + ", timerThreadRealTimePriority=" + priority + ", timerThreadCpus="
                + (cpus.length == 0 ? "inherited" : cpus().toString()) + ", realTimeSpinAllowed=" + spinAllowed;
    }
}
