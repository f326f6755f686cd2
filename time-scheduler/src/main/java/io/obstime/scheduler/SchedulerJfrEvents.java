package io.obstime.scheduler;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The scheduler's JDK Flight Recorder events, all in category "obstime", without stack traces:
 * {@code obstime.MissedTicks}, {@code obstime.Overrun}, {@code obstime.TaskFailure} (enabled by default: they are
 * rare), and {@code obstime.Tick}, one per run (disabled by default). Show them with
 * {@code jfr print --events 'obstime.*' recording.jfr}.
 *
 * <p>Cost when disabled: one read of the event type's enabled flag, no allocation (the event object is created only
 * when its type is enabled in a running recording).
 *
 * <p>Reached only through {@link SchedulerEvents}, which loads this class only where the runtime has JDK Flight
 * Recorder: this class's initialisation needs {@code jdk.jfr}.
 */
final class SchedulerJfrEvents {

    // Null if JFR refuses the registration (a JVM whose JFR is broken or denied): the events are then off for good.
    private static final EventType TICK = register(Tick.class);
    private static final EventType MISSED_TICKS = register(MissedTicks.class);
    private static final EventType OVERRUN = register(Overrun.class);
    private static final EventType TASK_FAILURE = register(TaskFailure.class);

    private SchedulerJfrEvents() {
    }

    private static EventType register(Class<? extends Event> eventClass) {
        try {
            FlightRecorder.register(eventClass);
            return EventType.getEventType(eventClass);
        } catch (RuntimeException | LinkageError | InternalError e) { // InternalError: a malformed event class
            TimerCore.LOG.warn("JFR event {} not available, obstime records none of it: {}",
                    eventClass.getSimpleName(), e.toString());
            return null;
        }
    }

    /** One run started (or handed to the executor), {@code latenessNanos} after its slot. */
    static void tick(TaskEntry task, long slotTaiNanos, long latenessNanos) {
        if (TICK != null && TICK.isEnabled()) {
            Tick e = new Tick();
            e.task = task.eventName();
            e.slotTaiNanos = slotTaiNanos;
            e.lateness = latenessNanos;
            e.commit();
        }
    }

    /** Slots of a periodic task passed without a run of their own. */
    static void missedTicks(TaskEntry task, long ticks) {
        if (MISSED_TICKS != null && MISSED_TICKS.isEnabled()) {
            MissedTicks e = new MissedTicks();
            e.task = task.eventName();
            e.ticks = ticks;
            e.period = task.periodNanos;
            e.commit();
        }
    }

    /**
     * A periodic task's run outlasted its period: an inline run measured on the timer thread, or a run on the
     * executor still in flight when the next slot came ({@code durationNanos} then at least the period).
     */
    static void overrun(TaskEntry task, long durationNanos) {
        if (OVERRUN != null && OVERRUN.isEnabled()) {
            Overrun e = new Overrun();
            e.task = task.eventName();
            e.runDuration = durationNanos;
            e.period = task.periodNanos;
            e.commit();
        }
    }

    /** A run threw, or the executor refused it. */
    static void taskFailure(TaskEntry task, Throwable failure) {
        if (TASK_FAILURE != null && TASK_FAILURE.isEnabled()) {
            TaskFailure e = new TaskFailure();
            e.task = task.eventName();
            e.exception = failure.getClass().getName();
            e.message = failure.getMessage();
            e.commit();
        }
    }

    @Name("obstime.Tick")
    @Label("Scheduler Tick")
    @Category("obstime")
    @Description("A run of a scheduled task started (or was handed to the executor), with its lateness against its "
            + "slot; one per run, disabled by default")
    @Enabled(false)
    @StackTrace(false)
    static final class Tick extends Event {
        @Label("Task")
        String task;
        @Label("Slot (TAI ns since 1970)")
        long slotTaiNanos;
        @Label("Lateness")
        @Timespan(Timespan.NANOSECONDS)
        long lateness;
    }

    @Name("obstime.MissedTicks")
    @Label("Scheduler Missed Ticks")
    @Category("obstime")
    @Description("Slots of a periodic task passed without a run of their own (a pause, a slow task, a clock step)")
    @StackTrace(false)
    static final class MissedTicks extends Event {
        @Label("Task")
        String task;
        @Label("Ticks Skipped")
        long ticks;
        @Label("Period")
        @Timespan(Timespan.NANOSECONDS)
        long period;
    }

    @Name("obstime.Overrun")
    @Label("Scheduler Overrun")
    @Category("obstime")
    @Description("A run of a periodic task outlasted its period")
    @StackTrace(false)
    static final class Overrun extends Event {
        @Label("Task")
        String task;
        @Label("Run Duration")
        @Timespan(Timespan.NANOSECONDS)
        long runDuration;
        @Label("Period")
        @Timespan(Timespan.NANOSECONDS)
        long period;
    }

    @Name("obstime.TaskFailure")
    @Label("Scheduler Task Failure")
    @Category("obstime")
    @Description("A run of a scheduled task threw, or the executor refused it")
    @StackTrace(false)
    static final class TaskFailure extends Event {
        @Label("Task")
        String task;
        @Label("Exception Class")
        String exception;
        @Label("Message")
        String message;
    }
}
