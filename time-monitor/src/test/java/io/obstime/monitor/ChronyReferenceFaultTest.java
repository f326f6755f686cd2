package io.obstime.monitor;

import io.obstime.clock.LeapState;
import io.obstime.clock.TimeSource;
import io.obstime.monitor.internal.chrony.ChronyFloat;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ChronyReference} against a FAKE command port on loopback ({@link FakeUdpServer}) for what a real chronyd
 * will not do on demand: another protocol version, an error status, a stale sequence number, a truncated reply,
 * a leap second announced, silence. (The real thing is {@link ChronyReferenceChronydTest}.)
 */
class ChronyReferenceFaultTest {

    private static final TimeSource CLOCK = TimeSource.system();
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    /** A tracking reply as chronyd 4 sends it: synchronised to 192.168.0.1 at stratum 3, all fields given. */
    static byte[] tracking(byte[] request, int leapStatus, int referenceId, double correction, double lastOffset,
                           double rootDelay, double rootDispersion) {
        ByteBuffer out = ByteBuffer.allocate(104);
        out.put((byte) 6).put((byte) 2).put((byte) 0).put((byte) 0).putShort((short) 33).putShort((short) 5)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putInt(ByteBuffer.wrap(request).getInt(8)).putInt(0).putInt(0);
        out.putInt(referenceId).put(new byte[] {(byte) 192, (byte) 168, 0, 1}).put(new byte[12])
                .putShort((short) 1).putShort((short) 0)
                .putShort((short) 3).putShort((short) leapStatus)
                .putInt(0x7FFF_FFFF).putInt(1_800_000_000).putInt(123_456_789)
                .putInt(ChronyFloat.encode(correction)).putInt(ChronyFloat.encode(lastOffset))
                .putInt(ChronyFloat.encode(1e-6)).putInt(ChronyFloat.encode(-2.5))
                .putInt(ChronyFloat.encode(0.01)).putInt(ChronyFloat.encode(0.2))
                .putInt(ChronyFloat.encode(rootDelay)).putInt(ChronyFloat.encode(rootDispersion))
                .putInt(ChronyFloat.encode(64));
        return out.array();
    }

    static byte[] normal(byte[] request, double correction) {
        return tracking(request, 0, 0xC0A8_0001, correction, -Math.scalb(1.0, -10), Math.scalb(1.0, -8),
                Math.scalb(1.0, -9));
    }

    private static ReferenceReading measure(FakeUdpServer.Responder responder) throws Exception {
        try (FakeUdpServer server = new FakeUdpServer(responder)) {
            return ChronyReference.udp("127.0.0.1", server.port()).measure(CLOCK, TIMEOUT);
        }
    }

    private static void assertNoAnswer(ReferenceReading reading, String reasonPart) {
        assertFalse(reading.answered(), reading::toString);
        assertFalse(reading.offsetMeasured(), reading::toString);
        assertTrue(reading.detail().contains(reasonPart), () -> "reason '" + reading.detail() + "' lacks '"
                + reasonPart + "'");
    }

    @Test
    void systemClockFiftyMillisecondsSlowIsMinusFiftyMilliseconds() throws Exception {
        // chronyd's correction +0.05 s: it would add 50 ms, the system clock is 50 ms behind.
        ReferenceReading reading = measure((req, at, i) -> List.of(normal(req, 0.05)));
        assertTrue(reading.offsetMeasured(), reading::toString);
        assertEquals(-50_000_000, reading.offsetNanos(), 3, reading::toString);
        // |last offset| + root dispersion + root delay / 2 = 2^-10 + 2^-9 + 2^-9 = 5 × 2^-10 s = 4 882 812.5 ns
        assertEquals(4_882_813, reading.uncertaintyNanos(), reading::toString);
        assertEquals(3, reading.stratum());
        assertEquals(LeapState.NONE, reading.leap());
        assertTrue(reading.detail().startsWith("refid C0A80001 (192.168.0.1), last offset -0.000976562 s"),
                reading::toString);
    }

    @Test
    void leapStatusOneAndTwoAnnounceTheLeapSecond() throws Exception {
        assertEquals(LeapState.INSERT_PENDING, measure((req, at, i) ->
                List.of(tracking(req, 1, 0x47505300, 0, 0, 0, 0))).leap());
        assertEquals(LeapState.DELETE_PENDING, measure((req, at, i) ->
                List.of(tracking(req, 2, 0x47505300, 0, 0, 0, 0))).leap());
    }

    @Test
    void unsynchronisedChronydIsNoAnswer() throws Exception {
        assertNoAnswer(measure((req, at, i) -> List.of(tracking(req, 3, 0, 0, 0, 0, 0))),
                "chronyd is not synchronised");
    }

    @Test
    void anotherProtocolVersionIsNoAnswer() throws Exception {
        assertNoAnswer(measure((req, at, i) -> {
            byte[] reply = normal(req, 0);
            reply[0] = 5;
            return List.of(reply);
        }), "chronyd answers in command protocol version 5; obstime speaks 6");
    }

