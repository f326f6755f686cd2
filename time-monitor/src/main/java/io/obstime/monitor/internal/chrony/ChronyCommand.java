package io.obstime.monitor.internal.chrony;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * chronyd's command protocol, version 6 (chrony 2.2 onwards, 4.x included), for the one request obstime sends:
 * {@code tracking}. Written from the protocol's public description (chrony's candm.h; facebook/time's Go client was
 * read for the facts); no chrony code. All fields big-endian.
 *
 * <pre>
 * request (20-byte header, then zero padding so that it is as long as the reply: chronyd refuses shorter requests,
 * so that it never answers with more bytes than it was sent):
 *   0 version u8 (6)  1 packet type u8 (1 request)  2 reserved u8  3 reserved u8  4 command u16 (33 tracking)
 *   6 attempt u16  8 sequence u32  12 pad u32  16 pad u32
 * reply (28-byte header):
 *   0 version u8  1 packet type u8 (2 reply)  2, 3 reserved  4 command u16  6 reply u16 (5 tracking)
 *   8 status u16 (0 success)  10, 12, 14 pad u16  16 sequence u32  20, 24 pad u32
 * tracking data, from byte 28:
 *   28 reference ID u32  32 address (16 bytes, then family u16 (1 IPv4, 2 IPv6), pad u16)  52 stratum u16
 *   54 leap status u16  56 reference time (seconds high u32, seconds low u32, nanoseconds u32)
 *   68 current correction  72 last offset  76 RMS offset  80 frequency  84 residual frequency  88 skew
 *   92 root delay  96 root dispersion  100 last update interval (each a {@link ChronyFloat})   104 end
 * </pre>
 */
public final class ChronyCommand {

    /** The protocol version obstime speaks. */
    public static final int PROTOCOL_VERSION = 6;
    /** Length of a tracking reply, and so of the padded request. */
    public static final int TRACKING_LENGTH = 104;

    static final int PACKET_TYPE_REQUEST = 1;
    static final int PACKET_TYPE_REPLY = 2;
    static final int COMMAND_TRACKING = 33;
    static final int REPLY_TRACKING = 5;
    static final int REPLY_HEADER_LENGTH = 28;
    /** The seconds-high value chronyd sends for a time that fits 32 bits. */
    static final int NO_HIGH_SECONDS = 0x7FFF_FFFF;

    private static final String[] STATUS = {"SUCCESS", "FAILED", "UNAUTH", "INVALID", "NOSUCHSOURCE", "INVALIDTS",
        "NOTENABLED", "BADSUBNET", "ACCESSALLOWED", "ACCESSDENIED", "NOHOSTACCESS", "SOURCEALREADYKNOWN",
        "TOOMANYSOURCES", "NORTC", "BADRTCFILE", "INACTIVE", "BADSAMPLE", "INVALIDAF", "BADPKTVERSION",
        "BADPKTLENGTH"};

    private ChronyCommand() {
    }

    /** Why there is no tracking report: the transport's trouble, or why a datagram is not a usable reply. */
    public enum Problem {
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** ICMP port unreachable: nothing listens there. */
        REFUSED,
        /** Sending failed (no route, for example). */
        UNREACHABLE,
        /** No reply within the timeout. */
        SILENCE,
        /** Shorter than the reply header, or than a tracking reply. */
        TRUNCATED,
        /** Not protocol version 6. */
        BAD_VERSION,
        /** Not a reply packet, or a reply to another command. */
        NOT_TRACKING,
        /** A reply with another sequence number: not to this request (stale or forged). */
        NOT_OURS,
        /** chronyd answered with an error status. */
        STATUS
    }

    /**
     * One datagram judged: the tracking report, or the problem.
     *
     * @param tracking the report, or null
     * @param problem  null with a report, else the kind
     * @param reason   the problem in words, stable for the same fault; empty with a report
     */
    public record Outcome(ChronyTracking tracking, Problem problem, String reason) {

        /** Checks that exactly one of report and problem is given. */
        public Outcome {
            if ((tracking == null) == (problem == null)) {
                throw new IllegalArgumentException("exactly one of tracking and problem: " + tracking + ", " + problem);
            }
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * @param problem the kind
         * @param reason  in words, stable for the same fault
         * @return an outcome without report
         */
        public static Outcome of(Problem problem, String reason) {
            return new Outcome(null, problem, reason);
        }
    }

