package io.obstime.clock;

import static io.obstime.clock.FakeKernelClock.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.obstime.clock.internal.linux.KernelTimex;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.condition.OS;

/**
 * The primitive reads of each backend allocate nothing once warmed up, on a platform thread (HotSpot's per-thread
 * allocation counter). A round of reads passes below 1 KiB: one allocating read per call would be megabytes. Several
 * rounds are allowed so that a slow JIT on a loaded machine cannot fail it; an allocating read fails every round.
 */
class TimeSourceAllocationTest {

    /**
     * Rounds allowed before C2 has compiled the read: on JDK 17-21 the JNA backend's UTC read is Instant.now(), whose
     * Instant is scalar-replaced only by C2; with C2's queue busy on a loaded 2-core machine, 8 rounds (about half a
     * second) once ran entirely on C1 code. The loop stops at the first clean round.
     */
    private static final int ROUNDS = 60;
    private static final int READS_PER_ROUND = 300_000;

    @Test
    @EnabledOnOs(OS.LINUX)
    void jnaReadsAllocateNothing() {
        assertReadsAllocateNothing(backend("jna", ClockBackend.JNA));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledForJreRange(min = JRE.JAVA_22)
    void ffmReadsAllocateNothing() {
        assertReadsAllocateNothing(backend("ffm", ClockBackend.FFM));
    }

    @Test
    void fallbackReadsAllocateNothing() {
        assertReadsAllocateNothing(backend("fallback", ClockBackend.FALLBACK));
    }

    /** The two seconds around an inserted leap second, table path: vDSO reads and a table lookup, no adjtimex. */
    @Test
    void leapWindowReadsAllocateNothing() {
        LeapSecondTable table = LeapSecondTable.bundled().withLeapSecond(LocalDate.of(2026, 12, 31), true);
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:59:58.5Z"));
        kernel.state = KernelTimex.TIME_ERROR;
        kernel.status = KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
        SystemTimeSource source = new SystemTimeSource(kernel, table, "test", null);
        kernel.advanceSeconds(1); // 23:59:59.5: every read now takes the leap-window path
        long expected = table.utcToTaiNanos(kernel.realtimeNanos);
        assertEquals(expected, source.taiNanos());
        int adjtimexCalls = kernel.adjtimexCalls;
        assertReadsAllocateNothing(source);
        assertEquals(adjtimexCalls, kernel.adjtimexCalls, "no adjtimex in the leap window");
        assertEquals(expected, source.taiNanos());
    }

    private static SystemTimeSource backend(String forced, ClockBackend expected) {
        SystemTimeSource source = SystemTimeSource.create(forced, Runtime.version().feature(), "Linux",
                LeapSecondTable.system());
        assertEquals(expected, source.status().backend(), source.selection());
        return source;
    }

    private static void assertReadsAllocateNothing(TimeSource source) {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter available");
        var counter = (com.sun.management.ThreadMXBean) threads;
        long id = Thread.currentThread().getId();
        long sink = 0;
        long least = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS && least >= 1024; round++) {
            long before = counter.getThreadAllocatedBytes(id);
            for (int i = 0; i < READS_PER_ROUND; i++) {
                sink += source.utcNanos() + source.taiNanos() + source.taiOffset();
            }
            long allocated = counter.getThreadAllocatedBytes(id) - before;
            if (round > 0) { // the first round includes this thread's first reads (its timespec buffer)
                least = Math.min(least, allocated);
            }
        }
        assertTrue(least < 1024, "the best round of " + READS_PER_ROUND + " × (utcNanos, taiNanos, taiOffset) "
                + "allocated " + least + " bytes on " + source);
        assertNotEquals(0, sink);
    }
}
