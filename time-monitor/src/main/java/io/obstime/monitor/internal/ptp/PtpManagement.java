package io.obstime.monitor.internal.ptp;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * PTP version 2 management messages (IEEE 1588-2008 §15) as ptp4l answers them on its Unix socket, the way
 * {@code pmc -u -b 0 'GET ...'} asks: a GET with an empty data field, boundary hops 0 (answered by the local ptp4l
 * only, never forwarded to the network), and the wildcard target port. Written from the standard's layouts and
 * linuxptp's documented TIME_STATUS_NP; everything on the wire is big-endian.
 *
 * <pre>
 * common header, 34 bytes                         management body, 14 bytes            TLV
 *   0 transportSpecific(4) | messageType(4)=0xD   34 targetPortIdentity (10)            48 tlvType (2): 1 MANAGEMENT,
 *   1 reserved(4) | versionPTP(4) = 2             44 startingBoundaryHops (1)                          2 MANAGEMENT_ERROR_STATUS
 *   2 messageLength (2)                           45 boundaryHops (1)                   50 lengthField (2): id + data
 *   4 domainNumber (1), 5 reserved (1)            46 reserved(4) | actionField(4)       52 managementId (2)
 *   6 flagField (2), 8 correctionField (8)           0 GET, 2 RESPONSE                  54 data (lengthField - 2)
 *  16 reserved (4), 20 sourcePortIdentity (10)    47 reserved (1)
 *  30 sequenceId (2), 32 controlField (1) = 4, 33 logMessageInterval (1) = 0x7f
 * </pre>
 */
public final class PtpManagement {

    private PtpManagement() {
    }

    static final int MESSAGE_TYPE_MANAGEMENT = 0xD;
    static final int VERSION_PTP = 2;
    static final int CONTROL_MANAGEMENT = 4;
    static final int LOG_MESSAGE_INTERVAL_NONE = 0x7f;
    static final int HEADER_SIZE = 34;
    static final int TARGET_PORT = 34;
    static final int BOUNDARY_HOPS = 44;
    static final int ACTION = 46;
    static final int TLV = 48;
    static final int TLV_DATA = 54;
    static final int ACTION_GET = 0;
    static final int ACTION_RESPONSE = 2;
    static final int TLV_MANAGEMENT = 1;
    static final int TLV_MANAGEMENT_ERROR_STATUS = 2;

    /** Management IDs obstime asks for. */
    public static final int CURRENT_DATA_SET = 0x2001;
    /** PARENT_DATA_SET: the parent port and the grandmaster's identity and quality. */
    public static final int PARENT_DATA_SET = 0x2002;
    /** TIME_PROPERTIES_DATA_SET: UTC offset, leap flags, time source. */
    public static final int TIME_PROPERTIES_DATA_SET = 0x2003;
    /** TIME_STATUS_NP: linuxptp's own, the last master offset and whether a grandmaster is present. */
    public static final int TIME_STATUS_NP = 0xC000;

    /** Scaled nanoseconds (1588's TimeInterval) are nanoseconds × 2^16. */
    private static final int SCALED_NS_SHIFT = 16;

