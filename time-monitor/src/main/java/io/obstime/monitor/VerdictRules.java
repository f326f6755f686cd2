package io.obstime.monitor;

import io.obstime.clock.ClockStatus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.obstime.monitor.ReferenceReading.seconds;

/**
 * The verdict of one check, from its readings alone (hysteresis is the monitor's). Pure: no clock, no I/O.
 *
 * <ul>
 *   <li>{@code UNKNOWN}: no reading answered (the kernel's counts only when it is synchronised; chrony leaves it
 *       unsynchronised unless {@code rtcsync} is set, so that flag alone never raises more than this).</li>
 *   <li>{@code ALERT}: the best estimate (the answered reading with the smallest uncertainty; a bound counts as offset
 *       0) is beyond the threshold, or two trusted readings (uncertainty within the threshold) differ by more than
 *       it.</li>
 *   <li>{@code DEGRADED}: the best estimate's uncertainty is beyond the threshold, a configured reference (any but the
 *       kernel) did not answer, the kernel's TAI offset is set and differs from the leap table's (0 counts: unset),
 *       or the leap table expires within {@link #LEAP_TABLE_WARNING_DAYS} days (or has expired).</li>
 *   <li>{@code OK}: otherwise.</li>
 * </ul>
 * Every condition that holds is given as a reason, the verdict's own first.
 */
final class VerdictRules {

    /** The leap table must be good for this many days more, or the verdict is DEGRADED. */
    static final long LEAP_TABLE_WARNING_DAYS = 30;
    private static final long SECONDS_PER_DAY = 86_400;

    private VerdictRules() {
    }

    /** This check's verdict, its reasons and the reading the best estimate comes from (null when none). */
    record Assessment(Verdict verdict, List<String> reasons, ReferenceReading best) {
    }

    /**
     * @param readings           the kernel's reading first, then the configured references'
     * @param kernel             the kernel's state at the check
     * @param leapTableTaiOffset TAI − UTC by the leap table now, seconds
     * @param leapTableExpires   the table's expiry
     * @param nowUtc             now
     * @param thresholdNanos     the threshold, positive
     * @return the assessment
     */
    static Assessment assess(List<ReferenceReading> readings, ClockStatus kernel, int leapTableTaiOffset,
                             Instant leapTableExpires, Instant nowUtc, long thresholdNanos) {
        ReferenceReading best = null;
        for (ReferenceReading r : readings) {
            if (r.answered() && (best == null || r.uncertaintyNanos() < best.uncertaintyNanos()
                    || r.uncertaintyNanos() == best.uncertaintyNanos() && r.offsetMeasured() && !best.offsetMeasured())) {
                best = r;
            }
        }
        List<String> alerts = new ArrayList<>();
        List<String> degradations = new ArrayList<>();
        String threshold = "± " + seconds(thresholdNanos, false);

        if (best != null) {
            if (apart(best.offsetNanos(), 0, thresholdNanos)) {
                alerts.add("the system clock is off by " + seconds(best.offsetNanos(), true) + " ± "
                        + seconds(best.uncertaintyNanos(), false) + " by " + best.reference()
                        + ", beyond the threshold " + threshold);
            }
            disagreements(readings, thresholdNanos, alerts);
            if (best.uncertaintyNanos() > thresholdNanos) {
                degradations.add("the best estimate's uncertainty ± " + seconds(best.uncertaintyNanos(), false)
                        + " (" + best.reference() + ") is beyond the threshold " + threshold);
            }
        }
        for (int i = 1; i < readings.size(); i++) {
            ReferenceReading r = readings.get(i);
            if (!r.answered()) {
                degradations.add(r.reference() + " does not answer: " + r.detail());
            }
        }
        int kernelTai = kernel.kernelTaiOffset();
        if (kernelTai == 0) {
            degradations.add("the kernel's TAI offset is unset (0; the leap table says " + leapTableTaiOffset
                    + " s): obstime corrects its own TAI, but other programs reading CLOCK_TAI are "
                    + leapTableTaiOffset + " s off (chrony: leapsectz right/UTC)");
        } else if (kernelTai > 0 && kernelTai != leapTableTaiOffset) {
            degradations.add("the kernel's TAI offset is " + kernelTai + " s, the leap table says "
                    + leapTableTaiOffset + " s");
        }
        long secondsLeft = leapTableExpires.getEpochSecond() - nowUtc.getEpochSecond();
        String expiryDay = leapTableExpires.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        if (secondsLeft <= 0) {
            degradations.add("the leap-second table expired on " + expiryDay + ": update tzdata");
        } else if (secondsLeft < LEAP_TABLE_WARNING_DAYS * SECONDS_PER_DAY) {
            degradations.add("the leap-second table expires on " + expiryDay + ", in " + secondsLeft / SECONDS_PER_DAY
                    + " days: update tzdata");
        }

        List<String> reasons = new ArrayList<>();
        Verdict verdict;
        if (best == null) {
            verdict = Verdict.UNKNOWN;
            reasons.add("nothing vouches for the clock: no reference answered"
                    + (kernel.synchronised() ? "" : " and the kernel is unsynchronised"));
        } else if (!alerts.isEmpty()) {
            verdict = Verdict.ALERT;
        } else if (!degradations.isEmpty()) {
            verdict = Verdict.DEGRADED;
        } else {
            verdict = Verdict.OK;
            reasons.add(best.offsetMeasured()
                    ? "offset " + seconds(best.offsetNanos(), true) + " ± " + seconds(best.uncertaintyNanos(), false)
                            + " by " + best.reference() + ", within the threshold " + threshold
                    : best.reference() + " vouches for ± " + seconds(best.uncertaintyNanos(), false)
                            + ", within the threshold " + threshold);
        }
        reasons.addAll(alerts);
        reasons.addAll(degradations);
        return new Assessment(verdict, List.copyOf(reasons), best);
    }

    /** Two trusted readings (answered, uncertainty within the threshold) whose offsets differ by more than it. */
    private static void disagreements(List<ReferenceReading> readings, long thresholdNanos, List<String> alerts) {
        for (int i = 0; i < readings.size(); i++) {
            ReferenceReading a = readings.get(i);
            if (!trusted(a, thresholdNanos)) {
                continue;
            }
            for (int j = i + 1; j < readings.size(); j++) {
                ReferenceReading b = readings.get(j);
                if (trusted(b, thresholdNanos) && apart(a.offsetNanos(), b.offsetNanos(), thresholdNanos)) {
                    alerts.add(a.reference() + " (" + seconds(a.offsetNanos(), true) + ") and " + b.reference()
                            + " (" + seconds(b.offsetNanos(), true) + ") disagree by more than the threshold ± "
                            + seconds(thresholdNanos, false));
                }
            }
        }
    }

    /** @return true when |a − b| &gt; limit, without overflow for any two longs */
    static boolean apart(long a, long b, long limit) {
        long difference = a - b;
        boolean overflowed = ((a ^ b) & (a ^ difference)) < 0;
        return overflowed || difference > limit || difference < -limit;
    }

    private static boolean trusted(ReferenceReading r, long thresholdNanos) {
        return r.answered() && r.uncertaintyNanos() <= thresholdNanos;
    }
}
