package io.obstime.scheduler;

/**
 * What a periodic task does with ticks whose slot {@code start + k·period} (TAI) has already passed when the timer
 * gets to it: after a GC pause, a stalled virtual CPU, a slow task, a clock stepped forward, or, with an executor, a
 * slot that falls due while the task's previous run is still queued or running on the executor.
 *
 * <p>With an executor a task never overlaps itself and the executor holds at most one run of it at a time: under
 * {@link #SKIP} a slot that falls due while a run is in flight is skipped and counted; under {@link #CATCH_UP} it is
 * owed, and the run in flight runs the owed slots one after another, on the same executor thread, before it returns
 * (the debt is a counter: it grows with the backlog, memory does not).
 */
public enum MissedTickPolicy {

    /**
     * Run once, late, for the most recent passed slot, count the earlier passed slots in
     * {@link ScheduledTask#skippedTicks()}, and continue with the next slot in the future. The schedule stays anchored
     * at {@code start + k·period}: a late run does not shift later runs. After a pause of any length the task runs
     * once, not once per missed slot. With an executor, each slot that falls due while the previous run is still
     * queued or running is skipped and counted too. The default.
     */
    SKIP,

    /**
     * Run every passed slot, one after another as fast as the task allows, each as a separate run, then continue on
     * schedule; but no further back than {@link TimeSchedulerSettings#maxCatchUpNanos()} (1 s by default): slots
     * older than that when the timer gets to the task are skipped and counted in
     * {@link ScheduledTask#skippedTicks()}, and the latest passed slot always runs. Use only where every tick carries
     * work that must not be lost (a counter, an integrator): after a 10 s pause or a 10 s forward step of the clock a
     * 1 kHz task runs the last second's 1 000 slots back to back and counts 9 000 as skipped, and other tasks due
     * meanwhile wait their turn in deadline order. With an executor, the timer thread does not wait: the run in flight works off the owed slots
     * back to back on its executor thread (so a task that is always slower than its period never returns that thread
     * to the pool); each owed slot counts in {@link ScheduledTask#runCount()} when it falls due.
     */
    CATCH_UP
}
