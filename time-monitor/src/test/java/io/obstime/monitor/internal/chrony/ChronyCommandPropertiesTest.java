package io.obstime.monitor.internal.chrony;

import io.obstime.monitor.internal.chrony.ChronyCommand.Outcome;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generated command-port replies: decoding never throws and gives a report only for a well-formed reply to us. */
class ChronyCommandPropertiesTest {

    private static byte[] validReply(int sequence) {
        ByteBuffer out = ByteBuffer.allocate(ChronyCommand.TRACKING_LENGTH);
        out.put((byte) 6).put((byte) 2).putShort(2, (short) 0).putShort(4, (short) 33).putShort(6, (short) 5)
                .putInt(16, sequence).putShort(48, (short) 1).putShort(52, (short) 2);
        for (int at = 68; at < 104; at += 4) {
            out.putInt(at, ChronyFloat.encode(at * 1e-7));
        }
        return out.array();
    }

    @Property(tries = 1500, edgeCases = EdgeCasesMode.NONE)
    void arbitraryBytesNeverThrowAndDecodeOnlyWhenWellFormed(@ForAll @Size(max = 140) byte[] data,
            @ForAll int sequence, @ForAll boolean plausibleHeader) {
        if (plausibleHeader && data.length >= 20) {
            ByteBuffer.wrap(data).put(0, (byte) 6).put(1, (byte) 2).putShort(4, (short) 33).putInt(16, sequence);
        }
        judge(data, sequence);
    }

    @Property(tries = 1500, edgeCases = EdgeCasesMode.NONE)
    void mutatedRepliesNeverThrowAndDecodeOnlyWhenWellFormed(@ForAll int sequence,
            @ForAll @IntRange(min = 0, max = 103) int position, @ForAll @IntRange(min = 1, max = 255) int mask,
            @ForAll @IntRange(min = 0, max = 104) int length) {
        byte[] reply = validReply(sequence);
        reply[position] ^= (byte) mask;
        judge(reply, sequence);
        judge(Arrays.copyOf(reply, length), sequence);
    }

    private static void judge(byte[] data, int sequence) {
        Outcome outcome = ChronyCommand.decodeTracking(data, data.length, sequence);
        if (outcome.tracking() == null) {
            assertNotNull(outcome.problem());
            assertTrue(!outcome.reason().isBlank());
            return;
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        assertTrue(data.length >= 104, "short reply decoded");
        assertEquals(6, in.get(0), "version");
        assertEquals(2, in.get(1), "packet type");
        assertEquals(33, in.getShort(4), "command");
        assertEquals(5, in.getShort(6), "reply");
        assertEquals(0, in.getShort(8), "status");
        assertEquals(sequence, in.getInt(16), "sequence");
        assertEquals(ChronyFloat.decode(in.getInt(68)), outcome.tracking().currentCorrection());
        assertEquals(in.getShort(52) & 0xFFFF, outcome.tracking().stratum());
    }
}
