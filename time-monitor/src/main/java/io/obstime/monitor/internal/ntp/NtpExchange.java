package io.obstime.monitor.internal.ntp;

import io.obstime.monitor.internal.ntp.NtpOutcome.Rejected;
import io.obstime.monitor.internal.ntp.NtpOutcome.Rejection;
import io.obstime.monitor.internal.ntp.NtpOutcome.Sample;

/**
 * One client/server exchange judged: the checks of RFC 5905 §8 (and its kiss-o'-death rules, §7.4) and the
 * on-wire arithmetic. Never throws for what a server sends.
 *
 * <p>Timestamps: T1 our transmit, T2 the server's receive, T3 the server's transmit, T4 our receive. T1 and T4 are
 * read from obstime's {@code TimeSource.utcNanos()} (nanoseconds, POSIX UTC), not {@code System.currentTimeMillis()}:
 * a 5 ms threshold needs better than millisecond stamps, which is why obstime has its own client and does not use
 * Apache Commons Net's NTPUDPClient (millisecond stamps, offsets in whole milliseconds).
 */
public final class NtpExchange {

    /** A server may stamp a little coarsely; a round trip more negative than this is a lie, not rounding. */
    static final long MAX_NEGATIVE_DELAY_NANOS = 1_000_000L;

    /** T4 − T1 beyond 2^31 s (68 years) is not a round trip; below it, no sum in the arithmetic overflows. */
    static final long MAX_ROUND_TRIP_NANOS = (1L << 31) * 1_000_000_000L;

    private NtpExchange() {
    }

    /**
     * The transmit timestamp a request carries: T1's seconds and the top 8 bits of its fraction (about 4 ms), the
     * low 24 bits random. The server echoes it as the reply's origin timestamp, so a reply that does not echo it
     * exactly was not sent to us (an off-path spoofer must guess 24 bits). T1 itself is kept in nanoseconds by the
     * caller; the timestamp on the wire does not enter the arithmetic.
     *
     * @param t1UtcNanos  T1, nanoseconds since 1970-01-01T00:00:00Z (POSIX UTC)
     * @param randomBits  random bits; the low 24 are used
     * @return the 64 bits to send
     */
    public static long transmitTimestamp(long t1UtcNanos, int randomBits) {
        return (NtpTimestamps.fromUtcNanos(t1UtcNanos) & ~0xFF_FFFFL) | (randomBits & 0xFF_FFFFL);
    }

