package io.obstime.scheduler;

/**
 * The rate-limited logs of one task: its failures and, for a periodic task, its skipped slots. Made on the task's
 * first failure or skipped slot, not with the task: most tasks never need them, and a pending task should cost only
 * its entry (the two logs and the subject are about 150 bytes, more than the entry itself).
 */
final class TaskLogs {

    /** The task's failures: one line with the stack trace, then at most one summary a second. */
    final RateLimitedLog failures;
    /** The task's skipped slots; null for a once-only task, or when the settings log no overruns. */
    final RateLimitedLog overruns;
    /** The subject of {@link #overruns}' lines, made into text only when one is written. */
    final Object overrunSubject;

    TaskLogs(TaskEntry entry) {
        this.failures = entry.core.rateLimitedLog(1_000_000_000L);
        this.overruns = entry.periodNanos == 0 ? null : entry.core.overrunLog();
        this.overrunSubject = new Object() {
            @Override
            public String toString() {
                return "Periodic task " + entry + " fell behind its schedule (a run longer than its period, other "
                        + "tasks on the same thread, a pause or a clock step forward)";
            }
        };
    }
}
