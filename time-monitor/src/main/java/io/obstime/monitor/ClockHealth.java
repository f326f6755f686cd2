package io.obstime.monitor;

import io.obstime.clock.ClockStatus;
import io.obstime.clock.TaiTime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One check of the system clock: when, the verdict with its reasons in words, the best estimate of the clock's offset
 * from true time with its uncertainty and the reference it came from, every reference's own reading, the kernel's
 * state and the leap-second table's. Immutable, thread-safe.
 *
 * <p>Offsets are <em>system clock minus reference</em>, nanoseconds (positive: the system clock is ahead). The
 * {@link #verdict()} is the monitor's, after hysteresis; {@link #checkVerdict()} is this check's alone.
 * {@link #toString()} is the readable report the command-line check prints.
 */
public final class ClockHealth {

    private final TaiTime checkedAt;
    private final Verdict verdict;
    private final Verdict checkVerdict;
    private final boolean verdictChanged;
    private final List<String> reasons;
    private final ReferenceReading best;
    private final List<ReferenceReading> readings;
    private final ClockStatus kernel;
    private final int leapTableTaiOffset;
    private final Instant leapTableExpires;
    private final String leapTableSource;
    private final long thresholdNanos;

    ClockHealth(TaiTime checkedAt, Verdict verdict, Verdict checkVerdict, boolean verdictChanged, List<String> reasons,
                ReferenceReading best, List<ReferenceReading> readings, ClockStatus kernel, int leapTableTaiOffset,
                Instant leapTableExpires, String leapTableSource, long thresholdNanos) {
        this.checkedAt = Objects.requireNonNull(checkedAt, "checkedAt");
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.checkVerdict = Objects.requireNonNull(checkVerdict, "checkVerdict");
        this.verdictChanged = verdictChanged;
        this.reasons = List.copyOf(reasons);
        this.best = best;
        this.readings = List.copyOf(readings);
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.leapTableTaiOffset = leapTableTaiOffset;
        this.leapTableExpires = Objects.requireNonNull(leapTableExpires, "leapTableExpires");
        this.leapTableSource = Objects.requireNonNull(leapTableSource, "leapTableSource");
        this.thresholdNanos = thresholdNanos;
    }

    /** @return when the check started, TAI */
    public TaiTime checkedAt() {
        return checkedAt;
    }

    /** @return the monitor's verdict after this check (held by hysteresis until a change is confirmed) */
    public Verdict verdict() {
        return verdict;
    }

    /** @return what this check alone concluded; differs from {@link #verdict()} while a change awaits confirmation */
    public Verdict checkVerdict() {
        return checkVerdict;
    }

    /** @return true when {@link #verdict()} changed with this check (always true for a monitor's first check) */
    public boolean verdictChanged() {
        return verdictChanged;
    }

    /** @return this check's reasons for its verdict, in words, most important first; unmodifiable, never empty */
    public List<String> reasons() {
        return reasons;
    }

    /**
     * @return the reading the best offset estimate comes from (the answered one with the smallest uncertainty), or
     *         empty when no reference answered
     */
    public Optional<ReferenceReading> best() {
        return Optional.ofNullable(best);
    }

    /** @return the best estimate of system clock minus true time, nanoseconds; 0 for a bound or no estimate */
    public long offsetNanos() {
        return best == null ? 0 : best.offsetNanos();
    }

    /** @return the uncertainty of {@link #offsetNanos()}, nanoseconds; -1 when there is no estimate */
    public long uncertaintyNanos() {
        return best == null ? -1 : best.uncertaintyNanos();
    }

    /** @return every reference's reading, the kernel's first, then the configured references' in their order */
    public List<ReferenceReading> readings() {
        return readings;
    }

    /**
     * @return the kernel's state at the check (adjtimex): synchronised, maximum and estimated error in microseconds,
     *         leap state, the kernel's TAI offset and the one obstime delivers
     */
    public ClockStatus kernel() {
        return kernel;
    }

    /** @return TAI − UTC in seconds by the leap-second table at the check */
    public int leapTableTaiOffset() {
        return leapTableTaiOffset;
    }

    /**
     * @return true when the kernel's TAI offset (adjtimex {@code tai}) equals the leap-second table's; false when it
     *         is unset (0), wrong, or cannot be read (-1)
     */
    public boolean kernelTaiOffsetAgrees() {
        return kernel.kernelTaiOffset() == leapTableTaiOffset;
    }

    /** @return the UTC instant after which the leap-second table may miss leap seconds */
    public Instant leapTableExpires() {
        return leapTableExpires;
    }

    /** @return the threshold the verdict was judged against */
    public Duration threshold() {
        return Duration.ofNanos(thresholdNanos);
    }

    /** @return the threshold, nanoseconds */
    public long thresholdNanos() {
        return thresholdNanos;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClockHealth h
                && checkedAt.equals(h.checkedAt) && verdict == h.verdict && checkVerdict == h.checkVerdict
                && verdictChanged == h.verdictChanged && reasons.equals(h.reasons) && Objects.equals(best, h.best)
                && readings.equals(h.readings) && kernel.equals(h.kernel) && leapTableTaiOffset == h.leapTableTaiOffset
                && leapTableExpires.equals(h.leapTableExpires) && leapTableSource.equals(h.leapTableSource)
                && thresholdNanos == h.thresholdNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(checkedAt, verdict, checkVerdict, reasons, best, readings, kernel, leapTableExpires);
    }

    /**
     * @return the readable report: verdict and reasons, the best estimate, every reference, the kernel's state and
     *         the leap-second table's, several lines
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append("Clock health at ").append(checkedAt).append(": ").append(verdict);
        if (checkVerdict != verdict) {
            text.append(" (this check: ").append(checkVerdict).append(", awaiting confirmation)");
        }
        text.append('\n');
        for (String reason : reasons) {
            text.append("  - ").append(reason).append('\n');
        }
        text.append("Best estimate: ");
        if (best == null) {
            text.append("none");
        } else if (best.offsetMeasured()) {
            text.append("offset ").append(ReferenceReading.seconds(best.offsetNanos(), true)).append(" ± ")
                    .append(ReferenceReading.seconds(best.uncertaintyNanos(), false)).append(" from ")
                    .append(best.reference());
        } else {
            text.append("within ± ").append(ReferenceReading.seconds(best.uncertaintyNanos(), false)).append(" by ")
                    .append(best.reference());
        }
        text.append(" (threshold ± ").append(ReferenceReading.seconds(thresholdNanos, false)).append(")\n");
        text.append("References:\n");
        for (ReferenceReading reading : readings) {
            text.append("  ").append(reading).append('\n');
        }
        text.append("Kernel: ").append(kernel.synchronised() ? "synchronised" : "unsynchronised")
                .append(", max error ").append(micros(kernel.maxErrorMicros()))
                .append(", estimated error ").append(micros(kernel.estimatedErrorMicros()))
                .append(", leap ").append(kernel.leapState())
                .append(", TAI offset ").append(kernel.kernelTaiOffset() < 0 ? "unknown" : kernel.kernelTaiOffset() + " s")
                .append(kernelTaiOffsetAgrees() ? " (agrees with the leap table)" : " (leap table: " + leapTableTaiOffset + " s)")
                .append(", read by ").append(kernel.backend()).append('\n');
        text.append("Leap table: ").append(leapTableSource).append(", TAI − UTC ").append(leapTableTaiOffset)
                .append(" s, expires ").append(leapTableExpires).append('\n');
        return text.toString();
    }

    private static String micros(long micros) {
        return micros < 0 ? "unknown" : ReferenceReading.seconds(micros * 1000, false);
    }
}
