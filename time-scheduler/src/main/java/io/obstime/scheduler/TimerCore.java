package io.obstime.scheduler;

import io.obstime.scheduler.actor.Delivery;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling engine without a clock: a binary min-heap of {@link TaskEntry} ordered by (deadline, sequence), fed by
 * two lock-free multi-producer stacks (tasks to take in, tasks to remove) linked through the entries themselves, so a
 * schedule or a cancel allocates nothing beyond the entry; advanced by {@link #runDue(long)} with a TAI reading supplied by its
 * driver (the timer thread, or a simulated time source), and by a fresh reading the driver supplies after each inline
 * run. It never reads a clock itself and never sleeps.
 *
 * <p>Why a heap and not a timer wheel: deadlines are arbitrary TAI nanoseconds, from 100 µs to years ahead, and the
 * order among equal deadlines must be the schedule order. A wheel quantises to its tick (Akka's 1 ms is exactly the
 * lateness this library removes) and needs overflow handling for far deadlines; a heap is exact at any resolution,
 * O(log n) per insert/removal (each task carries its heap index, so cancel removes in O(log n) too), and a periodic
 * tick is one removal and one insertion in an array: no allocation. With the tens to thousands of tasks of a control
 * system, log n is a handful of comparisons.
 *
 * <p>Threads: producer methods ({@link #submitSchedule}, {@link #submitCancel}, {@link #hasPendingCommands},
 * {@link #isClosed}) from any thread; everything else only from the owner (one thread at a time, with
 * happens-before between successive owners).
 */
final class TimerCore {

    static final Logger LOG = LoggerFactory.getLogger("io.obstime.scheduler");

    private static final int INITIAL_CAPACITY = 16;

    private static final VarHandle SUBMITTED;
    private static final VarHandle CANCELLED;
    private static final VarHandle CLOSED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SUBMITTED = lookup.findVarHandle(TimerCore.class, "submitted", TaskEntry.class);
            CANCELLED = lookup.findVarHandle(TimerCore.class, "cancelled", TaskEntry.class);
            CLOSED = lookup.findVarHandle(TimerCore.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How the core tells its driver that a command is waiting; called on the submitting thread. */
    interface CommandSignal {
        /**
         * @param deadlineTaiNanos the deadline requested, or {@link ScheduledTask#NO_DEADLINE} for a cancel
         * @param dueNow           true for a task anchored at "now"
         * @param waiting          for a schedule, the number of new tasks waiting, this one included; 0 for a cancel
         */
        void commandSubmitted(long deadlineTaiNanos, boolean dueNow, int waiting);
    }

    /** The timer thread's hook after each inline run (see {@link #runDue(long, AfterInlineRun)}). */
    interface AfterInlineRun {
        /**
         * @param ran the task that has just run on the owner thread
         * @return a fresh TAI reading, nanoseconds since 1970-01-01T00:00:00 TAI
         */
        long freshTaiNanos(TaskEntry ran);
    }

    /** Where this core's tasks and driver log; {@link #LOG} but in tests. */
    final Logger log;
    /** The rate-limited logs of this core holding back a burst, flushed by the owner at each wake. */
    private final RateLimitedLog.Pending logSummaries;
    final MissedTickPolicy missedTickPolicy;
    private final long maxCatchUpNanos;
    final TaskFailurePolicy failurePolicy;
    /** Each task's lateness histogram range; 0: not recorded. */
    final long latenessUpToNanos;
    private final Executor executor; // null: inline
    private final CommandSignal signal;
    /**
     * True on simulated time with {@link TimeSchedulerSettings#simulatedFailuresRethrown()}: inline runs' failures are
     * held for the driver ({@link #takeHeldFailure()}) instead of logged.
     */
    final boolean holdsInlineFailures;
    /**
     * The one log of skipped slots for all of this core's periodic tasks, or null if the settings say not to log them:
     * one per scheduler, not per task, so that a stall that makes 1000 tasks skip a slot writes one line, not 1000.
     */
    private final RateLimitedLog overrunLog;

    /**
     * Top of the stack of new tasks for the owner to take in, linked by {@link TaskEntry#nextSubmitted}; SUBMITTED.
     * An entry is pushed here once, when it is made.
     */
    @SuppressWarnings("unused") private TaskEntry submitted;
    /**
     * Top of the stack of cancelled tasks for the owner to remove, linked by {@link TaskEntry#nextCancelled}; CANCELLED.
     * An entry is pushed here at most once, by the {@code cancel()} that won its state change. A second stack, not a
     * second link through the first, because an entry may sit on both at once and the owner may be walking either.
     */
    @SuppressWarnings("unused") private TaskEntry cancelled;
    @SuppressWarnings("unused") private boolean closed;   // CLOSED

    // Owner only.
    /** The first failure held since the driver last took them, the later ones suppressed in it; null for none. */
    private Throwable heldFailure;
    private long heldFailures;
    private TaskEntry[] heap = new TaskEntry[INITIAL_CAPACITY];
    private int size;
    private long nextSequence;

    TimerCore(TimeSchedulerSettings settings, CommandSignal signal) {
        this(settings, signal, System::nanoTime, LOG, false);
    }

    /**
     * @param monotonicNanos CLOCK_MONOTONIC for the rate limits of the logs
     * @param log            where tasks' failures and the driver's troubles are logged
     * @param simulated      true when a simulated time source drives the core (failures of inline runs are then held
     *                       for the driver if the settings say so)
     */
    TimerCore(TimeSchedulerSettings settings, CommandSignal signal, LongSupplier monotonicNanos, Logger log,
            boolean simulated) {
        this.holdsInlineFailures = simulated && settings.simulatedFailuresRethrown();
        this.signal = signal;
        this.log = log;
        this.logSummaries = new RateLimitedLog.Pending(monotonicNanos);
        this.overrunLog = settings.overrunLogIntervalNanos() == 0 ? null
                : new RateLimitedLog(log, settings.overrunLogIntervalNanos(), logSummaries, "slots skipped",
                        "periodic tasks on timer " + settings.timerThreadName());
        this.missedTickPolicy = settings.missedTickPolicy();
        this.maxCatchUpNanos = settings.maxCatchUpNanos();
        this.failurePolicy = settings.taskFailurePolicy();
        this.latenessUpToNanos = settings.latenessRecordingUpToNanos();
        this.executor = settings.executor().orElse(null);
    }

    /**
     * @return true if {@code task} runs on the owner thread: every task without an executor, and a message delivery
     *         ({@link Delivery}, a non-blocking {@code tell}) always, so messages skip the hop through the executor
     */
    boolean runsInline(Runnable task) {
        return executor == null || task instanceof Delivery;
    }

    /** @return a new log of this core, at most one line per {@code intervalNanos}, its bursts flushed by the owner */
    RateLimitedLog rateLimitedLog(long intervalNanos) {
        return new RateLimitedLog(log, intervalNanos, logSummaries);
    }

    /** @return the log of skipped slots shared by this core's periodic tasks, or null if they are not logged */
    RateLimitedLog overrunLog() {
        return overrunLog;
    }

    // ---------------------------------------------------------------- any thread

    /** Hands a new task to the owner. */
    void submitSchedule(TaskEntry task) {
        long requestedTaiNanos = task.deadlineTaiNanos; // read before the push: afterwards the owner may change it
        TaskEntry top;
        do {
            top = (TaskEntry) SUBMITTED.getVolatile(this);
            task.nextSubmitted = top;
            task.submittedDepth = top == null ? 1 : top.submittedDepth + 1;
        } while (!SUBMITTED.compareAndSet(this, top, task)); // volatile: publishes the entry and its links
        if (!discardIfClosed()) {
            signal.commandSubmitted(requestedTaiNanos, task.anchorAtTakeIn, task.submittedDepth);
        }
    }

    /**
     * Asks the owner to remove a task that has just been marked cancelled. No depth is counted: a cancel holds nothing
     * that was not held before it, so a storm of them needs no early wake; the owner removes them at its next turn.
     */
    void submitCancel(TaskEntry task) {
        TaskEntry top;
        do {
            top = (TaskEntry) CANCELLED.getVolatile(this);
            task.nextCancelled = top;
        } while (!CANCELLED.compareAndSet(this, top, task));
        if (!discardIfClosed()) {
            signal.commandSubmitted(ScheduledTask.NO_DEADLINE, false, 0);
        }
    }

    /**
     * A command pushed while {@link #close} raced with it may land after {@link #terminateAll()} emptied the stack,
     * and a closed core's owner never drains again: the producer empties the stack itself, marking the tasks DONE.
     *
     * @return true if the core is closed
     */
    private boolean discardIfClosed() {
        if (!isClosed()) {
            return false;
        }
        markWaitingDone();
        return true;
    }

    /** Empties both stacks, marking the new tasks DONE (a cancelled one stays CANCELLED). */
    private void markWaitingDone() {
        TaskEntry e = (TaskEntry) SUBMITTED.getAndSet(this, null);
        while (e != null) {
            TaskEntry next = e.nextSubmitted;
            e.nextSubmitted = null;
            e.markDone();
            e = next;
        }
        e = (TaskEntry) CANCELLED.getAndSet(this, null);
        while (e != null) {
            TaskEntry next = e.nextCancelled;
            e.nextCancelled = null;
            e = next; // CANCELLED already
        }
    }

    boolean hasPendingCommands() {
        return SUBMITTED.getVolatile(this) != null || CANCELLED.getVolatile(this) != null;
    }

    boolean isClosed() {
        return (boolean) CLOSED.getVolatile(this);
    }

    /** @return true for the call that closed it */
    boolean markClosed() {
        return CLOSED.compareAndSet(this, false, true);
    }

    // ---------------------------------------------------------------- owner only

    /**
     * Writes the summaries of failure bursts that have stopped, once their interval has passed: without this a burst
     * is only summarised when the next failure comes, maybe never. Allocation-free when none is held back.
     */
    void flushLogSummaries() {
        logSummaries.flushDue();
    }

    /** At most this many failures are kept as suppressed in the first one; the rest are only counted. */
    static final int MAX_SUPPRESSED_FAILURES = 100;

    /**
     * Owner, during an inline run's failure (simulated time): keeps {@code failure} for {@link #takeHeldFailure()}.
     * Only failure paths come here; it allocates only when a failure is kept beyond the first.
     */
    void holdFailure(Throwable failure) {
        heldFailures++;
        if (heldFailure == null) {
            heldFailure = failure;
        } else if (heldFailures <= MAX_SUPPRESSED_FAILURES + 1 && failure != heldFailure) {
            heldFailure.addSuppressed(failure);
        }
    }

    /**
     * Owner: the failures held since the last call, and forgets them.
     *
     * @return null if none; else the first failure with the next ones (up to {@value #MAX_SUPPRESSED_FAILURES})
     *         suppressed in it and, if more were dropped, a last suppressed {@link IllegalStateException} counting them
     */
    Throwable takeHeldFailure() {
        Throwable first = heldFailure;
        long dropped = heldFailures - 1 - MAX_SUPPRESSED_FAILURES;
        heldFailure = null;
        heldFailures = 0;
        if (first != null && dropped > 0) {
            first.addSuppressed(new IllegalStateException(dropped + " more task failures in the same move of the "
                    + "simulated clock, not kept (each is counted in its task's failureCount())"));
        }
        return first;
    }

    /** @return the earliest deadline held, or {@link ScheduledTask#NO_DEADLINE} */
    long nextDeadlineTaiNanos() {
        return size == 0 ? ScheduledTask.NO_DEADLINE : heap[0].deadlineTaiNanos;
    }

    /** @return the number of tasks in the heap */
    int size() {
        return size;
    }

    /** @return the number of non-null slots in the heap array (equals {@link #size()} unless something leaks) */
    int retainedSlots() {
        int n = 0;
        for (TaskEntry e : heap) {
            if (e != null) {
                n++;
            }
        }
        return n;
    }

    /** @return the heap array's length */
    int capacity() {
        return heap.length;
    }

    /**
     * Takes in every new task in the order they were submitted (equal deadlines run in schedule order), then removes
     * every cancelled one. The two orders agree with the submission order: a task cancelled before the owner saw it is
     * not taken in (its state says so), and its removal then finds it outside the heap.
     *
     * @param nowTaiNanos the TAI now, anchoring tasks scheduled "now" and aligning periodic tasks that start in the past
     */
    void drainCommands(long nowTaiNanos) {
        if (SUBMITTED.getVolatile(this) != null) { // the tick path: two volatile loads, no atomic exchange
            TaskEntry top = (TaskEntry) SUBMITTED.getAndSet(this, null);
            TaskEntry first = null;
            while (top != null) { // reverse the stack into submission order
                TaskEntry next = top.nextSubmitted;
                top.nextSubmitted = first;
                first = top;
                top = next;
            }
            while (first != null) {
                TaskEntry next = first.nextSubmitted;
                first.nextSubmitted = null; // no entry keeps another alive
                takeIn(first, nowTaiNanos);
                first = next;
            }
        }
        if (CANCELLED.getVolatile(this) != null) {
            TaskEntry e = (TaskEntry) CANCELLED.getAndSet(this, null);
            while (e != null) {
                TaskEntry next = e.nextCancelled;
                e.nextCancelled = null;
                if (e.heapIndex >= 0) {
                    removeAt(e.heapIndex);
                }
                e = next;
            }
        }
    }

    private void takeIn(TaskEntry task, long nowTaiNanos) {
        if (!task.isScheduled()) {
            return; // cancelled before the owner saw it
        }
        if (task.periodNanos != 0) {
            if (task.anchorAtTakeIn) {
                task.startTaiNanos = nowTaiNanos;
            }
            task.tickIndex = Slots.firstIndexAtOrAfter(task.startTaiNanos, task.periodNanos, nowTaiNanos);
            task.deadlineTaiNanos = Slots.slotTaiNanos(task.startTaiNanos, task.tickIndex, task.periodNanos);
            if (task.deadlineTaiNanos == ScheduledTask.NO_DEADLINE) {
                task.markDone(); // every slot lies beyond 2262
                return;
            }
        }
        task.sequence = nextSequence++;
        task.publishNextDeadline(task.deadlineTaiNanos);
        insert(task);
    }

    /**
     * Runs every task whose deadline is at or before {@code nowTaiNanos}, in (deadline, schedule order), including
     * tasks that become due meanwhile (scheduled by a task for now, or periodic slots still passed under
     * {@link MissedTickPolicy#CATCH_UP}). Stops early if the core is closed. Allocates nothing when no command is
     * waiting.
     *
     * @param nowTaiNanos the TAI now, nanoseconds since 1970-01-01T00:00:00 TAI
     * @return the number of runs started
     */
    int runDue(long nowTaiNanos) {
        return runDue(nowTaiNanos, null);
    }

    /**
     * As {@link #runDue(long)}, but takes a fresh TAI reading after each inline run, so that a long run does not leave
     * the rest of the pass on a stale "now": tasks taken in afterwards are anchored, and missed slots counted, at the
     * fresh reading.
     *
     * @param nowTaiNanos    the TAI now, just read
     * @param afterInlineRun called on the owner after each inline run: tidies up after the task and supplies a fresh
     *                       TAI reading; null to keep {@code nowTaiNanos} (simulation, where the reading does not
     *                       change during a pass)
     * @return the number of runs started
     */
    int runDue(long nowTaiNanos, AfterInlineRun afterInlineRun) {
        int started = 0;
        while (!isClosed()) {
            drainCommands(nowTaiNanos);
            if (size == 0) {
                break;
            }
            TaskEntry task = heap[0];
            if (task.deadlineTaiNanos > nowTaiNanos) {
                break;
            }
            removeAt(0);
            if (task.periodNanos == 0) {
                fireOnce(task, nowTaiNanos);
            } else {
                firePeriodic(task, nowTaiNanos);
            }
            started++;
            if (afterInlineRun != null && task.inline) {
                // The run may have taken long: no stale anchor, no phantom skips.
                long afterTaiNanos = afterInlineRun.freshTaiNanos(task);
                if (task.periodNanos != 0 && afterTaiNanos - nowTaiNanos > task.periodNanos) {
                    SchedulerEvents.overrun(task, afterTaiNanos - nowTaiNanos);
                }
                nowTaiNanos = afterTaiNanos;
            }
        }
        return started;
    }

    private void fireOnce(TaskEntry task, long nowTaiNanos) {
        if (task.markDone()) { // loses to a concurrent cancel: then it does not run
            task.countRun(task.deadlineTaiNanos, nowTaiNanos);
            if (task.inline) {
                task.invoke(task.deadlineTaiNanos);
            } else if (task.claimRun()) { // always succeeds: a once-only task is handed over once
                handOver(task, nowTaiNanos);
            }
        }
    }

    private void firePeriodic(TaskEntry task, long nowTaiNanos) {
        if (!task.isScheduled()) {
            return;
        }
        long tick = task.tickIndex;
        long passed = 0;
        if (missedTickPolicy == MissedTickPolicy.SKIP) {
            passed = Slots.periodsBetween(task.deadlineTaiNanos, nowTaiNanos, task.periodNanos);
            tick += passed; // this run stands for the latest passed slot
        } else if (Long.compareUnsigned(nowTaiNanos - task.deadlineTaiNanos, maxCatchUpNanos) > 0) {
            passed = catchUpSkips(task, nowTaiNanos);
            tick += passed; // catch up from the first slot of the last maxCatchUpNanos
        }
        long slotTaiNanos = task.deadlineTaiNanos + passed * task.periodNanos; // the slot of tick: <= now, fits
        long nextTick = tick + 1;
        long nextDeadline = nextTick == 0 ? ScheduledTask.NO_DEADLINE
                : Slots.slotTaiNanos(task.startTaiNanos, nextTick, task.periodNanos);
        task.tickIndex = nextTick;
        task.deadlineTaiNanos = nextDeadline;
        task.publishNextDeadline(nextDeadline);
        try {
            if (task.inline) {
                countSkipped(task, passed);
                task.countRun(slotTaiNanos, nowTaiNanos);
                task.invoke(slotTaiNanos);
            } else if (missedTickPolicy == MissedTickPolicy.CATCH_UP) {
                countSkipped(task, passed);
                task.countRun(slotTaiNanos, nowTaiNanos);
                if (task.oweRun()) { // else the run in flight runs this slot when it finishes
                    handOver(task, nowTaiNanos);
                }
            } else if (task.claimRun()) {
                countSkipped(task, passed);
                task.countRun(slotTaiNanos, nowTaiNanos);
                handOver(task, nowTaiNanos);
            } else {
                countSkipped(task, passed + 1); // the previous run is still in flight: this slot is skipped too
                SchedulerEvents.overrun(task, nowTaiNanos - task.handedOverTaiNanos); // so far, and still running
            }
        } finally {
            // invoke() and handOver() contain failures; this holds even for an Error escaping that containment: a
            // task out of the heap but still SCHEDULED would never run again while looking alive.
            if (nextDeadline == ScheduledTask.NO_DEADLINE || isClosed()) {
                task.markDone(); // no-op if the run cancelled it
            } else if (task.isScheduled()) {
                insert(task); // keeps its sequence: equal slots keep schedule order forever
            }
        }
    }

    /**
     * CATCH_UP, the task's slot more than {@code maxCatchUpNanos} behind {@code nowTaiNanos} (a clock stepped forward,
     * a long pause): running every passed slot back to back would hold the timer for as long as the gap (10 s of a
     * 1 kHz task: 10 000 runs) while the runs carry stale work; so the slots before {@code now − maxCatchUpNanos} are
     * skipped, except the latest passed slot, which always runs.
     *
     * @return how many slots, from the task's current one, to skip
     */
    private long catchUpSkips(TaskEntry task, long nowTaiNanos) {
        long oldestKeptTaiNanos = nowTaiNanos - maxCatchUpNanos; // > the slot, so no overflow
        long latest = task.tickIndex + Slots.periodsBetween(task.deadlineTaiNanos, nowTaiNanos, task.periodNanos);
        long firstKept = Slots.firstIndexAtOrAfter(task.startTaiNanos, task.periodNanos, oldestKeptTaiNanos);
        return (Long.compareUnsigned(firstKept, latest) < 0 ? firstKept : latest) - task.tickIndex;
    }

    private static void countSkipped(TaskEntry task, long ticks) {
        if (ticks != 0) {
            task.countSkipped(ticks);
        }
    }

    /** Hands a claimed run to the executor. The entry is the Runnable: nothing is allocated on obstime's side. */
    private void handOver(TaskEntry task, long nowTaiNanos) {
        task.handedOverTaiNanos = nowTaiNanos;
        try {
            executor.execute(task);
        } catch (Throwable refused) { // RejectedExecutionException, or a broken executor
            task.abandonRuns();
            task.failed(refused);
        }
    }

    /** Marks every held or waiting task DONE and empties the heap: the end of a closed scheduler. */
    void terminateAll() {
        markWaitingDone();
        for (int i = 0; i < size; i++) {
            heap[i].markDone();
            heap[i].heapIndex = -1;
        }
        heap = new TaskEntry[INITIAL_CAPACITY];
        size = 0;
    }

    // ---------------------------------------------------------------- heap

    private static boolean before(TaskEntry a, TaskEntry b) {
        return a.deadlineTaiNanos < b.deadlineTaiNanos
                || (a.deadlineTaiNanos == b.deadlineTaiNanos && a.sequence < b.sequence);
    }

    private void insert(TaskEntry task) {
        if (size == heap.length) {
            grow();
        }
        int i = size++;
        heap[i] = task;
        task.heapIndex = i;
        siftUp(i);
    }

    private void removeAt(int i) {
        TaskEntry removed = heap[i];
        int last = --size;
        TaskEntry moved = heap[last];
        heap[last] = null;
        removed.heapIndex = -1;
        if (i != last) {
            heap[i] = moved;
            moved.heapIndex = i;
            siftDown(i);
            if (moved.heapIndex == i) {
                siftUp(i);
            }
        }
        if (heap.length > INITIAL_CAPACITY && size < heap.length >>> 2) {
            shrink();
        }
    }

    private void siftUp(int i) {
        TaskEntry task = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            TaskEntry p = heap[parent];
            if (!before(task, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = task;
        task.heapIndex = i;
    }

    private void siftDown(int i) {
        TaskEntry task = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            TaskEntry c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, task)) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = task;
        task.heapIndex = i;
    }

    private void grow() {
        heap = Arrays.copyOf(heap, heap.length * 2);
    }

    private void shrink() {
        heap = Arrays.copyOf(heap, Math.max(INITIAL_CAPACITY, heap.length >>> 1));
    }
}
