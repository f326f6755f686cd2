package io.obstime.monitor;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One check of a {@link ClockMonitor}, for JDK Flight Recorder: {@code io.obstime.monitor.ClockCheck}, enabled by
 * default (a check a minute costs nothing worth switching off). Read a recording with
 * {@code jfr print --events io.obstime.monitor.ClockCheck recording.jfr}.
 */
@Name(ClockCheckEvent.NAME)
@Label("Clock Check")
@Category({"obstime", "Clock"})
@Description("One check of the system clock by an obstime ClockMonitor")
@StackTrace(false)
final class ClockCheckEvent extends Event {

    /** The event's name in recordings. */
    static final String NAME = "io.obstime.monitor.ClockCheck";

    @Label("Verdict")
    @Description("The monitor's verdict after hysteresis: OK, DEGRADED, ALERT or UNKNOWN")
    String verdict;

    @Label("Check Verdict")
    @Description("This check's own verdict")
    String checkVerdict;

    @Label("Reasons")
    String reasons;

    @Label("Best Reference")
    @Description("The reference the best offset estimate comes from; empty when none answered")
    String bestReference;

    @Label("Offset")
    @Description("Best estimate of system clock minus true time")
    @Timespan(Timespan.NANOSECONDS)
    long offset;

    @Label("Uncertainty")
    @Description("Uncertainty of the offset; -1 ns when no reference answered")
    @Timespan(Timespan.NANOSECONDS)
    long uncertainty;

    @Label("Answered")
    @Description("How many references answered, the kernel included")
    int answered;

    @Label("References")
    @Description("How many references were asked, the kernel included")
    int references;

    @Label("Kernel Synchronised")
    boolean kernelSynchronised;

    @Label("Kernel Max Error")
    @Timespan(Timespan.MICROSECONDS)
    long kernelMaxError;

    @Label("Kernel TAI Offset")
    @Description("adjtimex tai, seconds; 0 unset, -1 unknown")
    int kernelTaiOffset;

    @Label("Check Duration")
    @Timespan(Timespan.NANOSECONDS)
    long checkDuration;

    /** Commits an event for {@code health} if the event is enabled in a running recording. */
    static void commit(ClockHealth health, long checkNanos) {
        ClockCheckEvent e = new ClockCheckEvent();
        if (!e.isEnabled()) {
            return;
        }
        e.verdict = health.verdict().name();
        e.checkVerdict = health.checkVerdict().name();
        e.reasons = String.join("; ", health.reasons());
        e.bestReference = health.best().map(ReferenceReading::reference).orElse("");
        e.offset = health.offsetNanos();
        e.uncertainty = health.uncertaintyNanos();
        e.answered = (int) health.readings().stream().filter(ReferenceReading::answered).count();
        e.references = health.readings().size();
        e.kernelSynchronised = health.kernel().synchronised();
        e.kernelMaxError = health.kernel().maxErrorMicros();
        e.kernelTaiOffset = health.kernel().kernelTaiOffset();
        e.checkDuration = checkNanos;
        e.commit();
    }
}
