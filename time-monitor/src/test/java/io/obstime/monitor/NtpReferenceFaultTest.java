package io.obstime.monitor;

import io.obstime.clock.LeapState;
import io.obstime.clock.TimeSource;
import io.obstime.monitor.internal.ntp.NtpPacket;
import io.obstime.monitor.internal.ntp.NtpTimestamps;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NtpReference} against a FAKE server on loopback ({@link FakeUdpServer}) for what a real server will not do
 * on demand: each fault must give a non-answer with its reason, never an exception, never an offset. (The real thing
 * is {@link NtpReferenceChronydTest}.)
 */
class NtpReferenceFaultTest {

    private static final TimeSource CLOCK = TimeSource.system();
    private static final Duration TIMEOUT = Duration.ofMillis(400);

    /** A well-formed server reply: stratum 2, root delay 1 ms, root dispersion 2 ms, T2 = T3 = now + shift. */
    static byte[] reply(byte[] request, long receivedUtcNanos, long shiftNanos, int leap, int version, int mode,
                        int stratum, int referenceId) {
        long origin = ByteBuffer.wrap(request, 40, 8).getLong();
        long serverTime = NtpTimestamps.fromUtcNanos(receivedUtcNanos + shiftNanos);
        return new NtpPacket(leap, version, mode, stratum, 4, -20, NtpTimestamps.nanosToShort(1_000_000),
                NtpTimestamps.nanosToShort(2_000_000), referenceId, serverTime, origin, serverTime, serverTime)
                .encode();
    }

    static byte[] good(byte[] request, long receivedUtcNanos, long shiftNanos) {
        return reply(request, receivedUtcNanos, shiftNanos, 0, 4, 4, 2, 0x0A000001);
    }

    private static NtpReference reference(FakeUdpServer server, int samples) {
        return NtpReference.builder("127.0.0.1").port(server.port()).samples(samples)
                .sampleSpacing(Duration.ofMillis(100)).build();
    }

    private static ReferenceReading measure(FakeUdpServer.Responder responder) throws Exception {
        try (FakeUdpServer server = new FakeUdpServer(responder)) {
            return reference(server, 2).measure(CLOCK, TIMEOUT);
        }
    }

    private static void assertNoAnswer(ReferenceReading reading, String reasonPart) {
        assertFalse(reading.answered(), reading::toString);
        assertFalse(reading.offsetMeasured(), reading::toString);
        assertTrue(reading.detail().contains(reasonPart), () -> "reason '" + reading.detail() + "' lacks '"
                + reasonPart + "'");
    }

    private static int kissCode(String code) {
        return ByteBuffer.wrap(code.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).getInt();
    }

    @Test
    void serverClockFiftyMillisecondsAheadGivesMinusFiftyMilliseconds() throws Exception {
        ReferenceReading reading = measure((req, at, i) -> List.of(good(req, at, 50_000_000)));
        assertTrue(reading.offsetMeasured(), reading::toString);
        // System minus reference: the reference is ahead, so the system clock is 50 ms behind it.
        assertEquals(-50_000_000, reading.offsetNanos(), reading.uncertaintyNanos(), reading::toString);
        assertEquals(2, reading.stratum());
        assertEquals(LeapState.NONE, reading.leap());
        // delay / 2 + root delay / 2 + root dispersion: 1 ms and 2 ms sent as 16.16 s (66 and 131 units of 2^-16 s)
        long rootDelay = 66 * 1_000_000_000L / 65_536;
        long rootDispersion = 131 * 1_000_000_000L / 65_536;
        assertEquals(reading.delayNanos() / 2 + rootDelay / 2 + rootDispersion, reading.uncertaintyNanos(), 2);
    }