    /**
     * A GET request with an empty data field.
     *
     * @param managementId   what to get, for example {@link #TIME_STATUS_NP}
     * @param sequenceId     0..65535, echoed in the response
     * @param domain         the PTP domain ptp4l serves (its {@code domainNumber}, 0 by default)
     * @param sourcePort     our port number in the source port identity (the clock identity is all zeros)
     * @return the message, 54 bytes
     */
    public static byte[] get(int managementId, int sequenceId, int domain, int sourcePort) {
        ByteBuffer b = ByteBuffer.allocate(TLV_DATA);
        b.put(0, (byte) MESSAGE_TYPE_MANAGEMENT);
        b.put(1, (byte) VERSION_PTP);
        b.putShort(2, (short) TLV_DATA);
        b.put(4, (byte) domain);
        b.putShort(28, (short) sourcePort);           // sourcePortIdentity: clockIdentity 20..27 zero, port 28..29
        b.putShort(30, (short) sequenceId);
        b.put(32, (byte) CONTROL_MANAGEMENT);
        b.put(33, (byte) LOG_MESSAGE_INTERVAL_NONE);
        for (int i = 0; i < 10; i++) {
            b.put(TARGET_PORT + i, (byte) 0xff);        // all ports of all clocks
        }
        b.put(BOUNDARY_HOPS - 0, (byte) 0);            // startingBoundaryHops 0 and boundaryHops 0: local only
        b.put(BOUNDARY_HOPS + 1, (byte) 0);
        b.put(ACTION, (byte) ACTION_GET);
        b.putShort(TLV, (short) TLV_MANAGEMENT);
        b.putShort(TLV + 2, (short) 2);                // lengthField: the managementId, no data
        b.putShort(TLV + 4, (short) managementId);
        return b.array();
    }

    /**
     * Checks that {@code message} is the RESPONSE to our GET and returns its data field.
     *
     * @param message      the datagram
     * @param length       its length
     * @param sequenceId   the sequence id we sent
     * @param managementId the id we asked for
     * @return the TLV's data field (big-endian), positioned at 0
     * @throws PtpManagementException when the message is not that response (with the reason), or is ptp4l's
     *                                MANAGEMENT_ERROR_STATUS (with its error name)
     */
    public static ByteBuffer response(byte[] message, int length, int sequenceId, int managementId) {
        if (length < TLV_DATA) {
            throw new PtpManagementException("a management response has at least " + TLV_DATA + " bytes: got "
                    + length);
        }
        ByteBuffer b = ByteBuffer.wrap(message, 0, length).slice();
        int type = b.get(0) & 0x0f;
        int version = b.get(1) & 0x0f;
        if (type != MESSAGE_TYPE_MANAGEMENT || version != VERSION_PTP) {
            throw new PtpManagementException(String.format(Locale.ROOT,
                    "not a PTPv2 management message: messageType 0x%x, versionPTP %d", type, version));
        }
        int messageLength = b.getShort(2) & 0xffff;
        if (messageLength > length || messageLength < TLV_DATA) {
            throw new PtpManagementException("messageLength " + messageLength + " does not fit the " + length
                    + " bytes received");
        }
        int sequence = b.getShort(30) & 0xffff;
        if (sequence != sequenceId) {
            throw new StaleResponse("sequenceId " + sequence + " is not ours (" + sequenceId + ")");
        }
        int action = b.get(ACTION) & 0x0f;
        int tlvType = b.getShort(TLV) & 0xffff;
        int tlvLength = b.getShort(TLV + 2) & 0xffff;
        if (TLV + 4 + tlvLength > messageLength || tlvLength < 2) {
            throw new PtpManagementException("TLV lengthField " + tlvLength + " overruns messageLength "
                    + messageLength);
        }
        int id = b.getShort(TLV + 4) & 0xffff;
        if (tlvType == TLV_MANAGEMENT_ERROR_STATUS) {
            int errorId = id;                          // MANAGEMENT_ERROR_STATUS: managementErrorId, then the id
            int about = tlvLength >= 4 ? b.getShort(TLV + 6) & 0xffff : -1;
            throw new PtpManagementException(String.format(Locale.ROOT,
                    "ptp4l answered %s for %s", errorName(errorId), idName(about)));
        }
        if (action != ACTION_RESPONSE) {
            throw new PtpManagementException("actionField " + action + " is not RESPONSE (2)");
        }
        if (tlvType != TLV_MANAGEMENT || id != managementId) {
            throw new PtpManagementException(String.format(Locale.ROOT,
                    "tlvType %d, managementId 0x%04x: not the %s asked for", tlvType, id, idName(managementId)));
        }
        return b.slice(TLV_DATA, tlvLength - 2);
    }

