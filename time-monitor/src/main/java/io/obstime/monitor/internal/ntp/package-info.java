/**
 * NTP client mode (RFC 5905), internal: the 48-byte header, the 64-bit timestamp and 16.16 short formats converted
 * exactly to POSIX UTC nanoseconds, and one exchange judged (checks, kiss-o'-death, offset, delay). Not exported;
 * {@link io.obstime.monitor.NtpReference} is the public face. Written for obstime rather than taken from a library:
 * Apache Commons Net's client stamps with {@code System.currentTimeMillis()}, too coarse for a 5 ms threshold.
 */
package io.obstime.monitor.internal.ntp;
