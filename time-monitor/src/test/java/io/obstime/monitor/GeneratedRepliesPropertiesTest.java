package io.obstime.monitor;

import io.obstime.clock.TimeSource;
import io.obstime.monitor.internal.ntp.NtpTimestamps;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated replies over real UDP on loopback (a FAKE server, {@link FakeUdpServer}): whatever comes back, the
 * references never throw, and an offset is measured only when the reply was valid. (The codecs get thousands of
 * tries each in their own property tests; these go through the whole reference, sockets included.)
 */
class GeneratedRepliesPropertiesTest {

    private static final TimeSource CLOCK = TimeSource.system();
    private static final Duration TIMEOUT = Duration.ofMillis(60);

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void ntpReferenceNeverThrowsAndTrustsOnlyValidReplies(@ForAll @Size(max = 80) byte[] garbage,
            @ForAll boolean mutateAValidReply, @ForAll @IntRange(min = 0, max = 47) int position,
            @ForAll @IntRange(min = 1, max = 255) int mask) throws Exception {
        AtomicReference<byte[]> sentBack = new AtomicReference<>();
        try (FakeUdpServer server = new FakeUdpServer((req, at, i) -> {
            byte[] reply;
            if (mutateAValidReply) {
                reply = NtpReferenceFaultTest.good(req, at, 0);
                reply[position] ^= (byte) mask;
            } else {
                reply = garbage.clone();
                if (reply.length >= 32) {
                    System.arraycopy(req, 40, reply, 24, 8); // echo the origin, so the rest is what is judged
                }
            }
            sentBack.set(reply);
            return List.of(reply);
        })) {
            ReferenceReading reading = NtpReference.builder("127.0.0.1").port(server.port()).samples(1).build()
                    .measure(CLOCK, TIMEOUT);
            byte[] reply = sentBack.get();
            if (reading.offsetMeasured()) {
                ByteBuffer in = ByteBuffer.wrap(reply);
                int first = reply[0] & 0xFF;
                assertTrue(reply.length >= 48, "short reply trusted");
                assertEquals(4, first & 7, "mode");
                assertTrue(((first >>> 3) & 7) == 3 || ((first >>> 3) & 7) == 4, "version");
                assertTrue(first >>> 6 != 3, "leap indicator 3 trusted");
                assertTrue((reply[1] & 0xFF) >= 1 && (reply[1] & 0xFF) <= 15, "stratum");
                assertTrue(in.getLong(32) != 0 && in.getLong(40) != 0, "zero timestamps");
                assertTrue(NtpTimestamps.toUtcNanos(in.getLong(40), CLOCK.utcNanos())
                        >= NtpTimestamps.toUtcNanos(in.getLong(32), CLOCK.utcNanos()), "transmit before receive");
            } else {
                assertFalse(reading.answered());
                assertFalse(reading.detail().isBlank());
            }
        }
    }

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void chronyReferenceNeverThrowsAndTrustsOnlyValidReplies(@ForAll @Size(max = 120) byte[] garbage,
            @ForAll boolean mutateAValidReply, @ForAll @IntRange(min = 0, max = 103) int position,
            @ForAll @IntRange(min = 1, max = 255) int mask, @ForAll @IntRange(min = 0, max = 104) int length)
            throws Exception {
        AtomicReference<byte[]> sentBack = new AtomicReference<>();
        try (FakeUdpServer server = new FakeUdpServer((req, at, i) -> {
            byte[] reply;
            if (mutateAValidReply) {
                reply = ChronyReferenceFaultTest.normal(req, 0.001);
                reply[position] ^= (byte) mask;
                reply = Arrays.copyOf(reply, length);
            } else {
                reply = garbage.clone();
                if (reply.length >= 20) {
                    System.arraycopy(req, 8, reply, 16, 4); // our sequence number
                }
            }
            sentBack.set(reply);
            return List.of(reply);
        })) {
            ReferenceReading reading = ChronyReference.udp("127.0.0.1", server.port()).measure(CLOCK, TIMEOUT);
            byte[] reply = sentBack.get();
            if (reading.offsetMeasured()) {
                ByteBuffer in = ByteBuffer.wrap(reply);
                assertTrue(reply.length >= 104, "short reply trusted");
                assertEquals(6, reply[0], "version");
                assertEquals(2, reply[1], "packet type");
                assertEquals(33, in.getShort(4), "command");
                assertEquals(5, in.getShort(6), "reply type");
                assertEquals(0, in.getShort(8), "status");
                assertTrue(in.getShort(54) >= 0 && in.getShort(54) <= 2, "leap status");
                assertTrue(in.getInt(28) != 0x7F7F0101, "local reference trusted");
            } else {
                assertFalse(reading.answered());
                assertFalse(reading.detail().isBlank());
            }
        }
    }
}