    /**
     * Judges one received datagram.
     *
     * @param data        the datagram's bytes
     * @param length      how many were received
     * @param sent        the transmit timestamp our request carried (see {@link #transmitTimestamp})
     * @param t1UtcNanos  T1, when we sent, POSIX UTC nanoseconds
     * @param t4UtcNanos  T4, when we received, POSIX UTC nanoseconds
     * @return the sample, or why the reply is not trusted
     */
    public static NtpOutcome evaluate(byte[] data, int length, long sent, long t1UtcNanos, long t4UtcNanos) {
        NtpPacket reply = NtpPacket.decode(data, length);
        if (reply == null) {
            return new Rejected(Rejection.TRUNCATED, "truncated reply (" + Math.max(0, length)
                    + " bytes; an NTP header has 48)");
        }
        if (reply.mode() != NtpPacket.MODE_SERVER) {
            return new Rejected(Rejection.NOT_SERVER_MODE, "reply in mode " + reply.mode() + ", not 4 (server)");
        }
        if (reply.version() < 3 || reply.version() > 4) {
            return new Rejected(Rejection.BAD_VERSION, "reply in NTP version " + reply.version()
                    + " (3 or 4 expected)");
        }
        // Before anything else the reply says (a kiss in particular): is it an answer to our request at all?
        if (reply.originTimestamp() != sent) {
            return new Rejected(Rejection.NOT_OURS,
                    "reply whose origin timestamp is not our request's (spoofed or stale)");
        }
        if (reply.stratum() == 0) {
            String code = reply.referenceIdText();
            boolean stop = code.equals("DENY") || code.equals("RSTR");
            return new Rejected(stop ? Rejection.KISS_STOP : Rejection.KISS, kissReason(code));
        }
        if (reply.leap() == NtpPacket.LEAP_UNSYNCHRONISED) {
            return new Rejected(Rejection.UNSYNCHRONISED, "server not synchronised (leap indicator 3)");
        }
        if (reply.stratum() == NtpPacket.STRATUM_UNSYNCHRONISED) {
            return new Rejected(Rejection.UNSYNCHRONISED, "server not synchronised (stratum 16)");
        }
        if (reply.stratum() > NtpPacket.STRATUM_UNSYNCHRONISED) {
            return new Rejected(Rejection.BAD_STRATUM, "reply with invalid stratum " + reply.stratum());
        }
        if (reply.receiveTimestamp() == 0 || reply.transmitTimestamp() == 0) {
            return new Rejected(Rejection.BAD_TIMESTAMPS, "reply without receive or transmit timestamp");
        }
        if (t1UtcNanos < NtpTimestamps.MIN_PIVOT_UTC_NANOS || t1UtcNanos > NtpTimestamps.MAX_PIVOT_UTC_NANOS
                || t4UtcNanos < t1UtcNanos || t4UtcNanos > t1UtcNanos + MAX_ROUND_TRIP_NANOS) {
            // (t1 + 2^31 s cannot overflow: the pivot range leaves 2^31 + 2 s on either side.)
            return new Rejected(Rejection.BAD_TIMESTAMPS,
                    "our own clock's stamps are not usable (T1 before 1745 or after 2194, or T4 before T1)");
        }
        long t2 = NtpTimestamps.toUtcNanos(reply.receiveTimestamp(), t1UtcNanos);
        long t3 = NtpTimestamps.toUtcNanos(reply.transmitTimestamp(), t1UtcNanos);
        if (t3 < t2) {
            return new Rejected(Rejection.BAD_TIMESTAMPS, "server's transmit timestamp precedes its receive timestamp");
        }
        // T2, T3 and T4 are within 2^31 s (2.1e18 ns) of T1, so no sum below overflows a long.
        long delay = (t4UtcNanos - t1UtcNanos) - (t3 - t2);
        if (delay < -MAX_NEGATIVE_DELAY_NANOS) {
            return new Rejected(Rejection.BAD_TIMESTAMPS,
                    "server's processing time exceeds the round trip (timestamps inconsistent)");
        }
        long offset = offsetNanos(t1UtcNanos, t2, t3, t4UtcNanos);
        return new Sample(offset, Math.max(0, delay), NtpTimestamps.shortToNanos(reply.rootDelay()),
                NtpTimestamps.shortToNanos(reply.rootDispersion()), reply.stratum(), reply.leap(),
                reply.referenceIdText());
    }

    /**
     * System clock minus server clock from one exchange: ((T1 − T2) + (T4 − T3)) / 2, rounded down; exact when the
     * two paths take equally long. (RFC 5905's θ = ((T2 − T1) + (T3 − T4)) / 2 is server minus client.)
     *
     * @param t1 our transmit, nanoseconds
     * @param t2 server's receive, nanoseconds
     * @param t3 server's transmit, nanoseconds
     * @param t4 our receive, nanoseconds
     * @return the offset, nanoseconds; the four stamps must lie within 2<sup>61</sup> ns of each other
     */
    public static long offsetNanos(long t1, long t2, long t3, long t4) {
        return Math.floorDiv((t1 - t2) + (t4 - t3), 2);
    }

    private static String kissReason(String code) {
        String meaning = switch (code) {
            case "RATE" -> "the server asks us to reduce the rate";
            case "DENY" -> "access denied; the server asks us to stop";
            case "RSTR" -> "access restricted; the server asks us to stop";
            default -> "the server sends no time";
        };
        return "kiss-o'-death " + code + " (" + meaning + ")";
    }
}