    @Test
    void systemClockFiftyMillisecondsAheadGivesPlusFiftyMilliseconds() throws Exception {
        TimeSource ahead = ShiftedTimeSource.of(CLOCK, 50_000_000);
        try (FakeUdpServer server = new FakeUdpServer((req, at, i) -> List.of(good(req, at, 0)))) {
            ReferenceReading reading = reference(server, 2).measure(ahead, TIMEOUT);
            assertEquals(50_000_000, reading.offsetNanos(), reading.uncertaintyNanos(), reading::toString);
        }
    }

    @Test
    void leapIndicatorsOneAndTwoAnnounceTheLeapSecond() throws Exception {
        assertEquals(LeapState.INSERT_PENDING,
                measure((req, at, i) -> List.of(reply(req, at, 0, 1, 4, 4, 2, 1))).leap());
        assertEquals(LeapState.DELETE_PENDING,
                measure((req, at, i) -> List.of(reply(req, at, 0, 2, 4, 4, 2, 1))).leap());
    }

    @Test
    void keepsTheSampleWithTheSmallestRoundTrip() throws Exception {
        // Request 0 is answered after 60 ms with the server 10 ms ahead; request 1 at once, 20 ms ahead.
        FakeUdpServer.Responder responder = (req, at, i) -> {
            if (i == 0) {
                Thread.sleep(60);
                return List.of(good(req, at, 10_000_000));
            }
            return List.of(good(req, at, 20_000_000));
        };
        ReferenceReading reading = measure(responder);
        assertEquals(-20_000_000, reading.offsetNanos(), 5_000_000, reading::toString);
        assertTrue(reading.delayNanos() < 30_000_000, reading::toString);
        assertTrue(reading.detail().contains("best of 2 valid replies to 2 requests"), reading::toString);
    }

    @Test
    void aLateReplyToAnEarlierRequestStillCounts() throws Exception {
        // Request 0's reply comes 150 ms late, after request 1 was sent (100 ms spacing): it is still ours.
        FakeUdpServer.Responder responder = (req, at, i) -> {
            if (i == 0) {
                Thread.sleep(150);
            }
            return List.of(good(req, at, 0));
        };
        ReferenceReading reading = measure(responder);
        assertTrue(reading.detail().endsWith("best of 2 valid replies to 2 requests"), reading::toString);
    }

    @Test
    void kissOfDeathRateIsNoAnswerWithTheCodeAndStopsTheSamples() throws Exception {
        try (FakeUdpServer server = new FakeUdpServer((req, at, i) ->
                List.of(reply(req, at, 0, 3, 4, 4, 0, kissCode("RATE"))))) {
            ReferenceReading reading = reference(server, 4).measure(CLOCK, Duration.ofSeconds(1));
            assertNoAnswer(reading, "kiss-o'-death RATE");
            assertEquals(1, server.requests(), "no more requests after a kiss");
        }
    }

    @Test
    void kissOfDeathDenyAndRstrStopAllRequestsToThatServer() throws Exception {
        for (String code : List.of("DENY", "RSTR")) {
            try (FakeUdpServer server = new FakeUdpServer((req, at, i) ->
                    List.of(reply(req, at, 0, 0, 4, 4, 0, kissCode(code))))) {
                NtpReference reference = reference(server, 2);
                assertNoAnswer(reference.measure(CLOCK, TIMEOUT), "kiss-o'-death " + code);
                ReferenceReading again = reference.measure(CLOCK, TIMEOUT);
                assertNoAnswer(again, "not asked again for 60 min");
                assertEquals(1, server.requests(), code + ": the server is not asked again");
            }
        }
    }

    @Test
    void aDenyAfterAGoodReplyStillStopsTheRequests() throws Exception {
        try (FakeUdpServer server = new FakeUdpServer((req, at, i) -> List.of(i == 0 ? good(req, at, 0)
                : reply(req, at, 0, 0, 4, 4, 0, kissCode("DENY"))))) {
            NtpReference reference = reference(server, 3);
            assertTrue(reference.measure(CLOCK, TIMEOUT).offsetMeasured(), "the good reply still counts");
            assertEquals(2, server.requests(), "none after the kiss");
            assertNoAnswer(reference.measure(CLOCK, TIMEOUT), "kiss-o'-death DENY");
            assertEquals(2, server.requests(), "the server is not asked again");
        }
    }

