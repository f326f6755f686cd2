package io.obstime.monitor.internal.ntp;

import java.nio.ByteBuffer;

/**
 * The 48-byte NTP header (RFC 5905 §7.3), big-endian, as a client sends and reads it. Extension fields and MACs
 * after byte 48 are ignored (a client-mode request carries none, so a server adds none).
 *
 * <pre>
 *  0: LI (2 bits) | VN (3 bits) | Mode (3 bits)    1: Stratum    2: Poll (log2 s)    3: Precision (log2 s)
 *  4: Root Delay (NTP short, 16.16 s)              8: Root Dispersion (NTP short)   12: Reference ID
 * 16: Reference Timestamp (64)  24: Origin Timestamp (64)  32: Receive Timestamp (64)  40: Transmit Timestamp (64)
 * </pre>
 *
 * Immutable; {@link #decode} never throws for any content, it reports a short packet as {@code null}.
 */
public final class NtpPacket {

    /** Length of the header; a shorter datagram is not an NTP packet. */
    public static final int LENGTH = 48;
    /** Where the transmit timestamp sits in the header. */
    public static final int TRANSMIT_OFFSET = 40;
    /** The version obstime sends. */
    public static final int VERSION = 4;
    /** Mode 3: client. */
    public static final int MODE_CLIENT = 3;
    /** Mode 4: server. */
    public static final int MODE_SERVER = 4;
    /** Leap indicator 3: the server's clock is not synchronised (alarm). */
    public static final int LEAP_UNSYNCHRONISED = 3;
    /** Stratum 16: unsynchronised (RFC 5905 §7.3). */
    public static final int STRATUM_UNSYNCHRONISED = 16;

    private final int leap;
    private final int version;
    private final int mode;
    private final int stratum;
    private final int poll;
    private final int precision;
    private final int rootDelay;
    private final int rootDispersion;
    private final int referenceId;
    private final long referenceTimestamp;
    private final long originTimestamp;
    private final long receiveTimestamp;
    private final long transmitTimestamp;

    /**
     * A header with every field given (a fake server's reply in tests, or a request).
     *
     * @param leap               leap indicator 0..3
     * @param version            version 0..7
     * @param mode               mode 0..7
     * @param stratum            stratum 0..255
     * @param poll               poll exponent, signed byte
     * @param precision          precision exponent, signed byte
     * @param rootDelay          root delay, NTP short
     * @param rootDispersion     root dispersion, NTP short
     * @param referenceId        reference ID
     * @param referenceTimestamp reference timestamp, 64-bit NTP
     * @param originTimestamp    origin timestamp, 64-bit NTP
     * @param receiveTimestamp   receive timestamp, 64-bit NTP
     * @param transmitTimestamp  transmit timestamp, 64-bit NTP
     */
    public NtpPacket(int leap, int version, int mode, int stratum, int poll, int precision, int rootDelay,
                     int rootDispersion, int referenceId, long referenceTimestamp, long originTimestamp,
                     long receiveTimestamp, long transmitTimestamp) {
        this.leap = checkRange("leap", leap, 0, 3);
        this.version = checkRange("version", version, 0, 7);
        this.mode = checkRange("mode", mode, 0, 7);
        this.stratum = checkRange("stratum", stratum, 0, 255);
        this.poll = checkRange("poll", poll, Byte.MIN_VALUE, Byte.MAX_VALUE);
        this.precision = checkRange("precision", precision, Byte.MIN_VALUE, Byte.MAX_VALUE);
        this.rootDelay = rootDelay;
        this.rootDispersion = rootDispersion;
        this.referenceId = referenceId;
        this.referenceTimestamp = referenceTimestamp;
        this.originTimestamp = originTimestamp;
        this.receiveTimestamp = receiveTimestamp;
        this.transmitTimestamp = transmitTimestamp;
    }

