package io.obstime.scheduler;

import java.util.Optional;

/**
 * A task as scheduled by a {@link TimeScheduler}: a {@link Cancellable} with counters that show what the scheduler
 * did with it. The counters are plain {@code long}s written by the timer thread without allocation and read by any
 * thread (acquire semantics: a value read is at least as recent as the last one published before it).
 *
 * <p>For a periodic task, after the timer has handled every slot up to some TAI instant {@code t} (and the task was
 * neither cancelled nor failed with {@link TaskFailurePolicy#CANCEL}),
 * {@code runCount() + skippedTicks() == 1 + (t − firstSlot) / period} (integer division), where
 * {@code firstSlot} is the first slot at or after the moment the timer thread took the task in.
 */
public interface ScheduledTask extends Cancellable {

    /** Returned by {@link #nextDeadlineTaiNanos()} when the task will not run again. */
    long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * @return how many times the task has been started: run inline on the timer thread, or handed to the executor
     *         (a run handed over but not yet finished, owed under {@link MissedTickPolicy#CATCH_UP}, or rejected by
     *         the executor, counts; so do queued or owed runs that skip the task because it was cancelled)
     */
    long runCount();

    /**
     * @return for a periodic task under {@link MissedTickPolicy#SKIP}, how many slots passed without a run of their
     *         own (each late run covers the most recent passed slot; the earlier ones are counted here); 0 for
     *         once-only tasks and under {@link MissedTickPolicy#CATCH_UP}
     */
    long skippedTicks();

    /** @return how many runs threw (or were rejected by the executor) */
    long failureCount();

    /**
     * @return the TAI instant of the next slot, nanoseconds since 1970-01-01T00:00:00 TAI, as last published by the
     *         timer thread; {@link #NO_DEADLINE} once the task will not run again (a once-only task that started, a
     *         cancelled task, a closed scheduler). Before the timer thread has taken a new task in, the requested
     *         start (or {@code Long.MIN_VALUE} for "now").
     */
    long nextDeadlineTaiNanos();

    /** @return the period in nanoseconds; 0 for a once-only task */
    long periodNanos();

    /**
     * A copy of this task's lateness record: how late each run started against its slot (TAI nanoseconds), as a
     * histogram, and the skipped slots. Recorded only when the scheduler's settings ask for it
     * ({@link TimeSchedulerSettings#withLatenessRecordingUpToNanos(long)}); recording allocates nothing per run, and
     * this read takes no lock (it copies the task's histogram, about 10-13 KB).
     *
     * @return the lateness so far; empty when the scheduler does not record lateness
     */
    default Optional<LatenessSnapshot> lateness() {
        return Optional.empty();
    }
}
