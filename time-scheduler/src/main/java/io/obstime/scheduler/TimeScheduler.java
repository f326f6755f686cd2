package io.obstime.scheduler;

import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs once-only and periodic tasks at TAI instants.
 *
 * <h2>Time</h2>
 * Every deadline is held as a TAI instant (nanoseconds since 1970-01-01T00:00:00 TAI, continuous, no leap seconds).
 * A {@link UtcTime} is converted once, when the task is scheduled, with the time source's
 * {@link TimeSource#leapSeconds() leap-second table}: a task at 00:00:00 UTC just after an inserted leap second fires
 * at that UTC instant plus the new TAI − UTC. (A leap second added to the table after the task was scheduled does not
 * move it; schedule again after updating the table.) A leap second never disturbs a task: TAI runs on through it.
 *
 * <h2>Clock steps</h2>
 * The system's TAI is the system clock (CLOCK_REALTIME) plus the TAI − UTC offset, or the kernel's CLOCK_TAI, which
 * is the same clock plus the kernel's offset: so a step of the system clock (an administrator setting the time,
 * chrony's {@code makestep}, a virtual machine resumed) steps TAI by the same amount. A task's deadline stays the same
 * TAI instant; what changes is how much real time remains until it. The timer thread re-reads TAI at least every
 * {@link TimeSchedulerSettings#maxParkNanos() maxParkNanos}, so it notices a step within that time.
 * <ul>
 *   <li><b>Forward by Δ</b>: every deadline stepped over is due at once. Once-only tasks run. Periodic tasks follow
 *       the {@link MissedTickPolicy}: {@link MissedTickPolicy#SKIP SKIP} runs once and counts the other passed slots
 *       as skipped; {@link MissedTickPolicy#CATCH_UP CATCH_UP} runs the passed slots of the last
 *       {@link TimeSchedulerSettings#maxCatchUpNanos() maxCatchUpNanos} (1 s by default) back to back and counts the
 *       older ones as skipped. Then every task continues at its slots {@code start + k·period}.</li>
 *   <li><b>Back by Δ</b>: nothing runs twice, and nothing runs until TAI reaches it again. A once-only task fires when
 *       TAI reaches its deadline: Δ later, in elapsed time, than it would have. A periodic task pauses: its next slot
 *       is still the next {@code start + k·period} after the last one it ran, which TAI reaches again about Δ later,
 *       so it misses no slot (none is counted as skipped) but does not run for about Δ of elapsed time, then goes on
 *       at its rate. A control loop that must not pause needs a clock that is slewed, never stepped, while it runs
 *       (for chrony: {@code makestep} limited to the first updates after boot).</li>
 * </ul>
 * Fixed rate is on TAI, not on elapsed time: after a step, slots stay on the TAI grid {@code start + k·period}.
 *
 * <h2>Periodic tasks: fixed rate</h2>
 * A periodic task's slots are {@code start + k·period} in TAI for k = 0, 1, 2, …, computed by multiplication, so
 * there is no drift after any number of ticks, and a late run does not shift later ones (fixed rate, not fixed delay).
 * If the timer gets to a task after one or more of its slots have passed (a GC pause, a stalled CPU, a slow task, a
 * clock step forward), the {@link TimeSchedulerSettings#missedTickPolicy() missed-tick policy} decides: skip to the
 * next future slot and count the skipped ones ({@link MissedTickPolicy#SKIP}, the default), or run every passed slot
 * of the last {@link TimeSchedulerSettings#maxCatchUpNanos() maxCatchUpNanos} ({@link MissedTickPolicy#CATCH_UP}). If {@code start} is in the past when the timer thread takes the task in, the
 * first run is at the first slot {@code start + k·period} at or after that moment; earlier slots are neither run nor
 * counted as skipped. The schedule ends when the next slot would lie beyond {@code Long.MAX_VALUE} TAI nanoseconds
 * (the year 2262). Skipped slots do not pass in silence: the first time a task's slots are skipped, one WARN names
 * the task and the number skipped, later skips are summed into at most one line per
 * {@link TimeSchedulerSettings#overrunLogIntervalNanos() overrunLogIntervalNanos} (10 s by default; 0 turns it off).
 *
 * <h2>Order and threads</h2>
 * Tasks run in deadline order; tasks with the same deadline run in the order they were scheduled. A standalone
 * scheduler runs them inline on its timer thread (one at a time: a slow task delays the others) unless its settings
 * name an {@link java.util.concurrent.Executor}; there, a periodic task never overlaps itself (see
 * {@link MissedTickPolicy} for its slots that fall due while a run is in flight). A task may schedule and cancel
 * tasks, including itself.
 * All methods are thread-safe.
 *
 * <h2>Failures</h2>
 * A task that throws is logged (rate-limited) and counted, and its schedule continues or is cancelled according to the
 * {@link TimeSchedulerSettings#taskFailurePolicy() task-failure policy}; other tasks are not affected. An
 * {@link Error} thrown by a task (an {@code OutOfMemoryError}, a {@code StackOverflowError}) is handled the same way
 * and the timer thread survives it; a failure while reporting a failure (a throwing {@code toString()} or logger)
 * loses only the log line (see {@link TaskFailurePolicy}). Logs name a task by its {@code toString()}, cut to 200
 * characters; give a lambda a name with {@link NamedTask#of(String, Runnable)}. An inline task must not leave its thread's interrupt flag
 * set: the timer thread clears it after the run and logs that it did. On simulated time a failure is rethrown to the
 * test instead of logged (see below).
 *
 * <h2>Simulated time</h2>
 * On a {@link SimulatedTimeSource} the scheduler starts no thread: it registers as a listener, and inside
 * {@code advance(...)} every task that falls due runs on the advancing thread, in deadline order, with the simulated
 * clock reading exactly that task's deadline. A task due now or in the past runs at the next {@code advance} or
 * {@code step} ({@code advance(Duration.ZERO)} runs it). With an executor in the settings, the task is handed to it at
 * that moment and runs whenever the executor gets to it: keep tasks inline for deterministic tests. Simulated time is
 * deterministic when one thread both advances the clock and schedules: a task scheduled from another thread while
 * {@code advance} runs may be taken in between two deadlines and then runs with the clock reading the next deadline
 * rather than its own.
 *
 * <p>Failures on simulated time: a task that throws while running inline inside {@code advance} or {@code step} does
 * not stop that call. Every task due in it still runs; then the call throws the first task failure, as the task threw
 * it (an {@link AssertionError} of a failed assertion reaches the test framework as is), with the later failures of
 * the same call added to it as {@linkplain Throwable#getSuppressed() suppressed} (up to 100, the rest counted in a
 * last suppressed exception). The clock is then at the end of the move. The failure is counted and the
 * {@link TaskFailurePolicy} applied as on the real clock, but not logged. With
 * {@link TimeSchedulerSettings#withSimulatedFailuresRethrown(boolean) withSimulatedFailuresRethrown(false)} failures
 * are only counted and logged, as on the real clock. Runs handed to an executor are never rethrown. The real clock's
 * behaviour does not change: there a failure is counted and logged.
 *
 * <h2>Bad input</h2>
 * A null argument throws {@link NullPointerException} naming the parameter; a period that is zero, negative, below
 * {@link TimeSchedulerSettings#minPeriodNanos()} or not representable in nanoseconds throws
 * {@link IllegalArgumentException} naming {@code period} and its value; any schedule method called after
 * {@link #close()} throws {@link IllegalStateException}.
 */
public interface TimeScheduler extends AutoCloseable {

    /**
     * Runs {@code task} once at the TAI instant {@code at}, or as soon as possible if {@code at} is not in the future.
     *
     * @param at   when to run
     * @param task what to run
     * @return the handle on the task
     * @throws NullPointerException  if an argument is null
     * @throws IllegalStateException if the scheduler is closed
     */
    ScheduledTask scheduleOnce(TaiTime at, Runnable task);

    /**
     * Runs {@code task} once at the UTC instant {@code at}, converted to TAI now with the time source's leap-second
     * table; as soon as possible if that is not in the future.
     *
     * @param at   when to run, in UTC
     * @param task what to run
     * @return the handle on the task
     * @throws NullPointerException  if an argument is null
     * @throws IllegalStateException if the scheduler is closed
     */
    ScheduledTask scheduleOnce(UtcTime at, Runnable task);

    /**
     * Runs {@code task} every {@code period}, the first time as soon as possible; the slots are anchored at the TAI
     * instant at which the timer takes the task in.
     *
     * @param period time between slots; at least {@link TimeSchedulerSettings#minPeriodNanos()}
     * @param task   what to run
     * @return the handle on the task
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code period} is too short
     * @throws IllegalStateException    if the scheduler is closed
     */
    ScheduledTask schedulePeriodically(Duration period, Runnable task);

    /**
     * Runs {@code task} at {@code start + k·period} (TAI) for k = 0, 1, 2, …; if {@code start} is past, from the first
     * such slot not in the past.
     *
     * @param start  the TAI instant of slot 0
     * @param period time between slots; at least {@link TimeSchedulerSettings#minPeriodNanos()}
     * @param task   what to run
     * @return the handle on the task
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code period} is too short
     * @throws IllegalStateException    if the scheduler is closed
     */
    ScheduledTask schedulePeriodically(TaiTime start, Duration period, Runnable task);

    /**
     * As {@link #schedulePeriodically(TaiTime, Duration, Runnable)} with {@code start} converted from UTC to TAI now
     * with the time source's leap-second table. The slots are then {@code period} apart in TAI: a task every 24 h
     * started at midnight UTC stays on TAI and drifts one second from midnight UTC at each leap second.
     *
     * @param start  the UTC instant of slot 0
     * @param period time between slots; at least {@link TimeSchedulerSettings#minPeriodNanos()}
     * @param task   what to run
     * @return the handle on the task
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code period} is too short
     * @throws IllegalStateException    if the scheduler is closed
     */
    ScheduledTask schedulePeriodically(UtcTime start, Duration period, Runnable task);

    /**
     * Primitive form of {@link #scheduleOnce(TaiTime, Runnable)}.
     *
     * @param deadlineTaiNanos when to run, nanoseconds since 1970-01-01T00:00:00 TAI
     * @param task             what to run
     * @return the handle on the task
     * @throws NullPointerException     if {@code task} is null
     * @throws IllegalArgumentException if {@code deadlineTaiNanos} is {@link ScheduledTask#NO_DEADLINE}
     *                                  ({@code Long.MAX_VALUE}), which means "never"
     * @throws IllegalStateException    if the scheduler is closed
     */
    ScheduledTask scheduleOnceAtTaiNanos(long deadlineTaiNanos, Runnable task);

    /**
     * Primitive form of {@link #schedulePeriodically(TaiTime, Duration, Runnable)}.
     *
     * @param startTaiNanos the TAI instant of slot 0, nanoseconds since 1970-01-01T00:00:00 TAI
     * @param periodNanos   time between slots in nanoseconds; at least {@link TimeSchedulerSettings#minPeriodNanos()}
     * @param task          what to run
     * @return the handle on the task
     * @throws NullPointerException     if {@code task} is null
     * @throws IllegalArgumentException if {@code periodNanos} is too short, or {@code startTaiNanos} is
     *                                  {@link ScheduledTask#NO_DEADLINE} ({@code Long.MAX_VALUE}), which means "never"
     * @throws IllegalStateException    if the scheduler is closed
     */
    ScheduledTask schedulePeriodicallyAtTaiNanos(long startTaiNanos, long periodNanos, Runnable task);

    /** @return the time source this scheduler follows */
    TimeSource timeSource();

    /** @return the settings this scheduler was created with */
    TimeSchedulerSettings settings();

    /**
     * What the timer thread got from the kernel: its policy, real-time priority and CPUs, read back on that thread
     * after it applied {@link TimeSchedulerSettings#timerThreadPolicy()} and
     * {@link TimeSchedulerSettings#timerThreadCpus()} as it started (before {@code standalone(...)} returned), with
     * the reasons for anything not applied (a process without permission for real-time scheduling runs as before).
     *
     * @return the timer thread's scheduling; empty when the scheduler has no timer thread of its own (simulated time)
     */
    default Optional<TimerThreadScheduling> timerThreadScheduling() {
        return Optional.empty();
    }

    /** @return true once {@link #close()} has been called */
    boolean isClosed();

    /**
     * Stops the scheduler. Idempotent.
     *
     * <p>After {@code close()} returns no task starts: every schedule method throws {@link IllegalStateException},
     * pending tasks are dropped (their {@code cancel()} returns false), the timer thread has ended, and a run in
     * progress on the timer thread has completed (close waits for it; a task that never returns blocks close). Runs
     * already handed to an executor may still be executing; queued ones skip their task when they start (as they do
     * after a successful {@link Cancellable#cancel()}). Called from
     * inside a task, close returns without waiting for that task; no other task starts after it. A schedule call
     * that races with close on another thread either throws or returns a task that never runs.
     */
    @Override
    void close();

    /**
     * A scheduler on {@code timeSource} with {@link TimeSchedulerSettings#defaults() default settings}. For the real
     * clocks it starts one daemon timer thread; for a {@link SimulatedTimeSource} it starts none and is driven by that
     * source (see the class documentation).
     *
     * @param timeSource the clock to follow, usually {@link TimeSource#system()}
     * @return a running scheduler; close it when done
     * @throws NullPointerException if {@code timeSource} is null
     */
    static TimeScheduler standalone(TimeSource timeSource) {
        return standalone(timeSource, TimeSchedulerSettings.defaults());
    }

    /**
     * A scheduler on {@code timeSource} with the given settings.
     *
     * @param timeSource the clock to follow, usually {@link TimeSource#system()}
     * @param settings   how to wait and run tasks
     * @return a running scheduler; close it when done
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the settings are refused together (see
     *                                  {@link TimeSchedulerSettings#validated()})
     */
    static TimeScheduler standalone(TimeSource timeSource, TimeSchedulerSettings settings) {
        return StandaloneTimeScheduler.start(timeSource, settings);
    }
}
