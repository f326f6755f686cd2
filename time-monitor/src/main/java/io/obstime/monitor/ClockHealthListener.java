package io.obstime.monitor;

/**
 * Told about checks of a {@link ClockMonitor}: on changes of verdict ({@link ClockMonitor.Builder#onVerdictChange}),
 * or after every check ({@link ClockMonitor.Builder#onEveryCheck}).
 *
 * <p>Called on the monitor's thread (or the thread that drives a simulated clock), one call at a time, after the
 * check's snapshot is published. Keep it short: the next check waits for it. An exception thrown here is logged once
 * and otherwise ignored; it never stops the monitor.
 */
@FunctionalInterface
public interface ClockHealthListener {

    /**
     * @param health the check's snapshot; {@link ClockHealth#verdictChanged()} says whether the verdict just changed
     */
    void onHealth(ClockHealth health);
}