    private static int checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ": " + value);
        }
        return value;
    }

    /**
     * A client-mode request (LI 0, version 4, mode 3, everything else 0) whose transmit timestamp the server will
     * copy into its reply's origin timestamp.
     *
     * @param transmitTimestamp the 64 bits to send; the reply is matched on them
     * @return the request
     */
    public static NtpPacket clientRequest(long transmitTimestamp) {
        return new NtpPacket(0, VERSION, MODE_CLIENT, 0, 0, 0, 0, 0, 0, 0, 0, 0, transmitTimestamp);
    }

    /**
     * Reads a header from the start of a datagram.
     *
     * @param data   the datagram's bytes
     * @param length how many of them were received
     * @return the header, or {@code null} when fewer than {@link #LENGTH} bytes came
     */
    public static NtpPacket decode(byte[] data, int length) {
        if (length < LENGTH || data.length < LENGTH) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(data, 0, LENGTH);
        int first = in.get() & 0xFF;
        return new NtpPacket(first >>> 6, (first >>> 3) & 7, first & 7, in.get() & 0xFF, in.get(), in.get(),
                in.getInt(), in.getInt(), in.getInt(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
    }

    /**
     * Writes this header into 48 bytes.
     *
     * @return a new array of {@link #LENGTH} bytes
     */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        out.put((byte) (leap << 6 | version << 3 | mode)).put((byte) stratum).put((byte) poll).put((byte) precision)
                .putInt(rootDelay).putInt(rootDispersion).putInt(referenceId)
                .putLong(referenceTimestamp).putLong(originTimestamp).putLong(receiveTimestamp)
                .putLong(transmitTimestamp);
        return out.array();
    }

    /** @return leap indicator: 0 none, 1 last minute has 61 s, 2 last minute has 59 s, 3 unsynchronised */
    public int leap() {
        return leap;
    }

    /** @return version number */
    public int version() {
        return version;
    }

    /** @return mode (3 client, 4 server) */
    public int mode() {
        return mode;
    }

    /** @return stratum: 0 kiss-o'-death, 1 primary, 2..15 secondary, 16 unsynchronised */
    public int stratum() {
        return stratum;
    }

    /** @return poll exponent (log2 s) */
    public int poll() {
        return poll;
    }

    /** @return precision exponent (log2 s) */
    public int precision() {
        return precision;
    }

    /** @return root delay, NTP short (16.16 s) */
    public int rootDelay() {
        return rootDelay;
    }

    /** @return root dispersion, NTP short (16.16 s) */
    public int rootDispersion() {
        return rootDispersion;
    }

    /** @return reference ID (at stratum 0, the kiss code in ASCII) */
    public int referenceId() {
        return referenceId;
    }

    /** @return reference timestamp, 64-bit NTP */
    public long referenceTimestamp() {
        return referenceTimestamp;
    }

    /** @return origin timestamp, 64-bit NTP: the request's transmit timestamp echoed */
    public long originTimestamp() {
        return originTimestamp;
    }

    /** @return receive timestamp (T2), 64-bit NTP */
    public long receiveTimestamp() {
        return receiveTimestamp;
    }

    /** @return transmit timestamp (T3), 64-bit NTP */
    public long transmitTimestamp() {
        return transmitTimestamp;
    }

    /**
     * The reference ID as text: at stratum 0 (a kiss code such as {@code RATE}) and 1 (a source such as {@code GPS})
     * its printable ASCII characters, trailing NULs dropped; otherwise, or when it is not printable, eight hex
     * digits (an IPv4 address or the hash of an IPv6 one), as chronyc shows it.
     *
     * @return the reference ID in words
     */
    public String referenceIdText() {
        String hex = String.format("%08X", referenceId);
        if (stratum > 1) {
            return hex;
        }
        StringBuilder ascii = new StringBuilder(4);
        boolean ended = false;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (referenceId >>> shift) & 0xFF;
            if (c == 0) {
                ended = true;
            } else if (ended || c < 0x20 || c > 0x7E) {
                return hex;
            } else {
                ascii.append((char) c);
            }
        }
        return ascii.length() == 0 ? hex : ascii.toString();
    }
}