    /** @return the name of a management ID, for messages */
    static String idName(int managementId) {
        switch (managementId) {
            case CURRENT_DATA_SET: return "CURRENT_DATA_SET";
            case PARENT_DATA_SET: return "PARENT_DATA_SET";
            case TIME_PROPERTIES_DATA_SET: return "TIME_PROPERTIES_DATA_SET";
            case TIME_STATUS_NP: return "TIME_STATUS_NP";
            default: return String.format(Locale.ROOT, "managementId 0x%04x", managementId);
        }
    }

    /** @return the name of a managementErrorId (IEEE 1588-2008 table 72) */
    static String errorName(int errorId) {
        switch (errorId) {
            case 0x0001: return "RESPONSE_TOO_BIG";
            case 0x0002: return "NO_SUCH_ID";
            case 0x0003: return "WRONG_LENGTH";
            case 0x0004: return "WRONG_VALUE";
            case 0x0005: return "NOT_SETABLE";
            case 0x0006: return "NOT_SUPPORTED";
            case 0xFFFE: return "GENERAL_ERROR";
            default: return String.format(Locale.ROOT, "managementErrorId 0x%04x", errorId);
        }
    }

    private static void requireData(ByteBuffer data, int size, int managementId) {
        if (data.remaining() < size) {
            throw new PtpManagementException(idName(managementId) + " has " + size + " bytes of data: got "
                    + data.remaining());
        }
    }

    /** @return a clockIdentity as ptp4l prints it: {@code 0e9d26.fffe.4b97b6} */
    static String clockIdentity(ByteBuffer data, int offset) {
        StringBuilder s = new StringBuilder(18);
        for (int i = 0; i < 8; i++) {
            if (i == 3 || i == 5) {
                s.append('.');
            }
            s.append(String.format(Locale.ROOT, "%02x", data.get(offset + i) & 0xff));
        }
        return s.toString();
    }

    /**
     * linuxptp's TIME_STATUS_NP.
     *
     * @param masterOffsetNanos ptp4l's last offset from its master: <em>the clock ptp4l disciplines minus the
     *                          master</em>, ns (positive: that clock is ahead)
     * @param ingressTimeNanos  when the last Sync arrived, ns since 1970 on the clock ptp4l disciplines
     * @param gmPresent         whether ptp4l has a grandmaster other than itself
     * @param gmIdentity        the grandmaster's clock identity, as ptp4l prints it
     */
    public record TimeStatus(long masterOffsetNanos, long ingressTimeNanos, boolean gmPresent, String gmIdentity) {

        /*
         * data, 50 bytes: master_offset s64 @0, ingress_time s64 @8, cumulativeScaledRateOffset s32 @16,
         * scaledLastGmPhaseChange s32 @20, gmTimeBaseIndicator u16 @24, lastGmPhaseChange (ScaledNs, 12) @26,
         * gmPresent s32 @38, gmIdentity (8) @42.
         */
        static final int SIZE = 50;

        /**
         * @param data the TLV data of a TIME_STATUS_NP response
         * @return the decoded status
         */
        public static TimeStatus decode(ByteBuffer data) {
            requireData(data, SIZE, TIME_STATUS_NP);
            return new TimeStatus(data.getLong(0), data.getLong(8), data.getInt(38) != 0, clockIdentity(data, 42));
        }
    }

    /**
     * CURRENT_DATA_SET.
     *
     * @param stepsRemoved           boundary clocks between this clock and the grandmaster, plus one
     * @param offsetFromMasterNanos  this clock minus its master, ns (1588's sign, the same as master_offset)
     * @param meanPathDelayNanos     mean one-way delay to the master, ns
     */
    public record CurrentDataSet(int stepsRemoved, long offsetFromMasterNanos, long meanPathDelayNanos) {

        /* data, 18 bytes: stepsRemoved u16 @0, offsetFromMaster TimeInterval s64 @2, meanPathDelay TimeInterval @10 */
        static final int SIZE = 18;