    @Test
    void errorStatusesAreNoAnswerWithTheirNames() throws Exception {
        for (int status : new int[] {2, 10, 18, 99}) {
            String expected = switch (status) {
                case 2 -> "status UNAUTH";
                case 10 -> "status NOHOSTACCESS (this host is not in chronyd's cmdallow)";
                case 18 -> "status BADPKTVERSION";
                default -> "status 99";
            };
            assertNoAnswer(measure((req, at, i) -> {
                byte[] reply = Arrays.copyOf(normal(req, 0), 28);
                ByteBuffer.wrap(reply).putShort(8, (short) status);
                return List.of(reply);
            }), expected);
        }
    }

    @Test
    void aStaleSequenceNumberIsIgnoredAndTheRealReplyCounts() throws Exception {
        ReferenceReading reading = measure((req, at, i) -> {
            byte[] stale = normal(req, 1.0);
            ByteBuffer.wrap(stale).putInt(16, ByteBuffer.wrap(req).getInt(8) + 1);
            return List.of(stale, normal(req, 0.001));
        });
        assertEquals(-1_000_000, reading.offsetNanos(), 1, reading::toString);
    }

    @Test
    void onlyStaleSequenceNumbersAreNoAnswer() throws Exception {
        assertNoAnswer(measure((req, at, i) -> {
            byte[] stale = normal(req, 0);
            ByteBuffer.wrap(stale).putInt(16, ~ByteBuffer.wrap(req).getInt(8));
            return List.of(stale);
        }), "reply with another sequence number (stale or forged)");
    }

    @Test
    void truncatedRepliesAreNoAnswer() throws Exception {
        assertNoAnswer(measure((req, at, i) -> List.of(Arrays.copyOf(normal(req, 0), 27))),
                "truncated reply (27 bytes; the reply header has 28)");
        assertNoAnswer(measure((req, at, i) -> List.of(Arrays.copyOf(normal(req, 0), 100))),
                "truncated tracking reply (100 bytes of 104)");
    }

    @Test
    void aReplyToAnotherCommandIsNoAnswer() throws Exception {
        assertNoAnswer(measure((req, at, i) -> {
            byte[] reply = normal(req, 0);
            ByteBuffer.wrap(reply).putShort(4, (short) 14);
            return List.of(reply);
        }), "not a reply to a tracking request (packet type 2, command 14)");
    }

    @Test
    void silenceIsNoAnswerAfterThreeAttemptsOfOneSequence() throws Exception {
        List<byte[]> requests = new CopyOnWriteArrayList<>();
        try (FakeUdpServer server = new FakeUdpServer((req, at, i) -> {
            requests.add(req);
            return List.of();
        })) {
            ReferenceReading reading = ChronyReference.udp("127.0.0.1", server.port()).measure(CLOCK, TIMEOUT);
            assertNoAnswer(reading, "no reply within 300 ms (3 requests to 127.0.0.1:" + server.port() + ")");
        }
        assertEquals(3, requests.size());
        for (int attempt = 0; attempt < 3; attempt++) {
            ByteBuffer request = ByteBuffer.wrap(requests.get(attempt));
            assertEquals(104, request.capacity(), "padded to the reply's length");
            assertEquals(6, request.get(0), "version");
            assertEquals(1, request.get(1), "request");
            assertEquals(33, request.getShort(4), "tracking");
            assertEquals(attempt, request.getShort(6), "attempt");
            assertEquals(ByteBuffer.wrap(requests.get(0)).getInt(8), request.getInt(8), "one sequence number");
        }
    }

    @Test
    void closedPortIsNoAnswer() throws Exception {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closedPort = probe.getLocalPort();
        }
        assertNoAnswer(ChronyReference.udp("127.0.0.1", closedPort).measure(CLOCK, TIMEOUT),
                "command port closed (ICMP port unreachable from 127.0.0.1:" + closedPort);
    }

    @Test
    void unknownHostIsNoAnswer() {
        assertNoAnswer(ChronyReference.udp("no-such-host.invalid", 323).measure(CLOCK, TIMEOUT),
                "unknown host no-such-host.invalid");
    }

    @Test
    void badArgumentsNameTheParameter() {
        assertEquals("port must be within 1..65535: 70000", assertThrows(IllegalArgumentException.class,
                () -> ChronyReference.udp("h", 70_000)).getMessage());
        assertEquals("host must not be blank: ''", assertThrows(IllegalArgumentException.class,
                () -> ChronyReference.udp("", 323)).getMessage());
        assertEquals("timeout must be positive: PT0S", assertThrows(IllegalArgumentException.class,
                () -> ChronyReference.udp().measure(CLOCK, Duration.ZERO)).getMessage());
        assertEquals("chrony:127.0.0.1:323", ChronyReference.udp().name());
    }
}