    @Test
    void leapIndicatorThreeIsUnsynchronised() throws Exception {
        assertNoAnswer(measure((req, at, i) -> List.of(reply(req, at, 0, 3, 4, 4, 2, 1))),
                "server not synchronised (leap indicator 3)");
    }

    @Test
    void stratumSixteenIsUnsynchronisedAndAboveIsInvalid() throws Exception {
        assertNoAnswer(measure((req, at, i) -> List.of(reply(req, at, 0, 0, 4, 4, 16, 1))),
                "server not synchronised (stratum 16)");
        assertNoAnswer(measure((req, at, i) -> List.of(reply(req, at, 0, 0, 4, 4, 17, 1))),
                "invalid stratum 17");
    }

    @Test
    void spoofedOriginIsIgnoredAndTheRealReplyStillCounts() throws Exception {
        FakeUdpServer.Responder responder = (req, at, i) -> {
            byte[] spoofed = reply(req, at, 3_000_000_000L, 0, 4, 4, 1, kissCode("GPS\0"));
            spoofed[47] ^= 1; // origin = our transmit timestamp with one bit wrong
            ByteBuffer.wrap(spoofed).putLong(24, ByteBuffer.wrap(req, 40, 8).getLong() ^ 1);
            return List.of(spoofed, good(req, at, 0));
        };
        ReferenceReading reading = measure(responder);
        assertTrue(reading.offsetMeasured(), reading::toString);
        assertEquals(0, reading.offsetNanos(), reading.uncertaintyNanos(), reading::toString);
    }

    @Test
    void onlySpoofedRepliesAreNoAnswer() throws Exception {
        assertNoAnswer(measure((req, at, i) -> {
            byte[] spoofed = good(req, at, 0);
            ByteBuffer.wrap(spoofed).putLong(24, 0x1234_5678_9ABC_DEF0L);
            return List.of(spoofed);
        }), "origin timestamp is not our request's (spoofed or stale)");
    }

    @Test
    void aSpoofedKissIsNotBelieved() throws Exception {
        try (FakeUdpServer server = new FakeUdpServer((req, at, i) -> {
            byte[] kiss = reply(req, at, 0, 0, 4, 4, 0, kissCode("DENY"));
            ByteBuffer.wrap(kiss).putLong(24, 42L);
            return List.of(kiss);
        })) {
            NtpReference reference = reference(server, 2);
            assertNoAnswer(reference.measure(CLOCK, TIMEOUT), "not our request's");
            reference.measure(CLOCK, TIMEOUT);
            assertEquals(4, server.requests(), "a forged DENY does not silence the server");
        }
    }

    @Test
    void truncatedReplyIsNoAnswer() throws Exception {
        assertNoAnswer(measure((req, at, i) -> List.of(Arrays.copyOf(good(req, at, 0), 47))),
                "truncated reply (47 bytes");
    }

    @Test
    void wrongModeAndVersionAreNoAnswer() throws Exception {
        assertNoAnswer(measure((req, at, i) -> List.of(reply(req, at, 0, 0, 4, 3, 2, 1))), "mode 3, not 4");
        assertNoAnswer(measure((req, at, i) -> List.of(reply(req, at, 0, 0, 2, 4, 2, 1))), "NTP version 2");
        assertNoAnswer(measure((req, at, i) -> List.of(reply(req, at, 0, 0, 5, 4, 2, 1))), "NTP version 5");
    }

    @Test
    void missingTimestampsAreNoAnswer() throws Exception {
        assertNoAnswer(measure((req, at, i) -> {
            byte[] r = good(req, at, 0);
            ByteBuffer.wrap(r).putLong(40, 0);
            return List.of(r);
        }), "without receive or transmit timestamp");
    }