    /**
     * A tracking request.
     *
     * @param sequence the number the reply must carry
     * @param attempt  0 for the first send, 1 for the first retry, ...
     * @return {@link #TRACKING_LENGTH} bytes
     */
    public static byte[] trackingRequest(int sequence, int attempt) {
        return ByteBuffer.allocate(TRACKING_LENGTH)
                .put((byte) PROTOCOL_VERSION).put((byte) PACKET_TYPE_REQUEST).put((byte) 0).put((byte) 0)
                .putShort((short) COMMAND_TRACKING).putShort((short) attempt).putInt(sequence)
                .array();
    }

    /**
     * Judges one received datagram as the reply to a tracking request. Never throws for any content.
     *
     * @param data     the datagram's bytes
     * @param length   how many were received
     * @param sequence the sequence number our request carried
     * @return the report, or the problem
     */
    public static Outcome decodeTracking(byte[] data, int length, int sequence) {
        int received = Math.min(length, data.length);
        if (received < REPLY_HEADER_LENGTH) {
            return Outcome.of(Problem.TRUNCATED, "truncated reply (" + Math.max(0, received)
                    + " bytes; the reply header has " + REPLY_HEADER_LENGTH + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(data, 0, received);
        int version = in.get(0) & 0xFF;
        if (version != PROTOCOL_VERSION) {
            return Outcome.of(Problem.BAD_VERSION, "chronyd answers in command protocol version " + version
                    + "; obstime speaks " + PROTOCOL_VERSION + " (chrony 2.2 and later)");
        }
        int packetType = in.get(1) & 0xFF;
        int command = in.getShort(4) & 0xFFFF;
        if (packetType != PACKET_TYPE_REPLY || command != COMMAND_TRACKING) {
            return Outcome.of(Problem.NOT_TRACKING, "not a reply to a tracking request (packet type " + packetType
                    + ", command " + command + ")");
        }
        if (in.getInt(16) != sequence) {
            return Outcome.of(Problem.NOT_OURS, "reply with another sequence number (stale or forged)");
        }
        int status = in.getShort(8) & 0xFFFF;
        if (status != 0) {
            return Outcome.of(Problem.STATUS, "chronyd refused the tracking request: status "
                    + (status < STATUS.length ? STATUS[status] : Integer.toString(status)) + statusHint(status));
        }
        int reply = in.getShort(6) & 0xFFFF;
        if (reply != REPLY_TRACKING) {
            return Outcome.of(Problem.NOT_TRACKING, "reply of type " + reply + ", not tracking (" + REPLY_TRACKING
                    + ")");
        }
        if (received < TRACKING_LENGTH) {
            return Outcome.of(Problem.TRUNCATED, "truncated tracking reply (" + received + " bytes of "
                    + TRACKING_LENGTH + ")");
        }
        long secondsHigh = in.getInt(56) & 0xFFFF_FFFFL;
        long seconds = (secondsHigh == NO_HIGH_SECONDS ? 0 : secondsHigh << 32) | (in.getInt(60) & 0xFFFF_FFFFL);
        long nanos = in.getInt(64) & 0xFFFF_FFFFL;
        // A 64-bit second count beyond what nanoseconds in a long hold (year 2262) is not a reference time.
        long referenceTime = seconds > Long.MAX_VALUE / 1_000_000_000L - 1 || nanos >= 1_000_000_000L
                ? Long.MIN_VALUE : seconds * 1_000_000_000L + nanos;
        return new Outcome(new ChronyTracking(in.getInt(28), address(data), in.getShort(52) & 0xFFFF,
                in.getShort(54) & 0xFFFF, referenceTime,
                ChronyFloat.decode(in.getInt(68)), ChronyFloat.decode(in.getInt(72)), ChronyFloat.decode(in.getInt(76)),
                ChronyFloat.decode(in.getInt(80)), ChronyFloat.decode(in.getInt(84)), ChronyFloat.decode(in.getInt(88)),
                ChronyFloat.decode(in.getInt(92)), ChronyFloat.decode(in.getInt(96)),
                ChronyFloat.decode(in.getInt(100))), null, "");
    }

    private static String statusHint(int status) {
        return switch (status) {
            case 2 -> " (a command that needs the Unix socket, or authentication)";
            case 10 -> " (this host is not in chronyd's cmdallow)";
            case 18 -> " (chronyd does not speak protocol version " + PROTOCOL_VERSION + ")";
            case 19 -> " (chronyd wants a longer request)";
            default -> "";
        };
    }

    private static String address(byte[] data) {
        int family = ByteBuffer.wrap(data).getShort(48) & 0xFFFF;
        int length = family == 1 ? 4 : family == 2 ? 16 : 0;
        if (length == 0) {
            return "";
        }
        byte[] bytes = new byte[length];
        System.arraycopy(data, 32, bytes, 0, length);
        try {
            return InetAddress.getByAddress(bytes).getHostAddress(); // a literal: no name lookup
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
