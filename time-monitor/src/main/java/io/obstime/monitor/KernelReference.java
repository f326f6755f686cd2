package io.obstime.monitor;

import io.obstime.clock.ClockBackend;
import io.obstime.clock.ClockStatus;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;

/**
 * The kernel's own view (adjtimex with modes 0, through {@link TimeSource#status()}: unprivileged, always present on
 * Linux). A synchronised kernel vouches for its maximum error ({@link ReferenceReading#bounded}: offset taken as 0
 * within ± {@code maxerror}); an unsynchronised one, or one that cannot be asked, gives no answer with the reason.
 *
 * <p>chrony leaves the kernel's unsynchronised flag (STA_UNSYNC) set unless {@code rtcsync} is configured, so on a
 * chrony host this reference is normally silent; a {@link ClockMonitor} therefore never counts its silence against
 * the clock when another reference answers (see {@link Verdict}). A monitor always checks the kernel itself: do not add
 * this reference to one. Stateless apart from its log-once memory; thread-safe.
 */
public final class KernelReference implements ClockReference {

    /** The name in reports and metric labels. */
    public static final String NAME = "kernel";

    private static final Logger LOG = LoggerFactory.getLogger(KernelReference.class);

    private volatile String lastReason = "";

    private KernelReference() {
    }

    /** @return a new kernel reference */
    public static KernelReference of() {
        return new KernelReference();
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @param clock   the clock whose {@link TimeSource#status()} is read
     * @param timeout unused (adjtimex answers at once); positive
     * @return bounded by the kernel's maximum error when synchronised, otherwise no answer with the reason
     */
    @Override
    public ReferenceReading measure(TimeSource clock, Duration timeout) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timeout, "timeout");
        return reading(clock.status(), TaiTime.ofEpochNanos(clock.taiNanos()));
    }

    /**
     * @param status     the kernel's state
     * @param measuredAt when it was read, TAI
     * @return the reading that state gives; the reason for no answer is logged at INFO when it changes
     */
    ReferenceReading reading(ClockStatus status, TaiTime measuredAt) {
        String reason = null;
        if (status.backend() == ClockBackend.FALLBACK) {
            reason = "the kernel cannot be asked (no native access: the time source fell back to Instant.now())";
        } else if (!status.synchronised()) {
            reason = "unsynchronised (STA_UNSYNC or TIME_ERROR; chrony leaves it so unless rtcsync is configured)";
        } else if (status.maxErrorMicros() < 0) {
            reason = "synchronised, but its maximum error is unknown";
        }
        if (reason != null) {
            if (!reason.equals(lastReason)) {
                lastReason = reason;
                LOG.info("Kernel reference: {}", reason);
            }
            return ReferenceReading.noAnswer(NAME, measuredAt, reason);
        }
        lastReason = "";
        String detail = "estimated error " + (status.estimatedErrorMicros() < 0 ? "unknown"
                : ReferenceReading.seconds(status.estimatedErrorMicros() * 1000, false));
        return ReferenceReading.bounded(NAME, measuredAt, status.maxErrorMicros() * 1000, status.leapState(), detail);
    }

    @Override
    public String toString() {
        return "KernelReference";
    }
}
