/**
 * Is the clock right? A {@link io.obstime.monitor.ClockMonitor} checks the system clock at an interval against the
 * kernel and the configured {@link io.obstime.monitor.ClockReference}s (chrony, NTP servers, PTP hardware clocks, or
 * a user's own), each answering with a {@link io.obstime.monitor.ReferenceReading}; every check is an immutable
 * {@link io.obstime.monitor.ClockHealth} with a {@link io.obstime.monitor.Verdict} and its reasons. Offsets are system
 * clock minus reference, in nanoseconds.
 *
 * <p>Threads: the monitor's checks run on its one daemon thread (or, on a simulated clock, inside
 * {@code advance(...)}), never on a thread that reads the clock for its own work; references are called from that
 * thread only; snapshots are immutable and published through a volatile field.
 */
package io.obstime.monitor;
