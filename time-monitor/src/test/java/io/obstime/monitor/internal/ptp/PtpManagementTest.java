package io.obstime.monitor.internal.ptp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The management codec on messages captured from real linuxptp 3.1.1 (Debian 12's linuxptp_3.1.1-4+b2) on
 * 2026-11-29: two ptp4l in network namespaces over a veth pair, software timestamping, the slave with
 * {@code free_running 1}; a Python script bound a Unix datagram socket, sent GETs to the slave's {@code uds_address}
 * and printed the replies in hex, and received the request that {@code pmc -u -b 0 -z} sends. pmc printed for the
 * same daemons: gmIdentity 0e9d26.fffe.4b97b6, clock class 248, priority1 100, currentUtcOffset 37, timeSource 0xa0.
 */
class PtpManagementTest {

    private static final HexFormat HEX = HexFormat.of();

    /** {@code pmc -u -b 0 -z 'GET TIME_STATUS_NP'} as pmc (pid 0x2095) sent it. */
    static final String PMC_GET_TIME_STATUS = "0d02003600000000000000000000000000000000000000000000000020950000047f"
            + "ffffffffffffffffffff0000000000010002c000";
    static final String TIME_STATUS_RESPONSE = "0d020068000000000000000000000000000000003a9566fffed797c200000000047f"
            + "010203040506070800010000020000010034c000ffffffffffffff7418ec93f23a0ea716000000000000000000000000000000"
            + "00000000000000000000010e9d26fffe4b97b6";
    static final String PARENT_RESPONSE = "0d020056000000000000000000000000000000003a9566fffed797c200000001047f"
            + "01020304050607080001000002000001002220020e9d26fffe4b97b600010000ffff7fffffff64f8feffff800e9d26fffe4b97b6";
    static final String CURRENT_RESPONSE = "0d020048000000000000000000000000000000003a9566fffed797c200000002047f"
            + "01020304050607080001000002000001001420010001ffffffffff74000000000000096e0000";
    static final String TIME_PROPERTIES_RESPONSE = "0d02003a000000000000000000000000000000003a9566fffed797c2000000030"
            + "47f0102030405060708000100000200000100062003002500a0";
    /** ptp4l's answer to a GET of 0x4000 (TRANSPARENT_CLOCK_DEFAULT_DATA_SET), which it does not serve. */
    static final String NOT_SUPPORTED_RESPONSE = "0d02003c000000000000000000000000000000003a9566fffed797c20000000704"
            + "7f0000000000000000209500000200000200080006400000000000";

    private static ByteBuffer response(String hex, int sequence, int id) {
        byte[] m = HEX.parseHex(hex);
        return PtpManagement.response(m, m.length, sequence, id);
    }

    @Test
    void ourGetIsByteForBytePmcs() {
        assertArrayEquals(HEX.parseHex(PMC_GET_TIME_STATUS), PtpManagement.get(PtpManagement.TIME_STATUS_NP, 0, 0,
                0x2095));
    }

    @Test
    void timeStatusFromARealPtp4l() {
        PtpManagement.TimeStatus s = PtpManagement.TimeStatus.decode(response(TIME_STATUS_RESPONSE, 0,
                PtpManagement.TIME_STATUS_NP));
        assertEquals(-140, s.masterOffsetNanos());
        assertEquals(0x18ec93f23a0ea716L, s.ingressTimeNanos()); // 2026-11-29T17:23:39.979392790Z, CLOCK_REALTIME
        assertTrue(s.gmPresent());
        assertEquals("0e9d26.fffe.4b97b6", s.gmIdentity());
    }

    @Test
    void dataSetsFromARealPtp4l() {
        assertEquals(new PtpManagement.CurrentDataSet(1, -140, 2414),
                PtpManagement.CurrentDataSet.decode(response(CURRENT_RESPONSE, 2, PtpManagement.CURRENT_DATA_SET)));
        assertEquals(new PtpManagement.ParentDataSet(100, 248, 0xfe, 128, "0e9d26.fffe.4b97b6"),
                PtpManagement.ParentDataSet.decode(response(PARENT_RESPONSE, 1, PtpManagement.PARENT_DATA_SET)));
        assertEquals(new PtpManagement.TimeProperties(37, false, false, false, false, false, 0xa0),
                PtpManagement.TimeProperties.decode(response(TIME_PROPERTIES_RESPONSE, 3,
                        PtpManagement.TIME_PROPERTIES_DATA_SET)));
    }

    @Test
    void ptp4lsErrorStatusIsNamed() {
        PtpManagementException e = assertThrows(PtpManagementException.class,
                () -> response(NOT_SUPPORTED_RESPONSE, 7, 0x4000));
        assertEquals("ptp4l answered NOT_SUPPORTED for managementId 0x4000", e.getMessage());
    }

    @Test
    void aResponseThatIsNotOursIsRejectedWithTheReason() {
        assertThrows(PtpManagement.StaleResponse.class, () -> response(TIME_STATUS_RESPONSE, 5,
                PtpManagement.TIME_STATUS_NP));
        assertEquals("tlvType 1, managementId 0xc000: not the CURRENT_DATA_SET asked for",
                assertThrows(PtpManagementException.class,
                        () -> response(TIME_STATUS_RESPONSE, 0, PtpManagement.CURRENT_DATA_SET)).getMessage());
        byte[] truncated = HEX.parseHex(TIME_STATUS_RESPONSE);
        assertEquals("messageLength 104 does not fit the 80 bytes received", assertThrows(PtpManagementException.class,
                () -> PtpManagement.response(truncated, 80, 0, PtpManagement.TIME_STATUS_NP)).getMessage());
        byte[] v1 = HEX.parseHex(TIME_STATUS_RESPONSE);
        v1[1] = 1;
        assertEquals("not a PTPv2 management message: messageType 0xd, versionPTP 1",
                assertThrows(PtpManagementException.class,
                        () -> PtpManagement.response(v1, v1.length, 0, PtpManagement.TIME_STATUS_NP)).getMessage());
        byte[] shortTlv = HEX.parseHex(TIME_STATUS_RESPONSE);
        shortTlv[51] = 0x10; // TLV lengthField 16: TIME_STATUS_NP's 50 bytes of data are then not there
        assertEquals("TIME_STATUS_NP has 50 bytes of data: got 14", assertThrows(PtpManagementException.class,
                () -> PtpManagement.TimeStatus.decode(PtpManagement.response(shortTlv, shortTlv.length, 0,
                        PtpManagement.TIME_STATUS_NP))).getMessage());
    }

    @Property
    void anyDatagramIsAResponseOrAClearRejection(@ForAll @Size(max = 200) List<Byte> bytes,
                                                 @ForAll @IntRange(min = 0, max = 65535) int sequence) {
        byte[] m = new byte[bytes.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = bytes.get(i);
        }
        try {
            ByteBuffer data = PtpManagement.response(m, m.length, sequence, PtpManagement.TIME_STATUS_NP);
            PtpManagement.TimeStatus.decode(data);
        } catch (PtpManagementException expected) {
            assertTrue(!expected.getMessage().isEmpty());
        }
    }

    @Property
    void aRealResponseWithAnyByteChangedNeverThrowsAnythingElse(@ForAll @IntRange(min = 0, max = 103) int index,
                                                                @ForAll byte value) {
        byte[] m = HEX.parseHex(TIME_STATUS_RESPONSE);
        m[index] = value;
        try {
            PtpManagement.TimeStatus.decode(PtpManagement.response(m, m.length, 0, PtpManagement.TIME_STATUS_NP));
        } catch (PtpManagementException expected) {
            assertTrue(!expected.getMessage().isEmpty());
        }
    }
}
