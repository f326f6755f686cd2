package io.obstime.clock;

import static io.obstime.clock.FakeKernelClock.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Clock steps against the table: wherever the clock is stepped (forwards, back, by nanoseconds or years, 1972-2100,
 * to every leap second of the table plus a simulated future insertion and deletion), with or without a check after
 * the step, TAI is {@link LeapSecondTable#utcToTaiNanos(long)} of the UTC reading: exactly, or within the slow path's
 * {@link TaiState#TOLERANCE_NANOS} where a step smaller than that is taken for no step. A check runs whenever a
 * reader asked for one, as the check thread would. Inside a deleted second, which a kernel never
 * shows for more than a tick, the table maps every instant to the next midnight while a fresh state reads on
 * continuously: those readings are only checked to be within that second.
 */
class SystemTimeSourcePropertiesTest {

    private static final LeapSecondTable TABLE = LeapSecondTable.bundled()
            .withLeapSecond(LocalDate.of(2030, 6, 30), true)
            .withLeapSecond(LocalDate.of(2040, 12, 31), false);
    private static final long FROM_1972 = Instant.parse("1972-01-01T00:00:00Z").getEpochSecond() * SECOND;
    private static final long UNTIL_2100 = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond() * SECOND;

    // The kernel's offset stays 0 and it inserts nothing: the table's offset throughout. A fresh source per try.
    private FakeKernelClock kernel;
    private SystemTimeSource source;

    private void fresh() {
        kernel = new FakeKernelClock(Instant.parse("2026-11-21T22:00:00Z"));
        source = new SystemTimeSource(kernel, TABLE, "property", null);
    }

    @Property(tries = 2_000)
    void taiIsTheTablesMappingOfTheUtcReadingAfterAnyStep(
            @ForAll @LongRange(min = 0, max = 128L * 365 * 86_400) long startSecond,
            @ForAll @Size(max = 40) List<@From("steps") Long> stepsNanos,
            @ForAll @Size(max = 40) List<Boolean> checkAfterStep) {
        fresh();
        stepTo(FROM_1972 + startSecond * SECOND, true);
        for (int i = 0; i < stepsNanos.size(); i++) {
            stepTo(Math.max(FROM_1972, Math.min(UNTIL_2100, kernel.realtimeNanos + stepsNanos.get(i))),
                    i < checkAfterStep.size() && checkAfterStep.get(i));
        }
    }

    @Property(tries = 500)
    void steppedToAnywhereAroundALeapMidnightTaiIsTheTablesMapping(
            @ForAll("leapMidnights") long midnightUtcNanos,
            @ForAll @Size(min = 1, max = 20) List<@LongRange(min = -3 * SECOND, max = 3 * SECOND) Long> offsets,
            @ForAll @Size(max = 20) List<Boolean> checkAfterStep) {
        fresh();
        for (int i = 0; i < offsets.size(); i++) {
            stepTo(midnightUtcNanos + offsets.get(i), i < checkAfterStep.size() && checkAfterStep.get(i));
        }
    }

    /** Samples these properties once shrank to, before a leap second was accepted only in the expected direction. */
    @Example
    void samplesThatOnceFailed() {
        long midnight = Instant.parse("1972-07-01T00:00:00Z").getEpochSecond() * SECOND;
        long[][] samples = {{0, 1_998_000_000L}, {-997_999_998L, 2}, {-1, 0, 0, 997_999_999L}, {0, 5_999_951L, -50},
            {-1, 0, 0, 0, -1_006_000_000L, 1}};
        for (long[] offsets : samples) {
            fresh();
            for (long offset : offsets) {
                stepTo(midnight + offset, false);
            }
        }
    }

    /** A clock step (CLOCK_MONOTONIC does not move), then maybe a check, then a reading. */
    private void stepTo(long utc, boolean check) {
        kernel.stepNanos(utc - kernel.realtimeNanos);
        if (check) {
            source.check();
        }
        long expected = TABLE.utcToTaiNanos(utc);
        long tai = source.taiNanos();
        int offset = source.taiOffset();
        if (source.checkWanted()) {
            source.check(); // what the check thread does when a reader wakes it
        }
        if (insideADeletedSecond(utc)) {
            assertTrue(tai >= expected && tai < expected + SECOND, "UTC " + utc + ": " + tai);
            return;
        }
        if (nearALeapMidnight(utc)) {
            // A state that still verifies reads a step that nets out near 0 or the table's second as time passing (a
            // kernel that did not apply the table's leap: TAI continuous until the check after the window) or as the
            // kernel's leap second: the documented limit. Never more than that second off.
            long off = Math.min(Math.abs(tai - expected), Math.min(Math.abs(tai - expected - SECOND),
                    Math.abs(tai - expected + SECOND)));
            assertTrue(off <= 3 * TaiState.TOLERANCE_NANOS, "UTC " + utc + ": " + tai + " against " + expected);
            return;
        }
        assertEquals(expected, tai, TaiState.TOLERANCE_NANOS, "UTC " + utc + (check ? ", checked" : ""));
        assertEquals(Math.floorDiv(expected - utc + SECOND / 2, SECOND), offset, "UTC " + utc);
    }

    /**
     * Within [M − 1 s, M + the slow path's horizon) of a midnight M at which the table has a leap second: only there
     * may a step be read as that leap second (this kernel never arms one).
     */
    private static boolean nearALeapMidnight(long utc) {
        long day = 86_400 * SECOND;
        long next = Math.floorDiv(utc, day) * day + day;
        long previous = next - day;
        return (utc >= next - SECOND && leapAt(next)) || (utc < previous + TaiState.HORIZON_NANOS && leapAt(previous));
    }

    private static boolean leapAt(long midnight) {
        return TABLE.taiMinusUtcAtUtcNanos(midnight) != TABLE.taiMinusUtcAtUtcNanos(midnight - 1);
    }

    private static boolean insideADeletedSecond(long utc) {
        long midnight = Math.floorDiv(utc, 86_400 * SECOND) * 86_400 * SECOND + 86_400 * SECOND;
        return utc >= midnight - SECOND && TABLE.taiMinusUtcAtUtcNanos(midnight) < TABLE.taiMinusUtcAtUtcNanos(utc);
    }

    @Provide
    Arbitrary<Long> steps() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-SECOND, 2 * SECOND),
                Arbitraries.longs().between(-2 * 86_400 * SECOND, 2 * 86_400 * SECOND),
                Arbitraries.longs().between(-20L * 365 * 86_400 * SECOND, 20L * 365 * 86_400 * SECOND),
                Arbitraries.longs().between(59 * SECOND, 61 * SECOND));
    }

    @Provide
    Arbitrary<Long> leapMidnights() {
        return Arbitraries.of(TABLE.leapSeconds().stream()
                .map(l -> l.utcEpochSecond() * SECOND)
                .filter(m -> m > FROM_1972)
                .toArray(Long[]::new));
    }
}
