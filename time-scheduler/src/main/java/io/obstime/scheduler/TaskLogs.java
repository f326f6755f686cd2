package io.obstime.scheduler;

/**
 * What one task needs to be logged: the rate-limited log of its failures, and the text that names it in the
 * scheduler's log of skipped slots. Made on the task's first failure or skipped slot, not with the task: most tasks
 * never need it, and a pending task should cost only its entry.
 */
final class TaskLogs {

    /** The task's failures: one line with the stack trace, then at most one summary a second. */
    final RateLimitedLog failures;
    /** The task in the scheduler's log of skipped slots, made into text only when a line is written. */
    final Object overrunSubject;

    TaskLogs(TaskEntry entry) {
        this.failures = entry.core.rateLimitedLog(1_000_000_000L);
        this.overrunSubject = new Object() {
            @Override
            public String toString() {
                return "Periodic task " + entry + " fell behind its schedule (a run longer than its period, other "
                        + "tasks on the same thread, a pause or a clock step forward)";
            }
        };
    }
}
