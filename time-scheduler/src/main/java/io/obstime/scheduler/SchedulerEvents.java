package io.obstime.scheduler;

/**
 * Where the scheduler reports to JDK Flight Recorder: {@link SchedulerJfrEvents} (the events and what they carry) if
 * this Java runtime has JFR, nothing if it has not.
 *
 * <p>A runtime without the {@code jdk.jfr} module (a {@code jlink} image built without it, with obstime on the class
 * path) would otherwise fail every tick with {@code NoClassDefFoundError: jdk/jfr/Event}, and the timer thread would
 * run no task at all (found by the real-kernel drills, whose guest JDK is such an image). So JFR's presence is checked
 * once, said once at INFO, and each call below is one test of a constant when it is absent. On the module path
 * {@code io.obstime.scheduler} requires {@code jdk.jfr}, so there it is always present.
 */
final class SchedulerEvents {

    /** Whether this runtime has JDK Flight Recorder; a constant to the JIT, so an absent JFR costs nothing. */
    private static final boolean JFR = jfrPresent();

    private SchedulerEvents() {
    }

    private static boolean jfrPresent() {
        try {
            Class.forName("jdk.jfr.Event", false, SchedulerEvents.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            TimerCore.LOG.info("JDK Flight Recorder (module jdk.jfr) is not in this Java runtime: the scheduler records"
                    + " no JFR events (obstime.Tick, obstime.MissedTicks, obstime.Overrun, obstime.TaskFailure)");
            return false;
        }
    }

    /**
     * One run started (or handed to the executor), {@code latenessNanos} after its slot.
     *
     * @param task          the task
     * @param slotTaiNanos  the slot the run stands for, TAI nanoseconds since 1970
     * @param latenessNanos how long after the slot the run started
     */
    static void tick(TaskEntry task, long slotTaiNanos, long latenessNanos) {
        if (JFR) {
            SchedulerJfrEvents.tick(task, slotTaiNanos, latenessNanos);
        }
    }

    /**
     * Slots of a periodic task passed without a run of their own.
     *
     * @param task  the task
     * @param ticks how many
     */
    static void missedTicks(TaskEntry task, long ticks) {
        if (JFR) {
            SchedulerJfrEvents.missedTicks(task, ticks);
        }
    }

    /**
     * A periodic task's run outlasted its period.
     *
     * @param task          the task
     * @param durationNanos how long the run took (or has taken so far)
     */
    static void overrun(TaskEntry task, long durationNanos) {
        if (JFR) {
            SchedulerJfrEvents.overrun(task, durationNanos);
        }
    }

    /**
     * A run threw, or the executor refused it.
     *
     * @param task    the task
     * @param failure what was thrown
     */
    static void taskFailure(TaskEntry task, Throwable failure) {
        if (JFR) {
            SchedulerJfrEvents.taskFailure(task, failure);
        }
    }
}
