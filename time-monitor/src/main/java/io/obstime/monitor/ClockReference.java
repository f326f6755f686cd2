package io.obstime.monitor;

import io.obstime.clock.TimeSource;

import java.time.Duration;

/**
 * Something the system clock can be checked against: the kernel's own error bounds, chrony's view, an NTP server, a
 * PTP hardware clock, or a user's own. One small interface so that users can add theirs.
 *
 * <p><b>Contract.</b> {@link #measure} never throws for trouble with the reference (unreachable, silent, refused,
 * malformed reply, unsynchronised server): it returns {@link ReferenceReading#noAnswer} with the reason in words, and
 * logs that reason at most once per change of reason, not per call. It throws only for a programming error
 * (a null argument). It returns within about {@code timeout}. A reference may be called from one thread at a time
 * (the monitor's); it need not be thread-safe unless it says so.
 *
 * <p><b>Sign.</b> Every offset in obstime's monitor is <em>system clock minus reference</em>: positive when the
 * system clock is ahead. (NTP's θ and PTP's master offset have the opposite sign; each implementation converts.)
 */
public interface ClockReference extends AutoCloseable {

    /**
     * A short, stable name for reports, logs and metric labels: for example {@code kernel},
     * {@code chrony:127.0.0.1:323}, {@code ntp:ntp1.example.org:123}, {@code phc:/dev/ptp0}.
     *
     * @return this reference's name, never null or empty
     */
    String name();

    /**
     * Measures the system clock against this reference now.
     *
     * @param clock   the system clock being checked; stamps taken by the reference come from it, in nanoseconds
     * @param timeout how long the measurement may take in all (for example over all of a server's samples); positive
     * @return the reading; {@link ReferenceReading#noAnswer} when the reference could not vouch for the clock
     */
    ReferenceReading measure(TimeSource clock, Duration timeout);

    /** Releases sockets or file handles the reference holds; the default holds none. Idempotent. */
    @Override
    default void close() {
    }
}