        /**
         * @param data the TLV data of a CURRENT_DATA_SET response
         * @return the decoded data set
         */
        public static CurrentDataSet decode(ByteBuffer data) {
            requireData(data, SIZE, CURRENT_DATA_SET);
            return new CurrentDataSet(data.getShort(0) & 0xffff, data.getLong(2) >> SCALED_NS_SHIFT,
                    data.getLong(10) >> SCALED_NS_SHIFT);
        }
    }

    /**
     * PARENT_DATA_SET, the grandmaster's part.
     *
     * @param gmPriority1    grandmasterPriority1
     * @param gmClockClass   grandmasterClockQuality.clockClass (6: locked to a primary reference such as GPS;
     *                       7: holdover; 248: default, not traceable; ...)
     * @param gmClockAccuracy grandmasterClockQuality.clockAccuracy (0x20 25 ns ... 0x31 &gt; 10 s, 0xfe unknown)
     * @param gmPriority2    grandmasterPriority2
     * @param gmIdentity     grandmasterIdentity, as ptp4l prints it
     */
    public record ParentDataSet(int gmPriority1, int gmClockClass, int gmClockAccuracy, int gmPriority2,
                                String gmIdentity) {

        /*
         * data, 32 bytes: parentPortIdentity (10) @0, parentStats u8 @10, reserved @11,
         * observedParentOffsetScaledLogVariance u16 @12, observedParentClockPhaseChangeRate s32 @14,
         * grandmasterPriority1 u8 @18, grandmasterClockQuality {clockClass u8 @19, clockAccuracy u8 @20,
         * offsetScaledLogVariance u16 @21}, grandmasterPriority2 u8 @23, grandmasterIdentity (8) @24.
         */
        static final int SIZE = 32;

        /**
         * @param data the TLV data of a PARENT_DATA_SET response
         * @return the decoded data set
         */
        public static ParentDataSet decode(ByteBuffer data) {
            requireData(data, SIZE, PARENT_DATA_SET);
            return new ParentDataSet(data.get(18) & 0xff, data.get(19) & 0xff, data.get(20) & 0xff,
                    data.get(23) & 0xff, clockIdentity(data, 24));
        }
    }

    /**
     * TIME_PROPERTIES_DATA_SET.
     *
     * @param currentUtcOffset TAI − UTC the grandmaster announces, seconds
     * @param leap61           a leap second will be inserted at the end of this UTC day
     * @param leap59           a leap second will be deleted at the end of this UTC day
     * @param utcOffsetValid   whether {@code currentUtcOffset} is known to be right
     * @param ptpTimescale     whether the grandmaster's time scale is PTP (TAI) rather than arbitrary
     * @param timeTraceable    whether the time is traceable to a primary reference
     * @param timeSource       the grandmaster's time source (0x20 GPS, 0x40 PTP, 0x50 NTP, 0xa0 internal oscillator)
     */
    public record TimeProperties(int currentUtcOffset, boolean leap61, boolean leap59, boolean utcOffsetValid,
                                 boolean ptpTimescale, boolean timeTraceable, int timeSource) {

        /* data, 4 bytes: currentUtcOffset s16 @0, flags u8 @2 (bit 0 leap61, 1 leap59, 2 currentUtcOffsetValid,
         * 3 ptpTimescale, 4 timeTraceable, 5 frequencyTraceable), timeSource u8 @3. */
        static final int SIZE = 4;

        /**
         * @param data the TLV data of a TIME_PROPERTIES_DATA_SET response
         * @return the decoded data set
         */
        public static TimeProperties decode(ByteBuffer data) {
            requireData(data, SIZE, TIME_PROPERTIES_DATA_SET);
            int flags = data.get(2) & 0xff;
            return new TimeProperties(data.getShort(0), (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0,
                    (flags & 8) != 0, (flags & 16) != 0, data.get(3) & 0xff);
        }
    }

    /** A datagram that is a response, but to an earlier request (a late answer): skipped, not an error. */
    static final class StaleResponse extends PtpManagementException {
        private static final long serialVersionUID = 1L;

        StaleResponse(String reason) {
            super(reason);
        }
    }
}
