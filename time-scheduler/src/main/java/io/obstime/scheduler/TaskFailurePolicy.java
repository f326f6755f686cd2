package io.obstime.scheduler;

/**
 * What happens to a task's schedule when one of its runs throws. In either case the failure is logged through SLF4J
 * (logger {@code io.obstime.scheduler}): the first failure of each task with its stack trace, later ones as a count
 * at most once per second, so a failing 1 kHz task cannot flood the log; and it is counted in
 * {@link ScheduledTask#failureCount()}. Other tasks are never affected.
 */
public enum TaskFailurePolicy {

    /** Keep the schedule: the next tick runs as if the run had returned normally. The default. */
    CONTINUE,

    /** Cancel the task, as if it had called {@link Cancellable#cancel()} itself: it never runs again. */
    CANCEL
}
