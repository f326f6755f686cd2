package io.obstime.monitor;

import io.obstime.clock.LeapState;
import io.obstime.clock.TaiTime;

import java.time.Duration;
import java.util.Objects;

/**
 * One reference's answer to "how far is the system clock from true time?": immutable.
 *
 * <p>Three kinds of answer:
 * <ul>
 *   <li>{@link #measured}: an offset measured against the reference, with its uncertainty (for NTP half the round
 *       trip plus the server's root distance; for chrony |last offset| + root dispersion + root delay / 2);</li>
 *   <li>{@link #bounded}: no offset, only a bound the reference vouches for (a synchronised kernel's maximum error);
 *       the offset is taken as 0 within ± that bound;</li>
 *   <li>{@link #noAnswer}: the reference did not vouch, with the reason in words.</li>
 * </ul>
 *
 * <p>All durations are nanoseconds. The offset is <em>system clock minus reference</em> (positive: the system clock
 * is ahead). {@code -1} marks a delay, stratum or clock class that does not apply or is not known.
 */
public final class ReferenceReading {

    private final String reference;
    private final TaiTime measuredAt;
    private final boolean answered;
    private final boolean offsetMeasured;
    private final long offsetNanos;
    private final long uncertaintyNanos;
    private final long delayNanos;
    private final int stratum;
    private final int clockClass;
    private final LeapState leap;
    private final String detail;

    private ReferenceReading(String reference, TaiTime measuredAt, boolean answered, boolean offsetMeasured,
                             long offsetNanos, long uncertaintyNanos, long delayNanos, int stratum, int clockClass,
                             LeapState leap, String detail) {
        this.reference = requireName(reference);
        this.measuredAt = Objects.requireNonNull(measuredAt, "measuredAt");
        this.answered = answered;
        this.offsetMeasured = offsetMeasured;
        this.offsetNanos = offsetNanos;
        this.uncertaintyNanos = uncertaintyNanos;
        this.delayNanos = delayNanos;
        this.stratum = stratum;
        this.clockClass = clockClass;
        this.leap = Objects.requireNonNull(leap, "leap");
        this.detail = Objects.requireNonNull(detail, "detail");
        if (uncertaintyNanos < 0) {
            throw new IllegalArgumentException("uncertaintyNanos must be >= 0: " + uncertaintyNanos);
        }
        if (delayNanos < -1) {
            throw new IllegalArgumentException("delayNanos must be >= 0, or -1 for not applicable: " + delayNanos);
        }
        if (stratum < -1 || stratum > 16) {
            throw new IllegalArgumentException("stratum must be 0..16, or -1 for not applicable: " + stratum);
        }
        if (clockClass < -1 || clockClass > 255) {
            throw new IllegalArgumentException("clockClass must be 0..255, or -1 for not applicable: " + clockClass);
        }
    }

    /**
     * An offset measured against the reference.
     *
     * @param reference        the reference's {@link ClockReference#name()}
     * @param measuredAt       when, in TAI
     * @param offsetNanos      system clock minus reference, nanoseconds
     * @param uncertaintyNanos bound on the error of {@code offsetNanos}, nanoseconds, &gt;= 0
     * @param delayNanos       round-trip delay to the reference, nanoseconds, or -1 where none applies
     * @param stratum          NTP stratum of the reference (0..16), or -1
     * @param clockClass       PTP clock class of the reference's grandmaster (0..255), or -1
     * @param leap             the leap second the reference announces ({@link LeapState#UNKNOWN} if it does not say)
     * @param detail           more in words (server address, reference ID, sample count); may be empty
     * @return the reading
     */
    public static ReferenceReading measured(String reference, TaiTime measuredAt, long offsetNanos,
                                            long uncertaintyNanos, long delayNanos, int stratum, int clockClass,
                                            LeapState leap, String detail) {
        return new ReferenceReading(reference, measuredAt, true, true, offsetNanos, uncertaintyNanos, delayNanos,
                stratum, clockClass, leap, detail);
    }

    /**
     * No offset, but a bound the reference vouches for: the system clock is within {@code boundNanos} of true time.
     *
     * @param reference  the reference's name
     * @param measuredAt when, in TAI
     * @param boundNanos the bound, nanoseconds, &gt;= 0
     * @param leap       the leap second the reference announces
     * @param detail     more in words; may be empty
     * @return the reading
     */
    public static ReferenceReading bounded(String reference, TaiTime measuredAt, long boundNanos, LeapState leap,
                                           String detail) {
        return new ReferenceReading(reference, measuredAt, true, false, 0, boundNanos, -1, -1, -1, leap, detail);
    }

