package io.obstime.monitor;

import java.time.Duration;
import java.util.Objects;

/** What the UDP references ({@link NtpReference}, {@link ChronyReference}) check and compute alike. */
final class UdpReferences {

    private static final Duration LONGEST_TIMEOUT = Duration.ofDays(365);

    private UdpReferences() {
    }

    /** @return the host, stripped; IllegalArgumentException naming it if blank */
    static String requireHost(String host) {
        if (Objects.requireNonNull(host, "host").isBlank()) {
            throw new IllegalArgumentException("host must not be blank: '" + host + "'");
        }
        return host.strip();
    }

    /** @return the port; IllegalArgumentException naming it unless 1..65535 */
    static int requirePort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 1..65535: " + port);
        }
        return port;
    }

    /** {@code scheme:host:port}, an IPv6 literal in brackets. */
    static String name(String scheme, String host, int port) {
        return scheme + ":" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** @return the timeout in nanoseconds, at most a year; IllegalArgumentException naming it unless positive */
    static long timeoutNanos(Duration timeout) {
        if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return timeout.compareTo(LONGEST_TIMEOUT) > 0 ? LONGEST_TIMEOUT.toNanos() : timeout.toNanos();
    }

    /** A socket timeout covering {@code remainingNanos} (positive), in whole milliseconds, at least 1. */
    static int soTimeoutMillis(long remainingNanos) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (remainingNanos + 999_999) / 1_000_000));
    }
}
