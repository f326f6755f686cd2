package io.obstime.clock;

import static io.obstime.clock.FakeKernelClock.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.internal.linux.KernelTimex;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Through a leap second as a real kernel applies it: CLOCK_REALTIME stepped at its first timer tick after the
 * boundary ({@code lateNanos} late, adjtimex reporting the leap in between), inserted or deleted, on the kernel path
 * (offset 37) or the table path (offset 0), synchronised or not, whatever the reading times, wherever the checks and
 * {@code status()} fall: TAI is exactly the CLOCK_MONOTONIC time that has passed since the first reading (never back,
 * never a jump), and afterwards UTC + the new offset.
 */
class LeapWindowPropertiesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 31);
    private static final long MIDNIGHT = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond() * SECOND;

    @Property(tries = 400)
    void taiIsContinuousThroughTheLeapWhereverTheKernelStepsAndTheChecksFall(
            @ForAll boolean insert,
            @ForAll boolean kernelPath,
            @ForAll boolean synchronised,
            @ForAll @LongRange(min = 100_000, max = 20_000_000) long lateNanos,
            @ForAll @LongRange(min = 1_000_000, max = 90 * SECOND) long startBeforeMidnightNanos,
            @ForAll @Size(min = 1, max = 80) List<@LongRange(min = 1, max = 700_000_000) Long> stepsNanos,
            @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 79) Integer> extraChecksAfter,
            @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 79) Integer> statusAfter) {
        LeapSecondTable table = LeapSecondTable.bundled().withLeapSecond(DAY, insert);
        int sign = insert ? 1 : -1;
        FakeKernelClock kernel = new FakeKernelClock(Instant.EPOCH);
        kernel.realtimeNanos = MIDNIGHT - startBeforeMidnightNanos;
        kernel.kernelTaiOffset = kernelPath ? 37 : 0;
        kernel.state = synchronised ? (insert ? KernelTimex.TIME_INS : KernelTimex.TIME_DEL) : KernelTimex.TIME_ERROR;
        kernel.status = (insert ? KernelTimex.STA_INS : KernelTimex.STA_DEL)
                | (synchronised ? 0 : KernelTimex.STA_UNSYNC);
        kernel.pendingIsDeletion = !insert;
        SystemTimeSource source = new SystemTimeSource(kernel, table, "property", null);
        long firstTai = source.taiNanos();
        assertEquals(kernel.realtimeNanos + 37 * SECOND, firstTai); // continuous in a deleted second, not its table mapping
        long firstMonotonic = kernel.monotonicNanos();
        long boundary = insert ? MIDNIGHT : MIDNIGHT - SECOND; // where the kernel's leap begins
        long sinceCheck = 0;
        boolean stepped = false;
        for (int i = 0; i < stepsNanos.size(); i++) {
            long remaining = stepsNanos.get(i);
            while (remaining > 0) { // the kernel's own events fall where they fall, inside a step too
                long utc = kernel.realtimeNanos;
                long next = !stepped && utc < boundary ? boundary - utc
                        : !stepped && utc < boundary + lateNanos ? boundary + lateNanos - utc : remaining;
                long dt = Math.min(remaining, Math.max(1, next));
                kernel.advanceNanos(dt);
                remaining -= dt;
                sinceCheck += dt;
                if (!stepped && kernel.realtimeNanos >= boundary) {
                    kernel.leapPending = true;
                    if (kernel.realtimeNanos >= boundary + lateNanos) {
                        if (insert) {
                            kernel.insertLeapSecond();
                        } else {
                            kernel.deleteLeapSecond();
                        }
                        stepped = true;
                    }
                }
                if (sinceCheck >= source.nextCheckDelayNanos()) {
                    source.check();
                    sinceCheck = 0;
                }
            }
            if (extraChecksAfter.contains(i)) {
                source.check();
            }
            if (statusAfter.contains(i)) {
                ClockStatus status = source.status();
                assertTrue(status.taiOffset() == 37 || status.taiOffset() == 37 + sign, status.toString());
            }
            long passed = kernel.monotonicNanos() - firstMonotonic;
            assertEquals(firstTai + passed, source.taiNanos(), "after " + passed + " ns, UTC " + kernel.realtimeNanos
                    + ", stepped " + stepped);
            if (kernel.realtimeNanos < boundary - SECOND * (insert ? 1 : 0) && !stepped) {
                assertEquals(37, source.taiOffset());
            }
        }
        if (stepped && kernel.realtimeNanos >= MIDNIGHT + 2 * SECOND) {
            source.check();
            assertEquals(37 + sign, source.taiOffset());
            assertEquals(kernel.realtimeNanos + (37 + sign) * SECOND, source.taiNanos());
            assertEquals(firstTai + kernel.monotonicNanos() - firstMonotonic, source.taiNanos());
        }
    }
}
