package io.obstime.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.LeapState;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.clock.internal.linux.UnixDatagramSocket;
import io.obstime.monitor.internal.ptp.PtpManagementTestData;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real ptp4l will not produce on demand: a responder on a Unix datagram socket answers the reference's GETs
 * with the responses captured from ptp4l 3.1.1 (see PtpManagementTest), changed where a test says so: a PHC's TAI
 * ingress time, a stale Sync, no path delay yet, a leap second announced, an error status, garbage, silence.
 */
class Ptp4lFaultsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Instant NOW = Instant.parse("2026-11-29T17:23:40Z");
    private static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L;
    private static final int DATA = 54; // the TLV's data field in a response

    @TempDir
    Path dir;
    private final SimulatedTimeSource clock = SimulatedTimeSource.startingAt(UtcTime.of(NOW));
    private UnixDatagramSocket responder;
    private Thread thread;
    private volatile UnaryOperator<byte[]> answer = UnaryOperator.identity();

    @BeforeEach
    void startResponder() {
        responder = UnixDatagramSocket.bind(dir.resolve("ptp4l"));
        thread = new Thread(this::respond, "fake-ptp4l");
        thread.setDaemon(true);
        thread.start();
    }

    @AfterEach
    void stopResponder() throws InterruptedException {
        thread.interrupt();
        thread.join(2000);
        responder.close();
    }

    /** Answers each GET with the captured response to its managementId, its sequenceId copied, then {@link #answer}. */
    private void respond() {
        byte[] in = new byte[1500];
        while (!Thread.currentThread().isInterrupted()) {
            int n = responder.receive(in, 50);
            if (n < 54) {
                continue;
            }
            ByteBuffer request = ByteBuffer.wrap(in);
            String captured;
            switch (request.getShort(52) & 0xffff) {
                case 0xC000: captured = PtpManagementTestData.TIME_STATUS; break;
                case 0x2001: captured = PtpManagementTestData.CURRENT; break;
                case 0x2002: captured = PtpManagementTestData.PARENT; break;
                default: captured = PtpManagementTestData.TIME_PROPERTIES;
            }
            byte[] out = HEX.parseHex(captured);
            out[30] = in[30];
            out[31] = in[31];
            ByteBuffer b = ByteBuffer.wrap(out);
            if ((b.getShort(52) & 0xffff) == 0xC000) {
                b.putLong(DATA + 8, NOW_NANOS - 100_000_000L); // ingress 0.1 s ago, on the system clock
            }
            byte[] reply = answer.apply(out);
            if (reply != null) {
                responder.send(reply, reply.length, responder.lastSender());
            }
        }
    }

    private ReferenceReading measure() {
        try (Ptp4lReference r = Ptp4lReference.of(dir.resolve("ptp4l"))) {
            return LogCapture.of(() -> r.measure(clock, Duration.ofMillis(300))).result;
        }
    }

    private static UnaryOperator<byte[]> onTimeStatus(java.util.function.Consumer<ByteBuffer> change) {
        return m -> {
            ByteBuffer b = ByteBuffer.wrap(m);
            if ((b.getShort(52) & 0xffff) == 0xC000) {
                change.accept(b);
            }
            return m;
        };
    }

    @Test
    void aFreshSyncGivesPtp4lsMasterOffsetUnchangedInSign() {
        ReferenceReading r = measure();
        assertTrue(r.answered(), r::toString);
        assertEquals(-140, r.offsetNanos()); // master_offset −140 ns: the system clock (ptp4l's, with -S) is behind
        assertEquals(2414, r.uncertaintyNanos());
        assertEquals(4828, r.delayNanos());
        assertEquals(248, r.clockClass());
        assertEquals(LeapState.NONE, r.leap());
    }

    @Test
    void anIngressTimeOnAPhcsTaiIsRefusedWithTheHint() {
        answer = onTimeStatus(b -> b.putLong(DATA + 8, NOW_NANOS + 37_000_000_000L));
        ReferenceReading r = measure();
        assertFalse(r.answered());
        assertTrue(r.detail().contains("use Ptp4lReference.of(socket, PhcReference.of(/dev/ptpN))"), r.detail());
    }

    @Test
    void aStaleSyncIsNotTrusted() {
        answer = onTimeStatus(b -> b.putLong(DATA + 8, NOW_NANOS - 11_000_000_000L));
        assertEquals("the last Sync from the master arrived more than 10 s ago: ptp4l's master offset is stale",
                measure().detail());
    }

    @Test
    void noGrandmasterNoAnswer() {
        answer = onTimeStatus(b -> b.putInt(DATA + 38, 0));
        assertEquals("ptp4l has no grandmaster (gmPresent false): it follows no master", measure().detail());
    }

    @Test
    void noPathDelayYetNoOffset() {
        answer = m -> {
            ByteBuffer b = ByteBuffer.wrap(m);
            if ((b.getShort(52) & 0xffff) == 0x2001) {
                b.putLong(DATA + 10, 0); // meanPathDelay 0
            }
            return m;
        };
        assertEquals("ptp4l has not measured the path delay to its master yet, so it has no offset",
                measure().detail());
    }

    @Test
    void aMasterOffsetOfExactlyZeroIsPtp4lsInitialValueNotAMeasurement() {
        answer = onTimeStatus(b -> b.putLong(DATA, 0));
        assertEquals("ptp4l has not computed an offset yet (master offset exactly 0, its initial value)",
                measure().detail());
    }

    @Test
    void anAnnouncedLeapSecondIsPassedOn() {
        answer = m -> {
            ByteBuffer b = ByteBuffer.wrap(m);
            if ((b.getShort(52) & 0xffff) == 0x2003) {
                b.put(DATA + 2, (byte) 0x05); // leap61 | currentUtcOffsetValid
            }
            return m;
        };
        assertEquals(LeapState.INSERT_PENDING, measure().leap());
    }

    @Test
    void anErrorStatusGarbageAndSilenceAreClearNonAnswers() {
        answer = m -> {
            ByteBuffer b = ByteBuffer.wrap(m, 0, 60).slice();
            b.putShort(2, (short) 60);
            b.putShort(48, (short) 2);     // MANAGEMENT_ERROR_STATUS
            b.putShort(50, (short) 8);
            b.putShort(52, (short) 6);     // NOT_SUPPORTED
            b.putShort(54, (short) 0xC000);
            b.putInt(56, 0);
            byte[] out = new byte[60];
            b.get(0, out);
            return out;
        };
        assertEquals("ptp4l answered NOT_SUPPORTED for TIME_STATUS_NP", measure().detail());
        answer = m -> new byte[] {1, 2, 3};
        assertEquals("a management response has at least 54 bytes: got 3", measure().detail());
        answer = m -> null;
        ReferenceReading silent = measure();
        assertTrue(silent.detail().startsWith("no answer from ptp4l at " + dir.resolve("ptp4l")
                + " to GET TIME_STATUS_NP within"), silent.detail());
    }
}
