package io.obstime.clock;

import static io.obstime.clock.FakeKernelClock.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The table path through an inserted leap second on a kernel that inserts it (REALTIME repeats 23:59:59, TAI counter
 * + 1, TIME_OOP only if synchronised), whatever the reading times and wherever {@code status()} is called: TAI is
 * exactly the time that has passed since the first reading, so never back and never a jump.
 */
class LeapWindowPropertiesTest {

    private static final LeapSecondTable TABLE = LeapSecondTable.bundled()
            .withLeapSecond(LocalDate.of(2026, 12, 31), true);
    private static final long MIDNIGHT = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond() * SECOND;

    @Property(tries = 300)
    void taiIsContinuousThroughTheRepeatWithStatusCalledAnywhere(
            @ForAll boolean synchronised,
            @ForAll @LongRange(min = 1_000_000, max = 90 * SECOND) long startBeforeMidnightNanos,
            @ForAll @Size(min = 1, max = 60) List<@LongRange(min = 1, max = 700_000_000) Long> stepsNanos,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 59) Integer> statusAfterSteps) {
        FakeKernelClock kernel = new FakeKernelClock(Instant.EPOCH);
        kernel.realtimeNanos = MIDNIGHT - startBeforeMidnightNanos;
        kernel.state = synchronised ? KernelTimex.TIME_INS : KernelTimex.TIME_ERROR;
        kernel.status = synchronised ? KernelTimex.STA_INS : KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
        SystemTimeSource source = new SystemTimeSource(kernel, TABLE, "property", null);
        long firstTai = source.taiNanos();
        assertEquals(TABLE.utcToTaiNanos(kernel.realtimeNanos), firstTai);
        long passed = 0;
        boolean inserted = false;
        for (int i = 0; i < stepsNanos.size(); i++) {
            kernel.advanceNanos(stepsNanos.get(i));
            passed += stepsNanos.get(i);
            if (!inserted && kernel.realtimeNanos >= MIDNIGHT) {
                kernel.insertLeapSecond();
                inserted = true;
            }
            if (inserted && synchronised && kernel.state == KernelTimex.TIME_OOP && kernel.realtimeNanos >= MIDNIGHT) {
                kernel.state = KernelTimex.TIME_WAIT;
            }
            if (statusAfterSteps.contains(i)) {
                ClockStatus status = source.status();
                assertEquals(TaiSource.LEAP_SECOND_TABLE, status.taiSource());
            }
            assertEquals(firstTai + passed, source.taiNanos(), "after " + passed + " ns, UTC " + kernel.realtimeNanos);
            long utc = kernel.realtimeNanos;
            int expectedOffset = inserted ? 38 : 37;
            assertEquals(expectedOffset, source.taiOffset(), "UTC " + utc);
        }
    }
}
