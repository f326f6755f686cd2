package io.obstime.monitor.internal.chrony;

import java.util.Objects;

/**
 * chronyd's {@code tracking} report, every field as its command port sends it (what {@code chronyc tracking}
 * prints). Seconds and ppm as doubles, exactly as decoded from chrony's float format.
 *
 * @param referenceId           reference ID ({@code 7F7F0101}: its own {@code local} clock)
 * @param address               the current source's address, or empty (a reference clock, or none)
 * @param stratum               chronyd's stratum
 * @param leapStatus            0 normal, 1 insert second, 2 delete second, 3 not synchronised
 * @param referenceTimeUtcNanos when the last update was made, POSIX UTC nanoseconds since 1970; {@link Long#MIN_VALUE}
 *                              when the reply names a time that a long cannot hold (after 2262)
 * @param currentCorrection     "System time": how much chronyd would add to the system clock to correct it, seconds
 *                              (positive: the system clock is slow; chronyc prints "seconds slow of NTP time")
 * @param lastOffset            the offset estimated at the last update, seconds (positive: the system clock was
 *                              ahead)
 * @param rmsOffset             long-term average of the offset, seconds
 * @param frequencyPpm          the rate at which the system clock would be wrong without correction, ppm
 *                              (positive: fast)
 * @param residualFrequencyPpm  residual frequency of the current source, ppm
 * @param skewPpm               estimated error bound on the frequency, ppm
 * @param rootDelay             total round trip to the stratum-1 source, seconds
 * @param rootDispersion        total dispersion accumulated through the sources, seconds
 * @param lastUpdateInterval    time between the last two updates, seconds
 */
public record ChronyTracking(int referenceId, String address, int stratum, int leapStatus, long referenceTimeUtcNanos,
                             double currentCorrection, double lastOffset, double rmsOffset, double frequencyPpm,
                             double residualFrequencyPpm, double skewPpm, double rootDelay, double rootDispersion,
                             double lastUpdateInterval) {

    /** The reference ID chronyd reports when its only source is its own clock ({@code local} directive). */
    public static final int LOCAL_REFERENCE_ID = 0x7F7F0101;

    /** Checks the address. */
    public ChronyTracking {
        Objects.requireNonNull(address, "address");
    }

    /** @return the reference ID as chronyc prints it: eight hex digits */
    public String referenceIdHex() {
        return String.format("%08X", referenceId);
    }

    /** @return the leap status as chronyc prints it */
    public String leapStatusText() {
        return switch (leapStatus) {
            case 0 -> "Normal";
            case 1 -> "Insert second";
            case 2 -> "Delete second";
            case 3 -> "Not synchronised";
            default -> "Invalid (" + leapStatus + ")";
        };
    }
}
