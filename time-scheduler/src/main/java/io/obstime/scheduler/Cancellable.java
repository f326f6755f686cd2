package io.obstime.scheduler;

/** A handle on a scheduled task. Thread-safe. */
public interface Cancellable {

    /**
     * Cancels the task: it will not run again (a run already under way completes).
     *
     * @return true only for the call that cancelled it; false if it was already cancelled, or was a once-only task
     *         that has already run, or its scheduler has shut down
     */
    boolean cancel();

    /** @return true once {@link #cancel()} has succeeded */
    boolean isCancelled();
}
