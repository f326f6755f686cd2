package io.obstime.clock.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The PTP_SYS_OFFSET family decoded from ioctl results. No PHC exists on our machines (/sys/class/ptp is empty, the
 * kernel has no ptp_kvm), so these results are not captured from a device: they are constructed byte by byte from the
 * layouts in {@code <linux/ptp_clock.h>} (written out again here, independently of {@link PtpIoctl}'s constants),
 * with the figures a NIC's PHC under ptp4l shows (PHC on TAI, 37 s ahead of CLOCK_REALTIME, sandwiches of 1-5 µs).
 */
class PtpIoctlTest {

    private static final long SEC = 1_000_000_000L;
    /** 2026-11-29T17:00:00Z as CLOCK_REALTIME nanoseconds. */
    private static final long UTC = 1_795_971_600L * SEC;

    @Test
    void ioctlNumbersAreThoseTheKernelHeaderDefines() {
        // The macros of <linux/ptp_clock.h> (Debian 12 linux-libc-dev) printed by a C program compiled on this machine;
        // sizeof: caps 80, ptp_sys_offset 832, _extended 1216, _precise 64; cross_timestamping at byte 24.
        assertEquals(0x80503d01L, PtpIoctl.PTP_CLOCK_GETCAPS);
        assertEquals(0x43403d05L, PtpIoctl.PTP_SYS_OFFSET);
        assertEquals(0xc0403d08L, PtpIoctl.PTP_SYS_OFFSET_PRECISE);
        assertEquals(0xc4c03d09L, PtpIoctl.PTP_SYS_OFFSET_EXTENDED);
    }

    @Test
    void extendedKeepsTheNarrowestSandwich() {
        // {before, phc, after} per sample: widths 3000, 1200 (best), 4100 ns; PHC = TAI = UTC + 37 s - 250 ns.
        long[][] samples = {
            {UTC, UTC + 37 * SEC + 1_250, UTC + 3_000},
            {UTC + 10_000, UTC + 37 * SEC + 10_350, UTC + 11_200},
            {UTC + 20_000, UTC + 37 * SEC + 22_000, UTC + 24_100},
        };
        PtpIoctl.SysOffset best = PtpIoctl.decode(PtpIoctl.Method.EXTENDED, extended(samples));
        assertEquals(3, best.samples());
        assertEquals(1_200, best.widthNanos());
        assertEquals(UTC + 10_600, best.systemNanos());
        assertEquals(UTC + 37 * SEC + 10_350, best.phcNanos());
        assertEquals(-37 * SEC + 250, best.rawOffsetNanos());
    }

    @Test
    void basicSharesSystemStampsBetweenNeighbours() {
        // ts[]: sys0, phc0, sys1, phc1, sys2: sample 0 = (sys0, phc0, sys1), sample 1 = (sys1, phc1, sys2).
        long[] ts = {UTC, UTC + 37 * SEC + 2_000, UTC + 5_000, UTC + 37 * SEC + 5_900, UTC + 6_500};
        PtpIoctl.SysOffset best = PtpIoctl.decode(PtpIoctl.Method.BASIC, basic(ts));
        assertEquals(2, best.samples());
        assertEquals(1_500, best.widthNanos());
        assertEquals(UTC + 5_750, best.systemNanos());
        assertEquals(UTC + 37 * SEC + 5_900, best.phcNanos());
    }

    @Test
    void preciseIsOneCrossTimestampWithNoSandwich() {
        ByteBuffer b = buffer(64);
        putTime(b, 0, UTC + 37 * SEC + 123);    // device
        putTime(b, 16, UTC + 100);              // sys_realtime
        putTime(b, 32, 987_654_321_000L);       // sys_monoraw: not used
        PtpIoctl.SysOffset r = PtpIoctl.decode(PtpIoctl.Method.PRECISE, b);
        assertEquals(0, r.widthNanos());
        assertEquals(UTC + 100, r.systemNanos());
        assertEquals(-37 * SEC - 23, r.rawOffsetNanos());
    }

    @Test
    void aSampleAcrossABackwardStepIsDropped() {
        long[][] samples = {
            {UTC, UTC + 37 * SEC, UTC - SEC},                 // stepped back 1 s during the read: width < 0
            {UTC + 50_000, UTC + 37 * SEC + 51_000, UTC + 52_000},
        };
        PtpIoctl.SysOffset best = PtpIoctl.decode(PtpIoctl.Method.EXTENDED, extended(samples));
        assertEquals(1, best.samples());
        assertEquals(2_000, best.widthNanos());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> PtpIoctl.decode(PtpIoctl.Method.EXTENDED, extended(new long[][] {samples[0]})));
        assertTrue(none.getMessage().contains("none of the 1 samples is valid"), none.getMessage());
    }

    @Test
    void garbageIsAClearError() {
        ByteBuffer zeroSamples = buffer(1216);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PtpIoctl.decode(PtpIoctl.Method.EXTENDED, zeroSamples)).getMessage().contains("n_samples"));
        ByteBuffer badNanos = extended(new long[][] {{UTC, UTC, UTC + 1}});
        badNanos.putInt(16 + 16 + 8, 1_000_000_000); // the PHC stamp's nsec
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PtpIoctl.decode(PtpIoctl.Method.EXTENDED, badNanos)).getMessage().contains("nsec must be"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PtpIoctl.decode(PtpIoctl.Method.BASIC, buffer(100))).getMessage().contains("needs 832 bytes"));
    }

    @Test
    void capsAreReadFromTheirOffsets() {
        ByteBuffer b = buffer(80);
        int[] ints = {62_499_999, 0, 2, 2, 1, 4, 1, 0, 0}; // an Intel i210 with cross-timestamping, say
        for (int i = 0; i < ints.length; i++) {
            b.putInt(4 * i, ints[i]);
        }
        PtpIoctl.Caps caps = PtpIoctl.decodeCaps(b);
        assertEquals(new PtpIoctl.Caps(62_499_999, 0, 2, 2, true, 4, true), caps);
    }

    @Property
    void bestIsTheNarrowestValidSampleAndItsMidpoint(
            @ForAll @Size(min = 1, max = 25) List<@LongRange(min = -5_000, max = 100_000) Long> widths,
            @ForAll @LongRange(min = -2_000_000_000L, max = 2_000_000_000L) long phcMinusSys,
            @ForAll @IntRange(min = 0, max = 24) int start) {
        long[][] samples = new long[widths.size()][];
        long minWidth = Long.MAX_VALUE;
        int minIndex = -1;
        long t = UTC;
        for (int i = 0; i < samples.length; i++) {
            long w = widths.get(i);
            samples[i] = new long[] {t, t + Math.max(w, 0) / 2 + phcMinusSys, t + w};
            if (w >= 0 && w < minWidth) {
                minWidth = w;
                minIndex = i;
            }
            t += 200_000 + start;
        }
        if (minIndex < 0) {
            assertThrows(IllegalArgumentException.class,
                    () -> PtpIoctl.decode(PtpIoctl.Method.EXTENDED, extended(samples)));
            return;
        }
        PtpIoctl.SysOffset best = PtpIoctl.decode(PtpIoctl.Method.EXTENDED, extended(samples));
        assertEquals(minWidth, best.widthNanos());
        assertEquals(samples[minIndex][0] + minWidth / 2, best.systemNanos());
        assertEquals(-phcMinusSys, best.rawOffsetNanos());
    }

    @Property
    void randomBytesNeverDecodeToAnythingButAResultOrIllegalArgument(
            @ForAll @Size(1216) List<Byte> bytes) {
        ByteBuffer b = buffer(1216);
        for (int i = 0; i < bytes.size(); i++) {
            b.put(i, bytes.get(i));
        }
        for (PtpIoctl.Method m : PtpIoctl.Method.values()) {
            try {
                PtpIoctl.SysOffset r = PtpIoctl.decode(m, b);
                assertTrue(r.widthNanos() >= 0 && r.samples() >= 1);
            } catch (IllegalArgumentException expected) {
                assertTrue(!expected.getMessage().isEmpty());
            }
        }
    }

    // ----------------------------------------------------------- the kernel's structs, written from the header

    static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    /** struct ptp_clock_time: __s64 sec, __u32 nsec, __u32 reserved. */
    static void putTime(ByteBuffer b, int offset, long nanos) {
        b.putLong(offset, Math.floorDiv(nanos, SEC));
        b.putInt(offset + 8, (int) Math.floorMod(nanos, SEC));
    }

    /** struct ptp_sys_offset_extended: n_samples, clockid, rsv[2], ts[25][3]. */
    static ByteBuffer extended(long[][] samples) {
        ByteBuffer b = buffer(16 + 25 * 3 * 16);
        b.putInt(0, samples.length);
        for (int i = 0; i < samples.length; i++) {
            for (int j = 0; j < 3; j++) {
                putTime(b, 16 + (3 * i + j) * 16, samples[i][j]);
            }
        }
        return b;
    }

    /** struct ptp_sys_offset: n_samples, rsv[3], ts[51] interleaved sys, phc, ..., sys. */
    static ByteBuffer basic(long[] ts) {
        ByteBuffer b = buffer(16 + 51 * 16);
        b.putInt(0, (ts.length - 1) / 2);
        List<Long> all = new ArrayList<>();
        for (long t : ts) {
            all.add(t);
        }
        for (int i = 0; i < all.size(); i++) {
            putTime(b, 16 + i * 16, all.get(i));
        }
        return b;
    }
}
