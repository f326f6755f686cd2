package io.obstime.scheduler;

/**
 * A handle on a scheduled task. Thread-safe: any thread may cancel, including the task itself while it runs.
 */
public interface Cancellable {

    /**
     * Cancels the task: it will not start again. A run already under way is not interrupted and completes; if the
     * task cancels itself from inside a run, that run completes and no later tick starts. Ticks already handed to an
     * executor but not yet started when {@code cancel()} succeeds skip their run. Cancelling removes the task
     * from the scheduler's deadline structure (it is not only flagged), so schedule-then-cancel leaks nothing.
     *
     * @return true only for the call that cancelled it; false if it was already cancelled, or is a once-only task
     *         that has already started, or its scheduler has been closed
     */
    boolean cancel();

    /** @return true once a {@link #cancel()} call has succeeded (also when the task cancelled itself by policy) */
    boolean isCancelled();
}