    @Test
    void serverTransmitBeforeReceiveIsNoAnswer() throws Exception {
        assertNoAnswer(measure((req, at, i) -> {
            byte[] r = good(req, at, 0);
            ByteBuffer.wrap(r).putLong(32, NtpTimestamps.fromUtcNanos(at + 1_000_000_000L));
            return List.of(r);
        }), "transmit timestamp precedes its receive timestamp");
    }

    @Test
    void processingLongerThanTheRoundTripIsNoAnswer() throws Exception {
        assertNoAnswer(measure((req, at, i) -> {
            byte[] r = good(req, at, 0);
            ByteBuffer.wrap(r).putLong(32, NtpTimestamps.fromUtcNanos(at - 1_000_000_000L));
            return List.of(r);
        }), "processing time exceeds the round trip");
    }

    @Test
    void silenceIsNoAnswerWithinTheTimeout() throws Exception {
        long start = System.nanoTime();
        try (FakeUdpServer server = new FakeUdpServer((req, at, i) -> List.of())) {
            ReferenceReading reading = reference(server, 2).measure(CLOCK, TIMEOUT);
            assertNoAnswer(reading, "no reply within 400 ms (2 requests to 127.0.0.1:" + server.port() + ")");
        }
        // Generous: the point is that it returns, not how punctually on a shared machine.
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void refusedPortIsNoAnswer() throws Exception {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closedPort = probe.getLocalPort();
        }
        ReferenceReading reading = NtpReference.builder("127.0.0.1").port(closedPort).samples(2)
                .sampleSpacing(Duration.ofMillis(50)).build().measure(CLOCK, TIMEOUT);
        assertNoAnswer(reading, "port closed (ICMP port unreachable from 127.0.0.1:" + closedPort + ")");
    }

    @Test
    void hostNamesAreResolvedAtEachMeasurement() throws Exception {
        // The tests resolve from src/test/resources/hosts (the pom's -Djdk.net.hosts.file), never through DNS.
        assertTrue(System.getProperty("jdk.net.hosts.file", "").endsWith("hosts"), "no DNS in tests");
        try (FakeUdpServer server = new FakeUdpServer((req, at, i) -> List.of(good(req, at, 0)))) {
            ReferenceReading reading = NtpReference.builder("localhost").port(server.port()).samples(1).build()
                    .measure(CLOCK, TIMEOUT);
            assertTrue(reading.offsetMeasured(), reading::toString);
            assertEquals("ntp:localhost:" + server.port(), reading.reference());
        }
    }

    @Test
    void unknownHostIsNoAnswer() {
        ReferenceReading reading = NtpReference.of("no-such-host.invalid").measure(CLOCK, TIMEOUT);
        assertNoAnswer(reading, "unknown host no-such-host.invalid");
        assertEquals("ntp:no-such-host.invalid:123", reading.reference());
    }

    @Test
    void badArgumentsNameTheParameter() {
        assertEquals("port must be within 1..65535: 0",
                assertThrows(IllegalArgumentException.class, () -> NtpReference.of("h", 0)).getMessage());
        assertEquals("samples must be within 1..64: 65", assertThrows(IllegalArgumentException.class,
                () -> NtpReference.builder("h").samples(65)).getMessage());
        assertEquals("sampleSpacing must be positive and at most 1 hour: PT0S", assertThrows(
                IllegalArgumentException.class, () -> NtpReference.builder("h").sampleSpacing(Duration.ZERO))
                .getMessage());
        assertEquals("host must not be blank: ' '",
                assertThrows(IllegalArgumentException.class, () -> NtpReference.of(" ")).getMessage());
        assertEquals("timeout must be positive: PT-1S", assertThrows(IllegalArgumentException.class,
                () -> NtpReference.of("h").measure(CLOCK, Duration.ofSeconds(-1))).getMessage());
        assertEquals("ntp:[::1]:123", NtpReference.of("::1").name());
    }
}
