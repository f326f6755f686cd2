package io.obstime.monitor.internal.ntp;

import java.util.Objects;

/**
 * What one reply to one client request gave: a {@link Sample} that may be trusted, or a {@link Rejected} reply with
 * the reason. Immutable.
 */
public sealed interface NtpOutcome permits NtpOutcome.Sample, NtpOutcome.Rejected {

    /** Why a reply was rejected, in order of how much it says about the server (highest last). */
    enum Rejection {
        /** Fewer than 48 bytes: not an NTP header. */
        TRUNCATED,
        /** Not mode 4 (server). */
        NOT_SERVER_MODE,
        /** Not NTP version 3 or 4. */
        BAD_VERSION,
        /** The origin timestamp is not our request's transmit timestamp: spoofed, or a stale duplicate. */
        NOT_OURS,
        /** Receive or transmit timestamp missing, or inconsistent with the round trip. */
        BAD_TIMESTAMPS,
        /** Stratum above 16. */
        BAD_STRATUM,
        /** Leap indicator 3 or stratum 16: the server says it is not synchronised. */
        UNSYNCHRONISED,
        /** Stratum 0: kiss-o'-death, the reference ID is the kiss code (RATE or another that is not a stop). */
        KISS,
        /** Kiss-o'-death DENY or RSTR: RFC 5905 §7.4 says the client must stop sending to this server. */
        KISS_STOP
    }

    /**
     * A reply that passed every check: one measurement of the system clock against the server.
     *
     * @param offsetNanos         system clock minus server clock (the negative of RFC 5905's θ), nanoseconds:
     *                            ((T1 − T2) + (T4 − T3)) / 2, rounded down
     * @param delayNanos          round trip minus the server's processing, (T4 − T1) − (T3 − T2), nanoseconds, &gt;= 0
     * @param rootDelayNanos      the server's root delay, nanoseconds
     * @param rootDispersionNanos the server's root dispersion, nanoseconds
     * @param stratum             the server's stratum, 1..15
     * @param leap                the leap indicator, 0..2
     * @param referenceId         the server's reference ID in words
     */
    record Sample(long offsetNanos, long delayNanos, long rootDelayNanos, long rootDispersionNanos, int stratum,
                  int leap, String referenceId) implements NtpOutcome {

        /** Checks the fields. */
        public Sample {
            if (delayNanos < 0 || rootDelayNanos < 0 || rootDispersionNanos < 0) {
                throw new IllegalArgumentException("delays and dispersion must be >= 0: " + delayNanos + ", "
                        + rootDelayNanos + ", " + rootDispersionNanos);
            }
            Objects.requireNonNull(referenceId, "referenceId");
        }

        /**
         * The bound on the offset's error: half the round trip (the path may be all on one side) plus the server's
         * own distance from its primary reference, root delay / 2 + root dispersion (RFC 5905's root distance
         * without the jitter terms, which one exchange cannot give).
         *
         * @return delay / 2 + root delay / 2 + root dispersion, nanoseconds, the halves rounded up (the offset is
         *         rounded down, so a bound rounded down could miss the true offset by 1 ns)
         */
        public long uncertaintyNanos() {
            return (delayNanos + 1) / 2 + (rootDelayNanos + 1) / 2 + rootDispersionNanos;
        }
    }

    /**
     * A reply that may not be trusted.
     *
     * @param rejection the kind, for choosing which reason to report
     * @param reason    the reason in words, stable for the same fault (it is logged when it changes)
     */
    record Rejected(Rejection rejection, String reason) implements NtpOutcome {

        /** Checks the fields. */
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
