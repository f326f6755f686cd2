package io.obstime.scheduler;

import io.obstime.clock.SimulatedTimeListener;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.TaiTime;
import io.obstime.clock.ThreadTimerSlack;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.UndeclaredThrowableException;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The {@link TimeScheduler} behind {@link TimeScheduler#standalone}: converts API arguments to TAI nanoseconds and
 * drives a {@link TimerCore} either from its own timer thread (real clocks) or from a {@link SimulatedTimeSource}'s
 * listener callbacks (no thread).
 *
 * <h2>Timer thread</h2>
 * The only thread that reads the clock and sleeps. Each turn: read {@code taiNanos()}, run what is due (reading
 * {@code taiNanos()} again after each inline run, so a long run leaves no stale "now" behind), then wait: park for
 * {@code min(deadline − now − spinMargin, maxPark)} when further than the spin margin away, otherwise spin on
 * {@link Thread#onSpinWait()} re-reading TAI until the deadline (a wait of more than 2 ms parks to about 1 ms before
 * and measures again). A spin lasts at most about the time left when it began, on the monotonic clock: a step back of
 * TAI during it sends the thread back to parking instead of spinning for the length of the step. Parking is timed by
 * the monotonic clock, so after each wake it re-reads TAI; a clock step forward is therefore noticed within
 * {@code maxParkNanos} (100 ms by default) plus timer slack, and a step back only makes the thread wait longer.
 *
 * <p>Before it parks, the thread publishes when it will wake on its own ({@code wakeAtTaiNanos}, now plus the park)
 * and looks at the command stacks once more. A producer whose new deadline is earlier than that wake unparks the
 * thread; any later deadline is taken in at that wake, so a task scheduled far ahead costs no unpark (Dekker pattern:
 * the producer pushes then reads the wake, the thread writes the wake then reads the stacks, all volatile, so at least
 * one of them sees the other). A spin ends by itself when a command waits.
 *
 * <p>Interrupts: {@link #close()} stops the thread with the closed flag and an unpark, never an interrupt, so the
 * thread clears any interrupt it finds (one an inline task left behind, after each run; one from outside, at each
 * turn) and logs it, rate-limited. A set flag would otherwise make every park return at once.
 */
final class StandaloneTimeScheduler implements TimeScheduler, TimerCore.CommandSignal {

    /** {@code wakeAtTaiNanos} while the timer thread is not parked: it drains commands before it waits. */
    private static final long AWAKE = Long.MIN_VALUE;
    /**
     * A wait longer than twice this ends this much early with one more clock reading, so the last park before a
     * deadline is at most about 2 ms of monotonic time: while NTP slews the clock (up to 500 ppm) TAI and the
     * monotonic clock drift apart by at most 1 µs over it, instead of 50 µs over a whole {@code maxParkNanos}.
     */
    private static final long APPROACH_NANOS = 1_000_000L;
    /** What a spin may last beyond the time TAI needed to reach the deadline: the cost of the readings, with room. */
    private static final long SPIN_GRACE_NANOS = 10_000L;
    /** A producer wakes the timer thread when this many commands wait, so schedule/cancel storms stay bounded. */
    private static final int WAKE_EVERY_COMMANDS = 1024;

    private static final AtomicBoolean SLACK_WARNED = new AtomicBoolean();
    private static final VarHandle WAKE_AT;
    private static final VarHandle TURNS;
    private static final VarHandle SPIN_ITERATIONS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            WAKE_AT = lookup.findVarHandle(StandaloneTimeScheduler.class, "wakeAtTaiNanos", long.class);
            TURNS = lookup.findVarHandle(StandaloneTimeScheduler.class, "turns", long.class);
            SPIN_ITERATIONS = lookup.findVarHandle(StandaloneTimeScheduler.class, "spinIterations", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TimeSource timeSource;
    /** {@link #afterInlineRun}, made once: the timer thread's hook after each inline run. */
    private final TimerCore.AfterInlineRun afterInlineRun;
    private final TimeSchedulerSettings settings;
    private final TimerCore core;
    private final long spinMarginNanos;
    private final long maxParkNanos;

    /** Real clocks: the timer thread; null in simulation. */
    private final Thread timerThread;
    /**
     * When the parked timer thread next looks at its commands on its own, TAI nanoseconds ({@code now + park}, at
     * most {@code maxParkNanos} ahead), or {@link #AWAKE}. A producer whose deadline is not before it need not wake
     * the thread: a task scheduled 1 s ahead costs no unpark and no turn. WAKE_AT: volatile.
     */
    @SuppressWarnings("unused") private long wakeAtTaiNanos = AWAKE;
    /** Turns of the timer thread (wake-ups), for tests that check it does not busy-loop. TURNS: opaque. */
    @SuppressWarnings("unused") private long turns;
    /** Iterations of the spin loop, for tests that check how long it spins. SPIN_ITERATIONS: opaque. */
    @SuppressWarnings("unused") private long spinIterations;
    /** CLOCK_MONOTONIC ({@code System::nanoTime}); a test may pass its own. */
    private final LongSupplier monotonicNanos;

    /** Simulation: the source and our listener on it; the lock makes whoever holds it the core's owner. */
    private final SimulatedTimeSource simulatedSource;
    private final SimulationDriver simulationDriver;
    private final ReentrantLock simulationLock;

    /** Counted down by the timer thread once it has applied its policy and CPUs: start() returns after that. */
    private final CountDownLatch timerThreadReady = new CountDownLatch(1);
    /** What the timer thread got; written before {@link #timerThreadReady} is counted down. */
    private volatile TimerThreadScheduling timerThreadScheduling;

    private final RateLimitedLog loopFailureLog;
    private final RateLimitedLog interruptLog;

    private StandaloneTimeScheduler(TimeSource timeSource, TimeSchedulerSettings settings,
            LongSupplier monotonicNanos, Logger log) {
        this.monotonicNanos = monotonicNanos;
        this.timeSource = timeSource;
        this.afterInlineRun = this::afterInlineRun;
        this.settings = settings;
        this.core = new TimerCore(settings, this, monotonicNanos, log, timeSource instanceof SimulatedTimeSource);
        this.loopFailureLog = core.rateLimitedLog(60_000_000_000L);
        this.interruptLog = core.rateLimitedLog(60_000_000_000L);
        this.spinMarginNanos = settings.spinMarginNanos();
        this.maxParkNanos = settings.maxParkNanos();
        if (timeSource instanceof SimulatedTimeSource) {
            this.simulatedSource = (SimulatedTimeSource) timeSource;
            this.simulationDriver = new SimulationDriver();
            this.simulationLock = new ReentrantLock();
            this.timerThread = null;
        } else {
            this.simulatedSource = null;
            this.simulationDriver = null;
            this.simulationLock = null;
            this.timerThread = new Thread(this::timerLoop, settings.timerThreadName());
            this.timerThread.setDaemon(true);
            this.timerThread.setPriority(settings.timerThreadPriority());
        }
    }

    static StandaloneTimeScheduler start(TimeSource timeSource, TimeSchedulerSettings settings) {
        return start(timeSource, settings, System::nanoTime);
    }

    /** As {@link #start(TimeSource, TimeSchedulerSettings)} with the monotonic clock given: for tests. */
    static StandaloneTimeScheduler start(TimeSource timeSource, TimeSchedulerSettings settings,
            LongSupplier monotonicNanos) {
        return start(timeSource, settings, monotonicNanos, TimerCore.LOG);
    }

    /** As {@link #start(TimeSource, TimeSchedulerSettings)} with the monotonic clock and the logger given: for tests. */
    static StandaloneTimeScheduler start(TimeSource timeSource, TimeSchedulerSettings settings,
            LongSupplier monotonicNanos, Logger log) {
        Objects.requireNonNull(timeSource, "timeSource");
        Objects.requireNonNull(settings, "settings");
        settings.validated();
        StandaloneTimeScheduler scheduler = new StandaloneTimeScheduler(timeSource, settings, monotonicNanos, log);
        if (scheduler.timerThread != null) {
            scheduler.timerThread.start();
            uninterruptibly(scheduler.timerThreadReady::await);
        } else {
            scheduler.simulatedSource.addListener(scheduler.simulationDriver);
        }
        return scheduler;
    }

    // ---------------------------------------------------------------- API edge

    @Override
    public ScheduledTask scheduleOnce(TaiTime at, Runnable task) {
        Objects.requireNonNull(at, "at");
        return scheduleOnceAtTaiNanos(at.epochNanos(), task);
    }

    @Override
    public ScheduledTask scheduleOnce(UtcTime at, Runnable task) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(task, "task");
        return scheduleOnceAtTaiNanos(utcToTaiNanos(at), task);
    }

    @Override
    public ScheduledTask schedulePeriodically(Duration period, Runnable task) {
        long periodNanos = checkedPeriodNanos(period);
        Objects.requireNonNull(task, "task");
        return submit(new TaskEntry(core, task, 0L, periodNanos, true));
    }

    @Override
    public ScheduledTask schedulePeriodically(TaiTime start, Duration period, Runnable task) {
        Objects.requireNonNull(start, "start");
        long periodNanos = checkedPeriodNanos(period);
        Objects.requireNonNull(task, "task");
        return submit(new TaskEntry(core, task, start.epochNanos(), periodNanos, false));
    }

    @Override
    public ScheduledTask schedulePeriodically(UtcTime start, Duration period, Runnable task) {
        Objects.requireNonNull(start, "start");
        long periodNanos = checkedPeriodNanos(period);
        Objects.requireNonNull(task, "task");
        return submit(new TaskEntry(core, task, utcToTaiNanos(start), periodNanos, false));
    }

    @Override
    public ScheduledTask scheduleOnceAtTaiNanos(long deadlineTaiNanos, Runnable task) {
        checkNotNever("deadlineTaiNanos", deadlineTaiNanos);
        Objects.requireNonNull(task, "task");
        return submit(new TaskEntry(core, task, deadlineTaiNanos, 0L, false));
    }

    @Override
    public ScheduledTask schedulePeriodicallyAtTaiNanos(long startTaiNanos, long periodNanos, Runnable task) {
        checkNotNever("startTaiNanos", startTaiNanos);
        checkPeriodNanos(periodNanos, null);
        Objects.requireNonNull(task, "task");
        return submit(new TaskEntry(core, task, startTaiNanos, periodNanos, false));
    }

    @Override
    public TimeSource timeSource() {
        return timeSource;
    }

    @Override
    public TimeSchedulerSettings settings() {
        return settings;
    }

    @Override
    public boolean isClosed() {
        return core.isClosed();
    }

    @Override
    public Optional<TimerThreadScheduling> timerThreadScheduling() {
        return Optional.ofNullable(timerThreadScheduling);
    }

    private long utcToTaiNanos(UtcTime at) {
        return timeSource.leapSeconds().utcToTaiNanos(at.epochNanos());
    }

    private long checkedPeriodNanos(Duration period) {
        Objects.requireNonNull(period, "period");
        long periodNanos;
        try {
            periodNanos = period.toNanos();
        } catch (ArithmeticException tooLong) {
            throw new IllegalArgumentException("period must fit in a long of nanoseconds (about 292 years), was "
                    + period, tooLong);
        }
        checkPeriodNanos(periodNanos, period);
        return periodNanos;
    }

    private static void checkNotNever(String name, long taiNanos) {
        if (taiNanos == ScheduledTask.NO_DEADLINE) {
            throw new IllegalArgumentException(name + " must be before ScheduledTask.NO_DEADLINE (Long.MAX_VALUE, "
                    + "which means never), was " + taiNanos);
        }
    }

    /** @param period the Duration given, or null when {@code periodNanos} itself was the argument */
    private void checkPeriodNanos(long periodNanos, Duration period) {
        if (periodNanos < settings.minPeriodNanos()) {
            throw new IllegalArgumentException((period == null ? "periodNanos" : "period")
                    + " must be at least minPeriodNanos = " + settings.minPeriodNanos()
                    + " ns, was " + periodNanos + " ns" + (period == null ? "" : " (" + period + ")"));
        }
    }

    private ScheduledTask submit(TaskEntry entry) {
        if (core.isClosed()) {
            throw new IllegalStateException("TimeScheduler is closed: cannot schedule " + entry.task);
        }
        core.submitSchedule(entry);
        return entry;
    }

    /** Any thread, after a command was pushed: wake the timer thread if needed, or drain it in simulation. */
    @Override
    public void commandSubmitted(long deadlineTaiNanos, boolean dueNow, int waiting) {
        if (timerThread != null) {
            long wakeAtTaiNanos = (long) WAKE_AT.getVolatile(this);
            if ((dueNow || deadlineTaiNanos < wakeAtTaiNanos) && wakeAtTaiNanos != AWAKE
                    || waiting > 0 && waiting % WAKE_EVERY_COMMANDS == 0) {
                LockSupport.unpark(timerThread);
            }
        } else if (simulationLock.tryLock()) {
            // Simulation: take the command in at once unless the owner is busy (it drains before its next decision).
            try {
                if (!core.isClosed()) {
                    core.drainCommands(timeSource.taiNanos());
                }
            } finally {
                simulationLock.unlock();
            }
        }
    }

    // ---------------------------------------------------------------- close

    @Override
    public void close() {
        core.markClosed();
        if (timerThread != null) {
            LockSupport.unpark(timerThread);
            if (Thread.currentThread() != timerThread) {
                uninterruptibly(timerThread::join);
            }
        } else {
            simulationLock.lock(); // waits for a run in progress on another thread
            try {
                simulatedSource.removeListener(simulationDriver);
                core.terminateAll();
            } finally {
                simulationLock.unlock();
            }
        }
    }

    /** A blocking wait that may be interrupted. */
    private interface Wait {
        void await() throws InterruptedException;
    }

    /** Waits to the end, then restores an interrupt that came meanwhile. */
    private static void uninterruptibly(Wait wait) {
        boolean interrupted = false;
        while (true) {
            try {
                wait.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- timer thread

    private void timerLoop() {
        try {
            reduceTimerSlack();
            timerThreadScheduling = RealTimeThread.applyToCurrentThread(
                    settings.realTimeRequest(), timerThread.getName(), core.log);
        } finally {
            timerThreadReady.countDown();
        }
        try {
            while (!core.isClosed()) {
                try {
                    turn();
                } catch (Throwable unexpected) { // the clock failed, or a bug: keep the scheduler alive
                    WAKE_AT.setVolatile(this, AWAKE);
                    loopFailureLog.failure("Timer thread " + timerThread.getName()
                            + " failed outside any task and retries after maxParkNanos", unexpected);
                    LockSupport.parkNanos(this, maxParkNanos);
                }
            }
        } finally {
            core.terminateAll();
        }
    }

    /** One turn of the timer thread: run what is due, then wait for the next deadline or a wake-up. */
    private void turn() {
        TURNS.setOpaque(this, (long) TURNS.getOpaque(this) + 1); // single writer: no atomic needed
        if (Thread.interrupted()) {
            // Nothing of ours interrupts this thread (close() unparks it and sets a flag), but a set flag would make
            // every park return at once: a core at 100 % for good, and every inline task's waits would throw.
            interruptLog.failure("Timer thread " + timerThread.getName() + " was interrupted from outside; the "
                    + "interrupt is cleared and ignored (close() stops the scheduler)", null);
        }
        core.runDue(timeSource.taiNanos(), afterInlineRun);
        core.flushLogSummaries();
        long deadlineTaiNanos = core.nextDeadlineTaiNanos();
        long nowTaiNanos = timeSource.taiNanos();
        if (deadlineTaiNanos > nowTaiNanos) {
            long remainingNanos = deadlineTaiNanos - nowTaiNanos;
            if (remainingNanos < 0) { // NO_DEADLINE with a negative now: wrapped
                remainingNanos = Long.MAX_VALUE;
            }
            if (remainingNanos > spinMarginNanos) {
                long parkNanos = remainingNanos - spinMarginNanos;
                if (parkNanos > 2 * APPROACH_NANOS) {
                    parkNanos -= APPROACH_NANOS; // wake once more about 1 ms before, and measure again
                }
                parkNanos = Math.min(parkNanos, maxParkNanos);
                // Publish the wake before the last look at the commands (Dekker pair with the producers' push).
                WAKE_AT.setVolatile(this, saturatedSum(nowTaiNanos, parkNanos));
                if (!core.hasPendingCommands() && !core.isClosed()) {
                    LockSupport.parkNanos(this, parkNanos);
                }
            } else {
                // A spin ends by itself when a command waits: no producer needs to unpark it.
                spinUntil(deadlineTaiNanos, remainingNanos);
            }
        }
        WAKE_AT.setVolatile(this, AWAKE);
    }

    /** @return {@code a + b} for {@code b >= 0}, or {@link ScheduledTask#NO_DEADLINE} where it would overflow */
    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < a ? ScheduledTask.NO_DEADLINE : sum;
    }

    /**
     * After each inline run: clears an interrupt the task left behind (the usual {@code catch (InterruptedException e)
     * { Thread.currentThread().interrupt(); }} does), so the next task does not inherit it, then reads TAI afresh.
     */
    private long afterInlineRun(TaskEntry ran) {
        if (Thread.interrupted()) {
            interruptLog.failure("Task " + ran + " left the interrupt flag of timer thread " + timerThread.getName()
                    + " set; it is cleared, so that later tasks and the timer's own waits are not interrupted. A task "
                    + "on the timer thread is not interrupted by obstime: return instead of restoring the flag", null);
        }
        return timeSource.taiNanos();
    }

    /**
     * Spins until TAI reaches the deadline, a command waits or the scheduler closes, but for no longer than
     * {@code remainingNanos} (plus {@link #SPIN_GRACE_NANOS} and 1/1024 of it) of monotonic time: TAI and
     * CLOCK_MONOTONIC advance at the same rate (a slew changes it by at most 500 ppm), so a spin that lasts longer has
     * seen TAI stepped back, and would otherwise burn a core for the whole step. The turn then re-reads TAI and parks.
     */
    private void spinUntil(long deadlineTaiNanos, long remainingNanos) {
        long spinEndMonotonicNanos = monotonicNanos.getAsLong() + remainingNanos + (remainingNanos >> 10)
                + SPIN_GRACE_NANOS;
        while (timeSource.taiNanos() < deadlineTaiNanos && !core.hasPendingCommands() && !core.isClosed()
                && monotonicNanos.getAsLong() - spinEndMonotonicNanos < 0) {
            SPIN_ITERATIONS.setOpaque(this, (long) SPIN_ITERATIONS.getOpaque(this) + 1); // single writer
            Thread.onSpinWait();
        }
    }

    private void reduceTimerSlack() {
        long slackNanos = settings.timerSlackNanos();
        if (slackNanos == 0) {
            return;
        }
        try {
            if (!ThreadTimerSlack.setCurrentThreadNanos(slackNanos)) {
                // ThreadTimerSlack has already logged why, once per process.
                core.log.debug("Timer thread {} keeps its inherited timer slack", timerThread.getName());
            }
        } catch (RuntimeException | LinkageError e) { // the clock module's native layer is broken: say so once
            if (SLACK_WARNED.compareAndSet(false, true)) {
                core.log.warn("Could not set the timer slack of timer thread {} to {} ns; it keeps the inherited "
                        + "slack (50 µs by default), so wake-ups are that much later. Logged once.",
                        timerThread.getName(), slackNanos, e);
            }
        }
    }

    // ---------------------------------------------------------------- simulation

    /** Drives the core from a simulated source: called on the advancing thread, one call at a time. */
    private final class SimulationDriver implements SimulatedTimeListener {

        @Override
        public long nextDeadlineTaiNanos() {
            simulationLock.lock();
            try {
                if (core.isClosed()) {
                    return ScheduledTask.NO_DEADLINE;
                }
                long nowTaiNanos = timeSource.taiNanos();
                core.drainCommands(nowTaiNanos);
                long deadlineTaiNanos = core.nextDeadlineTaiNanos();
                return Math.max(deadlineTaiNanos, nowTaiNanos); // past deadlines are due now
            } finally {
                simulationLock.unlock();
            }
        }

        @Override
        public void onTime(long nowTaiNanos) {
            simulationLock.lock();
            try {
                core.runDue(nowTaiNanos);
                core.flushLogSummaries();
            } finally {
                simulationLock.unlock();
            }
        }

        /** Rethrows the first task failure of the move, the others suppressed in it (see TimeScheduler's docs). */
        @Override
        public void moveEnded(long nowTaiNanos) {
            Throwable failure;
            simulationLock.lock();
            try {
                failure = core.takeHeldFailure();
            } finally {
                simulationLock.unlock();
            }
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            if (failure != null) { // a checked exception thrown by sleight of hand (Runnable declares none)
                throw new UndeclaredThrowableException(failure, "a task threw a checked exception: " + failure);
            }
        }
    }

    @Override
    public String toString() {
        return "TimeScheduler[" + (timerThread != null ? "timer thread " + timerThread.getName()
                : "driven by " + simulatedSource) + (core.isClosed() ? ", closed]" : "]");
    }

    /** Package-private for tests: the core, to be inspected only by its owner. */
    TimerCore core() {
        return core;
    }

    /** Package-private for tests: how many turns (wake-ups) the timer thread has made. */
    long turns() {
        return (long) TURNS.getOpaque(this);
    }

    /** Package-private for tests: how many iterations the timer thread's spin loop has made. */
    long spinIterations() {
        return (long) SPIN_ITERATIONS.getOpaque(this);
    }

    /** Package-private for tests: the timer thread, or null in simulation. */
    Thread timerThread() {
        return timerThread;
    }
}
