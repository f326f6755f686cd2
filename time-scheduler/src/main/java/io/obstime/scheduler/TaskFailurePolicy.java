package io.obstime.scheduler;

/**
 * What happens to a task's schedule when one of its runs throws. In either case the failure is logged through SLF4J
 * (logger {@code io.obstime.scheduler}): the first failure of each task with its stack trace, later ones as a count
 * at most once per second, so a failing 1 kHz task cannot flood the log; and it is counted in
 * {@link ScheduledTask#failureCount()}. Other tasks are never affected.
 *
 * <p>A run fails when it throws anything: an {@link Error} ({@link OutOfMemoryError}, {@link StackOverflowError},
 * {@link AssertionError}) is treated exactly like an exception, by this policy, and the timer thread (or the executor
 * thread) goes on; the scheduler does not decide for the application that an Error is fatal. Handling a failure
 * cannot lose the task either: if the report itself fails (the task's {@code toString()} or the logger throws, or
 * memory runs out), the failure is still counted and the policy still applied, and only the log line is lost.
 */
public enum TaskFailurePolicy {

    /** Keep the schedule: the next tick runs as if the run had returned normally. The default. */
    CONTINUE,

    /** Cancel the task, as if it had called {@link Cancellable#cancel()} itself: it never runs again. */
    CANCEL
}
