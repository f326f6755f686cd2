package io.obstime.scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

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

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(TaskEntry.class, "state", int.class);
            RUN_COUNT = lookup.findVarHandle(TaskEntry.class, "runCount", long.class);
            SKIPPED_TICKS = lookup.findVarHandle(TaskEntry.class, "skippedTicks", long.class);
            FAILURE_COUNT = lookup.findVarHandle(TaskEntry.class, "failureCount", long.class);
            NEXT_DEADLINE = lookup.findVarHandle(TaskEntry.class, "publishedNextDeadlineTaiNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final TimerCore core;
    final Runnable task;
    /** 0 for a once-only task. */
    final long periodNanos;
    /** True when slot 0 is "whenever the owner takes the task in" (schedulePeriodically(period, task)). */
    final boolean anchorAtTakeIn;

    // Owner-thread fields (timer thread, or the thread holding the simulation lock): plain.
    long startTaiNanos;
    long deadlineTaiNanos;
    long tickIndex;
    long sequence;
    int heapIndex = -1;

    // Shared fields, accessed only through the VarHandles above.
    @SuppressWarnings("unused") private int state;
    @SuppressWarnings("unused") private long runCount;
    @SuppressWarnings("unused") private long skippedTicks;
    @SuppressWarnings("unused") private long failureCount;
    @SuppressWarnings("unused") private long publishedNextDeadlineTaiNanos;

    private final RateLimitedLog failureLog;

    TaskEntry(TimerCore core, Runnable task, long startTaiNanos, long periodNanos, boolean anchorAtTakeIn) {
        this.core = core;
        this.task = task;
        this.startTaiNanos = startTaiNanos;
        this.deadlineTaiNanos = startTaiNanos;
        this.periodNanos = periodNanos;
        this.anchorAtTakeIn = anchorAtTakeIn;
        this.failureLog = new RateLimitedLog(TimerCore.LOG, 1_000_000_000L);
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

    // ---- executor entry point ----

    /** Called by the executor for one tick: runs the task unless the scheduler has been closed meanwhile. */
    @Override
    public void run() {
        if (!core.isClosed()) {
            invoke();
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

    /** Owner only: the single writer, so a plain read plus a release write is an atomic increment. */
    void countRun() {
        RUN_COUNT.setRelease(this, (long) RUN_COUNT.get(this) + 1);
    }

    /** Owner only. */
    void countSkipped(long ticks) {
        SKIPPED_TICKS.setRelease(this, (long) SKIPPED_TICKS.get(this) + ticks);
    }

    /** Owner only. */
    void publishNextDeadline(long nextDeadlineTaiNanos) {
        NEXT_DEADLINE.setRelease(this, nextDeadlineTaiNanos);
    }

    /** Runs the task once, on whatever thread calls it, containing and reporting what it throws. */
    void invoke() {
        try {
            task.run();
        } catch (Throwable failure) {
            failed(failure);
        }
    }

    /** A run threw, or the executor refused it. Any thread; several at once with an executor. */
    void failed(Throwable failure) {
        FAILURE_COUNT.getAndAdd(this, 1L);
        boolean cancelling = core.failurePolicy == TaskFailurePolicy.CANCEL && periodNanos != 0;
        String what = periodNanos == 0 ? "Once-only task threw: "
                : cancelling ? "Periodic task cancelled after it threw: "
                : "Periodic task threw; its schedule continues: ";
        failureLog.failure(what + this, failure);
        if (cancelling) {
            cancel();
        }
    }

    @Override
    public String toString() {
        return "ScheduledTask[" + task + (periodNanos == 0 ? ", once" : ", periodNanos=" + periodNanos)
                + ", " + STATE_NAMES[(int) STATE.getAcquire(this)] + "]";
    }
}
