package io.obstime.scheduler;

/**
 * What a periodic task does with ticks whose slot {@code start + k·period} (TAI) has already passed when the timer
 * gets to it: after a GC pause, a stalled virtual CPU, a slow task, a clock stepped forward, or a run on an executor
 * that fell behind.
 */
public enum MissedTickPolicy {

    /**
     * Run once, late, for the most recent passed slot, count the earlier passed slots in
     * {@link ScheduledTask#skippedTicks()}, and continue with the next slot in the future. The schedule stays anchored
     * at {@code start + k·period}: a late run does not shift later runs. After a pause of any length the task runs
     * once, not once per missed slot. The default.
     */
    SKIP,

    /**
     * Run every passed slot, one after another as fast as the task allows, each as a separate run, then continue on
     * schedule. Use only where every tick carries work that must not be lost (a counter, an integrator): after a
     * 10 s pause a 1 kHz task runs 10 000 times back to back, and other tasks due meanwhile wait their turn in
     * deadline order.
     */
    CATCH_UP
}