    /**
     * The reference did not vouch for the clock.
     *
     * @param reference  the reference's name
     * @param measuredAt when, in TAI
     * @param reason     why, in words (for example {@code "no reply from 127.0.0.1:123 within 1s"}); not empty
     * @return the reading
     */
    public static ReferenceReading noAnswer(String reference, TaiTime measuredAt, String reason) {
        if (Objects.requireNonNull(reason, "reason").isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
        return new ReferenceReading(reference, measuredAt, false, false, 0, 0, -1, -1, -1, LeapState.UNKNOWN, reason);
    }

    private static String requireName(String reference) {
        if (Objects.requireNonNull(reference, "reference").isBlank()) {
            throw new IllegalArgumentException("reference must not be blank");
        }
        return reference;
    }

    /** @return the reference's name */
    public String reference() {
        return reference;
    }

    /** @return when the reading was taken, TAI */
    public TaiTime measuredAt() {
        return measuredAt;
    }

    /** @return true when the reference vouched for the clock (measured or bounded) */
    public boolean answered() {
        return answered;
    }

    /** @return true when {@link #offsetNanos()} was measured; false for a bound or no answer */
    public boolean offsetMeasured() {
        return offsetMeasured;
    }

    /** @return system clock minus reference, nanoseconds; 0 unless {@link #offsetMeasured()} */
    public long offsetNanos() {
        return offsetNanos;
    }

    /** @return bound on the error of the offset (or the vouched bound), nanoseconds; 0 when not answered */
    public long uncertaintyNanos() {
        return uncertaintyNanos;
    }

    /** @return round-trip delay to the reference, nanoseconds, or -1 */
    public long delayNanos() {
        return delayNanos;
    }

    /** @return the reference's NTP stratum, or -1 */
    public int stratum() {
        return stratum;
    }

    /** @return the PTP clock class of the reference's grandmaster, or -1 */
    public int clockClass() {
        return clockClass;
    }

    /** @return the leap second the reference announces, {@link LeapState#UNKNOWN} if it does not say */
    public LeapState leap() {
        return leap;
    }

    /** @return the reason when not answered; otherwise more about the reading, possibly empty */
    public String detail() {
        return detail;
    }

    /** @return the offset as a Duration (zero unless measured) */
    public Duration offset() {
        return Duration.ofNanos(offsetNanos);
    }

    /** @return the uncertainty as a Duration */
    public Duration uncertainty() {
        return Duration.ofNanos(uncertaintyNanos);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReferenceReading r
                && reference.equals(r.reference) && measuredAt.equals(r.measuredAt) && answered == r.answered
                && offsetMeasured == r.offsetMeasured && offsetNanos == r.offsetNanos
                && uncertaintyNanos == r.uncertaintyNanos && delayNanos == r.delayNanos && stratum == r.stratum
                && clockClass == r.clockClass && leap == r.leap && detail.equals(r.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reference, measuredAt, answered, offsetMeasured, offsetNanos, uncertaintyNanos,
                delayNanos, stratum, clockClass, leap, detail);
    }

    /** @return for example {@code ntp:a.example:123 offset +0.000051 s ± 0.000420 s (delay 0.000380 s, stratum 2)} */
    @Override
    public String toString() {
        if (!answered) {
            return reference + " no answer: " + detail;
        }
        StringBuilder text = new StringBuilder(reference);
        if (offsetMeasured) {
            text.append(" offset ").append(seconds(offsetNanos, true)).append(" ± ").append(seconds(uncertaintyNanos, false));
        } else {
            text.append(" within ± ").append(seconds(uncertaintyNanos, false));
        }
        StringBuilder extra = new StringBuilder();
        if (delayNanos >= 0) {
            extra.append("delay ").append(seconds(delayNanos, false));
        }
        if (stratum >= 0) {
            extra.append(extra.length() > 0 ? ", " : "").append("stratum ").append(stratum);
        }
        if (clockClass >= 0) {
            extra.append(extra.length() > 0 ? ", " : "").append("clock class ").append(clockClass);
        }
        if (!detail.isEmpty()) {
            extra.append(extra.length() > 0 ? ", " : "").append(detail);
        }
        if (extra.length() > 0) {
            text.append(" (").append(extra).append(')');
        }
        return text.toString();
    }

    /** Nanoseconds as seconds with nine decimals, for example {@code +0.000051200 s}. */
    static String seconds(long nanos, boolean signed) {
        String sign = nanos < 0 ? "-" : signed ? "+" : "";
        long abs = Math.abs(nanos);
        return String.format("%s%d.%09d s", sign, abs / 1_000_000_000L, abs % 1_000_000_000L);
    }
}
