package io.obstime.scheduler;

import io.obstime.scheduler.actor.Delivery;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * One scheduled task: the handle given to the user, the node of the deadline heap, and, with an executor, the
 * {@link Runnable} handed to it at each tick (so ticks allocate nothing). Field ownership and memory ordering are
 * listed in {@code package-info.java}.
 */
final class TaskEntry implements ScheduledTask, Runnable {

    static final int SCHEDULED = 0;
    static final int CANCELLED = 1;
    /** Will not run again for another reason: a once-only task that started, an ended schedule, a closed scheduler. */
    static final int DONE = 2;
    private static final String[] STATE_NAMES = {"scheduled", "cancelled", "done"};

    private static final VarHandle STATE;
    private static final VarHandle RUN_COUNT;
    private static final VarHandle SKIPPED_TICKS;
    private static final VarHandle FAILURE_COUNT;
    private static final VarHandle NEXT_DEADLINE;
    private static final VarHandle OWED_RUNS;
    private static final VarHandle LOGS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(TaskEntry.class, "state", int.class);
            RUN_COUNT = lookup.findVarHandle(TaskEntry.class, "runCount", long.class);
            SKIPPED_TICKS = lookup.findVarHandle(TaskEntry.class, "skippedTicks", long.class);
            FAILURE_COUNT = lookup.findVarHandle(TaskEntry.class, "failureCount", long.class);
            NEXT_DEADLINE = lookup.findVarHandle(TaskEntry.class, "publishedNextDeadlineTaiNanos", long.class);
            OWED_RUNS = lookup.findVarHandle(TaskEntry.class, "owedRuns", long.class);
            LOGS = lookup.findVarHandle(TaskEntry.class, "logs", TaskLogs.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final TimerCore core;
    /** The task as given, a {@link NamedTask} included: what {@link #toString()} shows. */
    final Runnable task;
    /** What runs: {@link #task}, or the task a {@link NamedTask} wraps. */
    private final Runnable body;
    /** {@link #body} when it is a message delivery, which is given each slot's deadline; else null. */
    private final Delivery<?> delivery;
    /** 0 for a once-only task. */
    final long periodNanos;
    /** True when slot 0 is "whenever the owner takes the task in" (schedulePeriodically(period, task)). */
    final boolean anchorAtTakeIn;
    /** True when the task runs on the owner thread, false when each run is handed to the executor. */
    final boolean inline;

    // Owner-thread fields (timer thread, or the thread holding the simulation lock): plain.
    long startTaiNanos;
    long deadlineTaiNanos;
    long tickIndex;
    long sequence;
    int heapIndex = -1;

    // Links of TimerCore's producer stacks: written by the pushing thread before the CAS that publishes the entry,
    // read and cleared by the owner after it has taken the whole stack.
    /** The entry submitted before this one, on the stack of tasks to take in. */
    TaskEntry nextSubmitted;
    /** The number of entries on that stack, this one included, when it was pushed. */
    int submittedDepth;
    /** The entry cancelled before this one, on the stack of tasks to remove. */
    TaskEntry nextCancelled;

    // Shared fields, accessed only through the VarHandles above.
    @SuppressWarnings("unused") private int state;
    @SuppressWarnings("unused") private long runCount;
    @SuppressWarnings("unused") private long skippedTicks;
    @SuppressWarnings("unused") private long failureCount;
    @SuppressWarnings("unused") private long publishedNextDeadlineTaiNanos;
    /**
     * Executor path only: runs handed over and not yet finished, the one in flight included. Non-zero means a run is
     * in flight (at most 1 under SKIP; under CATCH_UP the slots that fell due meanwhile are owed on top of it).
     */
    @SuppressWarnings("unused") private long owedRuns;

    /** This task's logs, made at its first failure or skipped slot; LOGS: published by CAS, read with acquire. */
    @SuppressWarnings("unused") private TaskLogs logs;
    /** Null unless the settings ask for lateness recording. Written by the owner only. */
    private final LatenessHistogram lateness;
    /** The task as named in JFR events, made on first use; racy but benign (a String, the same text). */
    private String eventName;
    /** Owner only: TAI when the run in flight on the executor was handed over (for the overrun event). */
    long handedOverTaiNanos;

    TaskEntry(TimerCore core, Runnable task, long startTaiNanos, long periodNanos, boolean anchorAtTakeIn) {
        this.core = core;
        this.task = task;
        this.body = task instanceof NamedTask ? ((NamedTask) task).task() : task;
        this.delivery = body instanceof Delivery ? (Delivery<?>) body : null;
        this.startTaiNanos = startTaiNanos;
        this.deadlineTaiNanos = startTaiNanos;
        this.periodNanos = periodNanos;
        this.anchorAtTakeIn = anchorAtTakeIn;
        this.inline = core.runsInline(body);
        this.lateness = core.latenessUpToNanos > 0 ? new LatenessHistogram(core.latenessUpToNanos) : null;
        NEXT_DEADLINE.setRelease(this, anchorAtTakeIn ? Long.MIN_VALUE : startTaiNanos);
    }

    // ---- ScheduledTask ----

    @Override
    public boolean cancel() {
        if (core.isClosed() || !STATE.compareAndSet(this, SCHEDULED, CANCELLED)) {
            return false;
        }
        NEXT_DEADLINE.setRelease(this, NO_DEADLINE);
        core.submitCancel(this);
        return true;
    }

    @Override
    public boolean isCancelled() {
        return (int) STATE.getAcquire(this) == CANCELLED;
    }

    @Override
    public long runCount() {
        return (long) RUN_COUNT.getAcquire(this);
    }

    @Override
    public long skippedTicks() {
        return (long) SKIPPED_TICKS.getAcquire(this);
    }

    @Override
    public long failureCount() {
        return (long) FAILURE_COUNT.getAcquire(this);
    }

    @Override
    public long nextDeadlineTaiNanos() {
        return (long) NEXT_DEADLINE.getAcquire(this);
    }

    @Override
    public long periodNanos() {
        return periodNanos;
    }

    @Override
    public Optional<LatenessSnapshot> lateness() {
        return lateness == null ? Optional.empty() : Optional.of(lateness.snapshot());
    }

    // ---- executor entry point ----

    /**
     * Called by the executor: runs the task, then every run owed meanwhile (CATCH_UP), one after another, skipping the
     * task once it has been cancelled or the scheduler closed (a once-only task is DONE, never CANCELLED, once handed
     * over, so it still runs). Ends with no run in flight, so the timer thread hands the entry over again.
     */
    @Override
    public void run() {
        boolean released = false;
        try {
            do {
                if (!core.isClosed() && (int) STATE.getAcquire(this) != CANCELLED) {
                    invoke(NO_DEADLINE); // never a Delivery (always inline): the deadline is not used
                }
                // Volatile: the timer's next claim (CAS/getAndAdd) sees it, so each run follows the last one's writes.
            } while ((long) OWED_RUNS.getAndAdd(this, -1L) > 1L);
            released = true;
        } finally {
            if (!released) {
                // invoke() contains everything it can, so this is an Error thrown while containing a failure. Left
                // marked in flight, the task would never be handed over again and every later slot would count as
                // skipped. Clearing may lose a slot the timer owed meanwhile; the next slot is handed over again.
                abandonRuns();
            }
        }
    }

    // ---- owner side ----

    boolean isScheduled() {
        return (int) STATE.getAcquire(this) == SCHEDULED;
    }

    /** @return true if this call moved the task from SCHEDULED to DONE */
    boolean markDone() {
        boolean done = STATE.compareAndSet(this, SCHEDULED, DONE);
        if (done) {
            NEXT_DEADLINE.setRelease(this, NO_DEADLINE);
        }
        return done;
    }

    /**
     * Owner only: the single writer, so a plain read plus a release write is an atomic increment. Records the run's
     * lateness when asked to, and the per-tick JFR event when enabled; allocates nothing otherwise.
     *
     * @param slotTaiNanos the slot this run stands for
     * @param nowTaiNanos  the owner's TAI reading as it starts (or hands over) the run
     */
    void countRun(long slotTaiNanos, long nowTaiNanos) {
        RUN_COUNT.setRelease(this, (long) RUN_COUNT.get(this) + 1);
        long latenessNanos = nowTaiNanos - slotTaiNanos;
        if (lateness != null) {
            lateness.recordRun(latenessNanos);
        }
        SchedulerEvents.tick(this, slotTaiNanos, latenessNanos);
    }

    /** Owner only: counts skipped slots, and reports them (rate-limited) unless the settings say not to. */
    void countSkipped(long ticks) {
        SKIPPED_TICKS.setRelease(this, (long) SKIPPED_TICKS.get(this) + ticks);
        RateLimitedLog overrunLog = core.overrunLog();
        if (overrunLog != null) {
            overrunLog.occurrence(logs().overrunSubject, ticks);
        }
        if (lateness != null) {
            lateness.recordSkipped(ticks);
        }
        SchedulerEvents.missedTicks(this, ticks);
    }

    /**
     * Any thread (a failure on an executor thread too): this task's logs, made on first use. Two threads may both make
     * them; the CAS keeps one and the other copy is dropped unused.
     */
    private TaskLogs logs() {
        TaskLogs existing = (TaskLogs) LOGS.getAcquire(this);
        if (existing != null) {
            return existing;
        }
        TaskLogs made = new TaskLogs(this);
        TaskLogs witness = (TaskLogs) LOGS.compareAndExchange(this, null, made);
        return witness == null ? made : witness;
    }

    /** @return the task as named in JFR events: the user's object as text, made once */
    String eventName() {
        String name = eventName;
        if (name == null) {
            name = describe(task);
            eventName = name;
        }
        return name;
    }

    /** Owner only. */
    void publishNextDeadline(long nextDeadlineTaiNanos) {
        NEXT_DEADLINE.setRelease(this, nextDeadlineTaiNanos);
    }

    /**
     * Timer thread, executor path, SKIP (and once-only tasks): claims the run if none is in flight.
     *
     * @return true if the caller must hand this entry to the executor; false if a run is still in flight
     */
    boolean claimRun() {
        return OWED_RUNS.compareAndSet(this, 0L, 1L);
    }

    /**
     * Timer thread, executor path, CATCH_UP: owes one more run.
     *
     * @return true if no run was in flight, so the caller must hand this entry to the executor; false if the run in
     *         flight will run it when it finishes
     */
    boolean oweRun() {
        return (long) OWED_RUNS.getAndAdd(this, 1L) == 0L;
    }

    /**
     * No run is in flight any more: the executor refused the entry (timer thread; nothing else touches the count
     * then), or a run ended by an escaping Error (executor thread).
     */
    void abandonRuns() {
        OWED_RUNS.setVolatile(this, 0L);
    }

    /**
     * Runs the task once, on whatever thread calls it, containing and reporting what it throws: an Error
     * (OutOfMemoryError, StackOverflowError, AssertionError) too, since letting it escape would kill the timer
     * thread, or leave an executor run marked in flight, for one task's fault.
     *
     * @param slotTaiNanos the deadline of the slot run, given to a {@link Delivery}
     */
    void invoke(long slotTaiNanos) {
        try {
            if (delivery != null) {
                delivery.deliver(slotTaiNanos);
            } else {
                body.run();
            }
        } catch (Throwable failure) {
            failed(failure, inline && core.holdsInlineFailures);
        }
    }

    /**
     * A run threw, or the executor refused it: counts it, applies the failure policy, then logs it. Any thread;
     * several at once with an executor. Never throws: the report may fail (a toString() or a logger that throws,
     * memory exhausted), and the caller's bookkeeping (back in the heap, run released) must complete regardless.
     */
    void failed(Throwable failure) {
        failed(failure, false);
    }

    /**
     * @param held true for an inline run on simulated time whose failure the owner holds for its driver to rethrow at
     *             the end of the move ({@link TimerCore#holdFailure}) instead of logging it
     */
    private void failed(Throwable failure, boolean held) {
        FAILURE_COUNT.getAndAdd(this, 1L);
        try {
            SchedulerEvents.taskFailure(this, failure);
        } catch (Throwable eventFailed) {
            // Never throws (see below): the failure is counted; a broken recorder costs only the event.
        }
        boolean cancelling = core.failurePolicy == TaskFailurePolicy.CANCEL && periodNanos != 0;
        try {
            if (cancelling) {
                cancel(); // before the report: the policy must not depend on it
            }
            if (held) {
                core.holdFailure(failure);
                return;
            }
            String what = periodNanos == 0 ? "Once-only task threw: "
                    : cancelling ? "Periodic task cancelled after it threw: "
                    : "Periodic task threw; its schedule continues: ";
            logs().failures.failure(what + this, failure);
        } catch (Throwable reportFailed) {
            // Nothing more can be reported safely: the failure is counted in failureCount(), and a cancel that failed
            // to push its command has still marked the task CANCELLED, which the timer honours when it meets it.
        }
    }

    @Override
    public String toString() {
        return "ScheduledTask[" + describe(task) + (periodNanos == 0 ? ", once" : ", periodNanos=" + periodNanos)
                + ", " + STATE_NAMES[(int) STATE.getAcquire(this)] + "]";
    }

    /** The longest text of a user's object in a log line or message; the rest is cut. */
    static final int MAX_DESCRIPTION_LENGTH = 200;

    /**
     * The user's object as text, cut to {@value #MAX_DESCRIPTION_LENGTH} characters (a message whose toString() is a
     * megabyte must not make every log line that names the task a megabyte); a toString() that throws must not break
     * the failure log that names it.
     */
    static String describe(Object o) {
        try {
            String text = String.valueOf(o);
            return text.length() <= MAX_DESCRIPTION_LENGTH ? text
                    : text.substring(0, MAX_DESCRIPTION_LENGTH) + "... (" + text.length() + " characters)";
        } catch (Throwable e) {
            return o.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(o))
                    + " (its toString() threw " + e.getClass().getName() + ")";
        }
    }
}
