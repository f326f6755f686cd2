/**
 * Is the clock right? The system clock checked against references ({@link io.obstime.monitor.ClockReference}):
 * the kernel's own bounds, chrony, NTP servers and PTP hardware clocks. Each answers with a
 * {@link io.obstime.monitor.ReferenceReading}; offsets are system clock minus reference, in nanoseconds.
 */
package io.obstime.monitor;
