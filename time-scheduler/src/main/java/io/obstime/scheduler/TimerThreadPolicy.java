package io.obstime.scheduler;

/**
 * The Linux scheduling policy asked for a standalone scheduler's timer thread (that thread only), with
 * {@link TimeSchedulerSettings#withTimerThreadPolicy(TimerThreadPolicy, int)}.
 *
 * <p>A real-time policy makes the kernel run the timer thread as soon as it wakes, ahead of every normal thread: on a
 * 2-vCPU KVM guest C {@code cyclictest} under SCHED_FIFO wakes with p99 about 40 µs late against about 100-130 µs under
 * SCHED_OTHER. It needs {@code CAP_SYS_NICE} or an {@code RLIMIT_RTPRIO} at least the priority; without either the
 * scheduler logs one WARN with the remedy and runs as before (see
 * {@link TimeScheduler#timerThreadScheduling()} for what it got).
 */
public enum TimerThreadPolicy {

    /** The default: the timer thread keeps the policy and priority it inherits (normally SCHED_OTHER, priority 0). */
    INHERITED,

    /**
     * {@code SCHED_FIFO}: real-time, runs until it blocks or a thread of higher real-time priority wakes. A task that
     * never returns on this thread holds its CPU for good (the kernel's {@code sched_rt_runtime_us} throttle, 95 % of
     * each second by default, is all that is left to other threads there).
     */
    FIFO,

    /** {@code SCHED_RR}: as {@link #FIFO}, but threads of equal real-time priority take turns (a 100 ms slice). */
    RR
}
