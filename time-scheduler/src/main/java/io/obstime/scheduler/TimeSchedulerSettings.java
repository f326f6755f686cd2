package io.obstime.scheduler;

import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * How a {@link TimeScheduler} waits, what it accepts and how it runs tasks. Start from {@link #defaults()} and change
 * what you need with the {@code withX} methods, each of which returns a new instance:
 *
 * <pre>{@code
 * TimeSchedulerSettings s = TimeSchedulerSettings.defaults()
 *         .withSpinMarginNanos(200_000)          // park to 200 µs before the deadline, then spin
 *         .withMissedTickPolicy(MissedTickPolicy.CATCH_UP);
 * }</pre>
 *
 * <p>All durations are nanoseconds. Immutable, thread-safe, a value type (equality on all fields; the executor by
 * identity).
 */
public final class TimeSchedulerSettings {

    /** Default {@link #spinMarginNanos()}: 0, no spinning (parking only). */
    public static final long DEFAULT_SPIN_MARGIN_NANOS = 0L;
    /** Default {@link #timerSlackNanos()}: 1 ns, the smallest the kernel accepts (its own default is 50 µs). */
    public static final long DEFAULT_TIMER_SLACK_NANOS = 1L;
    /** Default {@link #minPeriodNanos()}: 100 µs (10 kHz), ten times the fastest rate this library is built for. */
    public static final long DEFAULT_MIN_PERIOD_NANOS = 100_000L;
    /** Default {@link #maxParkNanos()}: 100 ms, the longest the timer thread sleeps without re-reading TAI. */
    public static final long DEFAULT_MAX_PARK_NANOS = 100_000_000L;
    /** Default {@link #maxCatchUpNanos()}: 1 s, a thousand back-to-back runs of a 1 kHz task at the most. */
    public static final long DEFAULT_MAX_CATCH_UP_NANOS = 1_000_000_000L;
    /** Default {@link #overrunLogIntervalNanos()}: 10 s. */
    public static final long DEFAULT_OVERRUN_LOG_INTERVAL_NANOS = 10_000_000_000L;
    /** Default {@link #timerThreadName()}. */
    public static final String DEFAULT_TIMER_THREAD_NAME = "obstime-timer";

    private static final TimeSchedulerSettings DEFAULTS = new TimeSchedulerSettings(new Fields());

    private final long spinMarginNanos;
    private final long timerSlackNanos;
    private final long minPeriodNanos;
    private final long maxParkNanos;
    private final MissedTickPolicy missedTickPolicy;
    private final long maxCatchUpNanos;
    private final TaskFailurePolicy taskFailurePolicy;
    private final Executor executor; // null: inline on the timer thread
    private final String timerThreadName;
    private final int timerThreadPriority;
    private final boolean simulatedFailuresRethrown;
    private final long overrunLogIntervalNanos;
    private final RealTimeRequest realTime;
    private final long latenessUpToNanos;

    private TimeSchedulerSettings(Fields f) {
        this.spinMarginNanos = f.spinMarginNanos;
        this.timerSlackNanos = f.timerSlackNanos;
        this.minPeriodNanos = f.minPeriodNanos;
        this.maxParkNanos = f.maxParkNanos;
        this.missedTickPolicy = f.missedTickPolicy;
        this.maxCatchUpNanos = f.maxCatchUpNanos;
        this.taskFailurePolicy = f.taskFailurePolicy;
        this.executor = f.executor;
        this.timerThreadName = f.timerThreadName;
        this.timerThreadPriority = f.timerThreadPriority;
        this.simulatedFailuresRethrown = f.simulatedFailuresRethrown;
        this.overrunLogIntervalNanos = f.overrunLogIntervalNanos;
        this.realTime = f.realTime;
        this.latenessUpToNanos = f.latenessUpToNanos;
    }

    /**
     * The fields as one mutable draft, so that each {@code withX} names only what it changes ({@link #with}); starts
     * at the defaults. Never escapes this class.
     */
    private static final class Fields {
        long spinMarginNanos = DEFAULT_SPIN_MARGIN_NANOS;
        long timerSlackNanos = DEFAULT_TIMER_SLACK_NANOS;
        long minPeriodNanos = DEFAULT_MIN_PERIOD_NANOS;
        long maxParkNanos = DEFAULT_MAX_PARK_NANOS;
        MissedTickPolicy missedTickPolicy = MissedTickPolicy.SKIP;
        long maxCatchUpNanos = DEFAULT_MAX_CATCH_UP_NANOS;
        TaskFailurePolicy taskFailurePolicy = TaskFailurePolicy.CONTINUE;
        Executor executor; // null: inline
        String timerThreadName = DEFAULT_TIMER_THREAD_NAME;
        int timerThreadPriority = Thread.NORM_PRIORITY;
        boolean simulatedFailuresRethrown = true;
        long overrunLogIntervalNanos = DEFAULT_OVERRUN_LOG_INTERVAL_NANOS;
        RealTimeRequest realTime = RealTimeRequest.INHERITED;
        long latenessUpToNanos; // 0: not recorded

        Fields() {
        }

        Fields(TimeSchedulerSettings s) {
            spinMarginNanos = s.spinMarginNanos;
            timerSlackNanos = s.timerSlackNanos;
            minPeriodNanos = s.minPeriodNanos;
            maxParkNanos = s.maxParkNanos;
            missedTickPolicy = s.missedTickPolicy;
            maxCatchUpNanos = s.maxCatchUpNanos;
            taskFailurePolicy = s.taskFailurePolicy;
            executor = s.executor;
            timerThreadName = s.timerThreadName;
            timerThreadPriority = s.timerThreadPriority;
            simulatedFailuresRethrown = s.simulatedFailuresRethrown;
            overrunLogIntervalNanos = s.overrunLogIntervalNanos;
            realTime = s.realTime;
            latenessUpToNanos = s.latenessUpToNanos;
        }
    }

    /** @return a copy of these settings with {@code change} applied to its draft (the argument checks come first) */
    private TimeSchedulerSettings with(Consumer<Fields> change) {
        Fields draft = new Fields(this);
        change.accept(draft);
        return new TimeSchedulerSettings(draft);
    }

    /**
     * @return no spinning, timer slack 1 ns, minimum period 100 µs, park at most 100 ms, {@link MissedTickPolicy#SKIP}
     *         (catch up at most 1 s under {@link MissedTickPolicy#CATCH_UP}), {@link TaskFailurePolicy#CONTINUE}, tasks inline on the timer thread, thread "obstime-timer" at normal
     *         priority, task failures on simulated time rethrown, skipped slots reported at most every 10 s, its Linux policy and CPUs as
     *         inherited, lateness not recorded
     */
    public static TimeSchedulerSettings defaults() {
        return DEFAULTS;
    }

    /**
     * @return how long before a deadline the timer thread stops parking and busy-waits ({@link Thread#onSpinWait()}
     *         re-reading TAI) until the deadline; 0 = never spin. Spinning trades CPU for precision: a parked thread
     *         wakes tens of microseconds late (timer slack, waking an idle CPU), a spinning one within a clock read.
     *         A 1 kHz task with a 200 µs margin keeps the timer thread busy about a fifth of the time.
     */
    public long spinMarginNanos() {
        return spinMarginNanos;
    }

    /**
     * @return the timer slack requested for the timer thread, and that thread only (Linux
     *         {@code prctl(PR_SET_TIMERSLACK)}), when it starts; 0 = leave the thread's slack as inherited (50 µs by
     *         default). If the request fails the scheduler logs once and runs with the inherited slack.
     */
    public long timerSlackNanos() {
        return timerSlackNanos;
    }

    /**
     * @return the shortest period a periodic task may have; a shorter one is rejected with an
     *         {@link IllegalArgumentException}
     */
    public long minPeriodNanos() {
        return minPeriodNanos;
    }

    /**
     * @return the longest single park of the timer thread. Parking is timed by the monotonic clock, not by TAI, so
     *         when the system clock is stepped forward a deadline that is now due is noticed within this bound (plus
     *         timer slack). Smaller means earlier notice and more idle wake-ups (10 a second at the default).
     */
    public long maxParkNanos() {
        return maxParkNanos;
    }

    /** @return what periodic tasks do with passed slots */
    public MissedTickPolicy missedTickPolicy() {
        return missedTickPolicy;
    }

    /**
     * @return under {@link MissedTickPolicy#CATCH_UP}, how far back the timer catches up: when it gets to a periodic
     *         task whose slot is more than this behind TAI now (a clock stepped forward, a long pause), it runs the
     *         slots of the last {@code maxCatchUpNanos} (and at least the latest passed one) and counts the older ones
     *         in {@link ScheduledTask#skippedTicks()}, instead of running them all back to back. Ignored under
     *         {@link MissedTickPolicy#SKIP}.
     */
    public long maxCatchUpNanos() {
        return maxCatchUpNanos;
    }

    /** @return what happens to a task's schedule when a run throws */
    public TaskFailurePolicy taskFailurePolicy() {
        return taskFailurePolicy;
    }

    /**
     * @return the executor tasks are handed to, or empty when they run inline on the timer thread (the default:
     *         lowest latency; a slow task delays every other task)
     */
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    /** @return the name of the timer thread */
    public String timerThreadName() {
        return timerThreadName;
    }

    /**
     * @return the Java priority of the timer thread (on Linux the JVM ignores it unless started with
     *         {@code -XX:ThreadPriorityPolicy=1} and the privilege to raise priorities)
     */
    public int timerThreadPriority() {
        return timerThreadPriority;
    }

    /**
     * @param spinMarginNanos see {@link #spinMarginNanos()}; &ge; 0
     * @return a copy with that spin margin
     * @throws IllegalArgumentException if negative
     */
    public TimeSchedulerSettings withSpinMarginNanos(long spinMarginNanos) {
        if (spinMarginNanos < 0) {
            throw new IllegalArgumentException("spinMarginNanos must be >= 0, was " + spinMarginNanos);
        }
        return with(f -> f.spinMarginNanos = spinMarginNanos);
    }

    /**
     * @param timerSlackNanos see {@link #timerSlackNanos()}; &ge; 0 (0 = leave as inherited)
     * @return a copy with that timer slack
     * @throws IllegalArgumentException if negative
     */
    public TimeSchedulerSettings withTimerSlackNanos(long timerSlackNanos) {
        if (timerSlackNanos < 0) {
            throw new IllegalArgumentException("timerSlackNanos must be >= 0 (0 = inherited), was " + timerSlackNanos);
        }
        return with(f -> f.timerSlackNanos = timerSlackNanos);
    }

    /**
     * @param minPeriodNanos see {@link #minPeriodNanos()}; &ge; 1
     * @return a copy with that minimum period
     * @throws IllegalArgumentException if below 1
     */
    public TimeSchedulerSettings withMinPeriodNanos(long minPeriodNanos) {
        if (minPeriodNanos < 1) {
            throw new IllegalArgumentException("minPeriodNanos must be >= 1, was " + minPeriodNanos);
        }
        return with(f -> f.minPeriodNanos = minPeriodNanos);
    }

    /**
     * @param maxParkNanos see {@link #maxParkNanos()}; &ge; 1
     * @return a copy with that park bound
     * @throws IllegalArgumentException if below 1
     */
    public TimeSchedulerSettings withMaxParkNanos(long maxParkNanos) {
        if (maxParkNanos < 1) {
            throw new IllegalArgumentException("maxParkNanos must be >= 1, was " + maxParkNanos);
        }
        return with(f -> f.maxParkNanos = maxParkNanos);
    }

    /**
     * @param missedTickPolicy see {@link #missedTickPolicy()}
     * @return a copy with that policy
     * @throws NullPointerException if null
     */
    public TimeSchedulerSettings withMissedTickPolicy(MissedTickPolicy missedTickPolicy) {
        Objects.requireNonNull(missedTickPolicy, "missedTickPolicy");
        return with(f -> f.missedTickPolicy = missedTickPolicy);
    }

    /**
     * @param maxCatchUpNanos see {@link #maxCatchUpNanos()}; &ge; 1 ({@code Long.MAX_VALUE}: no bound)
     * @return a copy with that bound
     * @throws IllegalArgumentException if below 1
     */
    public TimeSchedulerSettings withMaxCatchUpNanos(long maxCatchUpNanos) {
        if (maxCatchUpNanos < 1) {
            throw new IllegalArgumentException("maxCatchUpNanos must be >= 1, was " + maxCatchUpNanos);
        }
        return with(f -> f.maxCatchUpNanos = maxCatchUpNanos);
    }

    /**
     * @param taskFailurePolicy see {@link #taskFailurePolicy()}
     * @return a copy with that policy
     * @throws NullPointerException if null
     */
    public TimeSchedulerSettings withTaskFailurePolicy(TaskFailurePolicy taskFailurePolicy) {
        Objects.requireNonNull(taskFailurePolicy, "taskFailurePolicy");
        return with(f -> f.taskFailurePolicy = taskFailurePolicy);
    }

    /**
     * Runs tasks on {@code executor} instead of the timer thread. The timer thread hands the task object itself to
     * {@link Executor#execute(Runnable)} at each tick (nothing is allocated per tick by the scheduler; the executor may
     * allocate a queue node). The scheduler never shuts the executor down. A periodic task never overlaps itself,
     * even on a multi-threaded executor: while one of its runs is queued or running, no other run of it is handed
     * over, and its slots that fall due meanwhile are handled by the {@link MissedTickPolicy} (see there), so a slow
     * task never makes the executor's queue grow. Different tasks do run concurrently on a multi-threaded executor.
     *
     * @param executor where tasks run
     * @return a copy that runs tasks on that executor
     * @throws NullPointerException if null
     */
    public TimeSchedulerSettings withExecutor(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return with(f -> f.executor = executor);
    }

    /** @return a copy that runs tasks inline on the timer thread (the default) */
    public TimeSchedulerSettings withInlineExecution() {
        return with(f -> f.executor = null);
    }

    /**
     * @param timerThreadName see {@link #timerThreadName()}; not empty
     * @return a copy with that thread name
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if empty
     */
    public TimeSchedulerSettings withTimerThreadName(String timerThreadName) {
        Objects.requireNonNull(timerThreadName, "timerThreadName");
        if (timerThreadName.isEmpty()) {
            throw new IllegalArgumentException("timerThreadName must not be empty");
        }
        return with(f -> f.timerThreadName = timerThreadName);
    }

    /**
     * @param timerThreadPriority see {@link #timerThreadPriority()}; {@link Thread#MIN_PRIORITY} to
     *                            {@link Thread#MAX_PRIORITY}
     * @return a copy with that priority
     * @throws IllegalArgumentException if out of range
     */
    public TimeSchedulerSettings withTimerThreadPriority(int timerThreadPriority) {
        if (timerThreadPriority < Thread.MIN_PRIORITY || timerThreadPriority > Thread.MAX_PRIORITY) {
            throw new IllegalArgumentException("timerThreadPriority must be in [" + Thread.MIN_PRIORITY + ", "
                    + Thread.MAX_PRIORITY + "], was " + timerThreadPriority);
        }
        return with(f -> f.timerThreadPriority = timerThreadPriority);
    }

    /**
     * @return on a {@code SimulatedTimeSource}: true (the default) if a task that throws while running inline on the
     *         advancing thread makes that {@code advance} or {@code step} throw, once every task due in that call has
     *         run (the first failure, the others suppressed in it), so that an assertion failing inside a task fails
     *         the test; false to only count and log it, as on the real clock. The failure is counted and the
     *         {@link #taskFailurePolicy()} applied either way. No effect on the real clock, nor on runs handed to an
     *         executor.
     */
    public boolean simulatedFailuresRethrown() {
        return simulatedFailuresRethrown;
    }

    /**
     * @param simulatedFailuresRethrown see {@link #simulatedFailuresRethrown()}; false = log only
     * @return a copy with that choice
     */
    public TimeSchedulerSettings withSimulatedFailuresRethrown(boolean simulatedFailuresRethrown) {
        return with(f -> f.simulatedFailuresRethrown = simulatedFailuresRethrown);
    }

    /**
     * @return how often at most the scheduler reports periodic tasks that fall behind their schedules: the first time
     *         a slot is skipped ({@link MissedTickPolicy}: a run longer than its period, other tasks on the same
     *         thread, a pause, a clock step forward) it logs one WARN naming the task and the number of slots skipped;
     *         later skips, of any of its periodic tasks, are summed into at most one line per this interval, naming
     *         the latest task (so a stall that makes 1000 tasks skip writes one line, not 1000). 0 = never log (the
     *         skips are still counted in {@link ScheduledTask#skippedTicks()}).
     */
    public long overrunLogIntervalNanos() {
        return overrunLogIntervalNanos;
    }

    /**
     * @param overrunLogIntervalNanos see {@link #overrunLogIntervalNanos()}; &ge; 0 (0 = never log)
     * @return a copy with that interval
     * @throws IllegalArgumentException if negative
     */
    public TimeSchedulerSettings withOverrunLogIntervalNanos(long overrunLogIntervalNanos) {
        if (overrunLogIntervalNanos < 0) {
            throw new IllegalArgumentException("overrunLogIntervalNanos must be >= 0 (0 = never log), was "
                    + overrunLogIntervalNanos);
        }
        return with(f -> f.overrunLogIntervalNanos = overrunLogIntervalNanos);
    }

    /**
     * @return the Linux scheduling policy asked for the timer thread, applied by that thread to itself when it starts
     *         ({@code sched_setscheduler} with {@code SCHED_RESET_ON_FORK}, so threads it creates start as normal
     *         threads); {@link TimerThreadPolicy#INHERITED} (the default) changes nothing. Where the process is not
     *         permitted the scheduler logs one WARN with the remedy and runs as before; what the thread got is in
     *         {@link TimeScheduler#timerThreadScheduling()}. Ignored on a simulated time source (no thread).
     */
    public TimerThreadPolicy timerThreadPolicy() {
        return realTime.policy;
    }

    /** @return the real-time priority for {@link #timerThreadPolicy()}: 1-99 for FIFO and RR (99 highest), 0 else */
    public int timerThreadRealTimePriority() {
        return realTime.priority;
    }

    /**
     * @return the CPUs the timer thread is pinned to when it starts ({@code sched_setaffinity}, that thread only),
     *         ascending; empty (the default): as inherited, normally every CPU of the process. Threads the timer
     *         thread creates inherit it.
     */
    public SortedSet<Integer> timerThreadCpus() {
        return realTime.cpus();
    }

    /**
     * @return true if {@link #spinMarginNanos()} &gt; 0 is accepted under a real-time {@link #timerThreadPolicy()};
     *         false (the default): such a scheduler is refused (see {@link #withRealTimeSpinAllowed(boolean)})
     */
    public boolean realTimeSpinAllowed() {
        return realTime.spinAllowed;
    }

    /**
     * Asks for a real-time policy for the timer thread (or, with {@link TimerThreadPolicy#INHERITED} and priority 0,
     * for none). A real-time policy with a {@link #spinMarginNanos() spin margin} is refused by {@link #validated()}
     * unless {@link #withRealTimeSpinAllowed(boolean) allowed}.
     *
     * @param policy   see {@link #timerThreadPolicy()}
     * @param priority see {@link #timerThreadRealTimePriority()}: within the kernel's range for the policy
     *                 ({@code sched_get_priority_min/max}: 1-99 for FIFO and RR on Linux); 0 for INHERITED
     * @return a copy with that policy and priority
     * @throws NullPointerException     if {@code policy} is null
     * @throws IllegalArgumentException if {@code priority} is outside the policy's range
     */
    public TimeSchedulerSettings withTimerThreadPolicy(TimerThreadPolicy policy, int priority) {
        Objects.requireNonNull(policy, "policy");
        RealTimeThread.checkPriority(policy, priority);
        return with(f -> f.realTime = realTime.withPolicy(policy, priority));
    }

    /**
     * @param cpus see {@link #timerThreadCpus()}: CPU numbers of this machine ({@code /sys/devices/system/cpu/possible}),
     *             at least one; duplicates are ignored
     * @return a copy that pins the timer thread to those CPUs
     * @throws NullPointerException     if {@code cpus} is null
     * @throws IllegalArgumentException if {@code cpus} is empty, or a number is negative or not a CPU of this machine
     */
    public TimeSchedulerSettings withTimerThreadCpus(int... cpus) {
        Objects.requireNonNull(cpus, "cpus");
        return with(f -> f.realTime = realTime.withCpus(RealTimeThread.checkCpus(cpus.clone())));
    }

    /** @return a copy that leaves the timer thread's CPU affinity as inherited (the default) */
    public TimeSchedulerSettings withInheritedTimerThreadCpus() {
        return with(f -> f.realTime = realTime.withCpus(new int[0]));
    }

    /**
     * Allows spinning ({@link #spinMarginNanos()} &gt; 0) under a real-time policy. Refused by default because a
     * real-time thread that spins is never preempted by normal threads: with a 200 µs margin at 1 kHz it holds its CPU
     * a fifth of the time, and a task that keeps it busy (or a deadline it spins towards after a clock step) can
     * starve every normal thread on that CPU, the kernel's own workers included. Allow it only with
     * {@link #withTimerThreadCpus(int...) a CPU} set aside for the timer thread ({@code isolcpus}, a cpuset).
     *
     * @param allowed true to allow
     * @return a copy with that choice
     */
    public TimeSchedulerSettings withRealTimeSpinAllowed(boolean allowed) {
        return with(f -> f.realTime = realTime.withSpinAllowed(allowed));
    }

    /**
     * Checks the settings that are refused together although each is valid alone (each {@code withX} method checks its
     * own value). {@link TimeScheduler#standalone(io.obstime.clock.TimeSource, TimeSchedulerSettings)} calls it.
     *
     * @return this
     * @throws IllegalArgumentException if {@link #spinMarginNanos()} &gt; 0 under a real-time
     *                                  {@link #timerThreadPolicy()} without {@link #realTimeSpinAllowed()}, with the
     *                                  reason
     */
    public TimeSchedulerSettings validated() {
        if (spinMarginNanos > 0 && realTime.realTime() && !realTime.spinAllowed) {
            throw new IllegalArgumentException("spinMarginNanos = " + spinMarginNanos + " with timerThreadPolicy "
                    + realTime.policy + " is refused: a real-time thread that spins is never preempted by normal "
                    + "threads and can starve its CPU; use spinMarginNanos 0 (real-time wake-ups are already prompt), "
                    + "or withRealTimeSpinAllowed(true) with a CPU set aside for the timer thread");
        }
        return this;
    }

    /**
     * @return 0 (the default): lateness is not recorded; otherwise each task keeps a histogram of how late its runs
     *         start against their slots, up to this many nanoseconds to 1.6 % (larger values are counted at the top;
     *         the maximum stays exact), read with {@link ScheduledTask#lateness()}
     */
    public long latenessRecordingUpToNanos() {
        return latenessUpToNanos;
    }

    /**
     * Records every task's lateness: at each run the timer thread adds {@code now − slot} (TAI) to the task's own
     * histogram, without allocating and without a lock (a sequence counter lets {@link ScheduledTask#lateness()}
     * copy it consistently from any thread). Each task's histogram takes about 10 KB at 10 ms, 13 KB at 1 s and
     * 16 KB at 1 min.
     *
     * @param upToNanos see {@link #latenessRecordingUpToNanos()}: 0 to stop recording, else the histogram's range
     * @return a copy with that choice
     * @throws IllegalArgumentException if negative
     */
    public TimeSchedulerSettings withLatenessRecordingUpToNanos(long upToNanos) {
        if (upToNanos < 0) {
            throw new IllegalArgumentException("latenessRecordingUpToNanos must be >= 0 (0 = not recorded), was "
                    + upToNanos);
        }
        return with(f -> f.latenessUpToNanos = upToNanos);
    }

    /** @return the real-time part, for the timer thread */
    RealTimeRequest realTimeRequest() {
        return realTime;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TimeSchedulerSettings)) {
            return false;
        }
        TimeSchedulerSettings s = (TimeSchedulerSettings) o;
        return spinMarginNanos == s.spinMarginNanos && timerSlackNanos == s.timerSlackNanos
                && minPeriodNanos == s.minPeriodNanos && maxParkNanos == s.maxParkNanos
                && missedTickPolicy == s.missedTickPolicy && maxCatchUpNanos == s.maxCatchUpNanos
                && taskFailurePolicy == s.taskFailurePolicy
                && executor == s.executor && timerThreadName.equals(s.timerThreadName)
                && timerThreadPriority == s.timerThreadPriority
                && simulatedFailuresRethrown == s.simulatedFailuresRethrown
                && overrunLogIntervalNanos == s.overrunLogIntervalNanos
                && realTime.equals(s.realTime) && latenessUpToNanos == s.latenessUpToNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(spinMarginNanos, timerSlackNanos, minPeriodNanos, maxParkNanos, missedTickPolicy,
                maxCatchUpNanos, taskFailurePolicy, System.identityHashCode(executor), timerThreadName, timerThreadPriority,
                simulatedFailuresRethrown, overrunLogIntervalNanos, realTime, latenessUpToNanos);
    }

    @Override
    public String toString() {
        return "TimeSchedulerSettings[spinMarginNanos=" + spinMarginNanos + ", timerSlackNanos=" + timerSlackNanos
                + ", minPeriodNanos=" + minPeriodNanos + ", maxParkNanos=" + maxParkNanos + ", missedTickPolicy="
                + missedTickPolicy + ", maxCatchUpNanos=" + maxCatchUpNanos + ", taskFailurePolicy=" + taskFailurePolicy + ", executor="
                + (executor == null ? "inline" : executor) + ", timerThreadName=" + timerThreadName
                + ", timerThreadPriority=" + timerThreadPriority
                + ", simulatedFailuresRethrown=" + simulatedFailuresRethrown
                + ", overrunLogIntervalNanos=" + overrunLogIntervalNanos + ", " + realTime
                + ", latenessRecordingUpToNanos=" + latenessUpToNanos + "]";
    }
}
