package io.obstime.clock;

import java.util.Objects;

/**
 * A snapshot of the clock's state: whether the kernel considers itself synchronised, its error bounds, the leap
 * second state, the kernel's own TAI offset, and where the TAI readings of the time source come from.
 *
 * @param synchronised         true when the kernel's clock is synchronised (adjtimex did not return TIME_ERROR and
 *                             STA_UNSYNC is clear); false when unsynchronised or unknown
 * @param maxErrorMicros       the kernel's maximum error estimate in microseconds (adjtimex maxerror), or -1 if unknown
 * @param estimatedErrorMicros the kernel's estimated error in microseconds (adjtimex esterror), or -1 if unknown
 * @param leapState            the leap second state
 * @param kernelTaiOffset      the kernel's TAI − UTC in seconds (adjtimex tai); 0 when unset; -1 if unknown
 * @param taiOffset            TAI − UTC in seconds as delivered by the time source
 * @param taiSource            where TAI comes from
 * @param backend              how the clock is read
 */
public record ClockStatus(
        boolean synchronised,
        long maxErrorMicros,
        long estimatedErrorMicros,
        LeapState leapState,
        int kernelTaiOffset,
        int taiOffset,
        TaiSource taiSource,
        ClockBackend backend) {

    /**
     * Validates the non-null components.
     *
     * @param synchronised         true when the kernel's clock is synchronised
     * @param maxErrorMicros       the kernel's maximum error estimate in microseconds, or -1 if unknown
     * @param estimatedErrorMicros the kernel's estimated error in microseconds, or -1 if unknown
     * @param leapState            the leap second state, not null
     * @param kernelTaiOffset      the kernel's TAI − UTC in seconds; 0 when unset; -1 if unknown
     * @param taiOffset            TAI − UTC in seconds as delivered by the time source
     * @param taiSource            where TAI comes from, not null
     * @param backend              how the clock is read, not null
     */
    public ClockStatus {
        Objects.requireNonNull(leapState, "leapState");
        Objects.requireNonNull(taiSource, "taiSource");
        Objects.requireNonNull(backend, "backend");
    }
}
