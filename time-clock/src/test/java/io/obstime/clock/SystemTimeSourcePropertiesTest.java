package io.obstime.clock;

import static io.obstime.clock.FakeKernelClock.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The table path's cached offset and validity windows against the table itself: wherever the clock goes (forwards,
 * back, by nanoseconds or years, 1972-2100, through every leap second of the table plus a simulated future insertion
 * and deletion), TAI is exactly {@link LeapSecondTable#utcToTaiNanos(long)} of the UTC reading. One source serves all
 * tries, so each try also starts from whatever state the previous one left: a jump of the clock.
 */
class SystemTimeSourcePropertiesTest {

    private static final LeapSecondTable TABLE = LeapSecondTable.bundled()
            .withLeapSecond(LocalDate.of(2030, 6, 30), true)
            .withLeapSecond(LocalDate.of(2040, 12, 31), false);
    private static final long FROM_1972 = Instant.parse("1972-01-01T00:00:00Z").getEpochSecond() * SECOND;
    private static final long UNTIL_2100 = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond() * SECOND;

    // The kernel's offset stays 0 and it inserts nothing: the table path throughout, with one WARN for all tries.
    private static final FakeKernelClock KERNEL = new FakeKernelClock(Instant.parse("2026-11-21T22:00:00Z"));
    private static final SystemTimeSource SOURCE = new SystemTimeSource(KERNEL, TABLE, "property", null);

    @Property(tries = 2_000)
    void taiIsTheTablesMappingOfTheUtcReading(@ForAll @LongRange(min = 0, max = 128L * 365 * 86_400) long startSecond,
                                              @ForAll @Size(max = 40) List<@From("steps") Long> stepsNanos) {
        KERNEL.realtimeNanos = FROM_1972 + startSecond * SECOND;
        check();
        for (long step : stepsNanos) {
            KERNEL.realtimeNanos = Math.max(FROM_1972, Math.min(UNTIL_2100, KERNEL.realtimeNanos + step));
            check();
        }
    }

    @Property(tries = 500)
    void aroundEveryLeapMidnightTaiIsTheTablesMapping(@ForAll("leapMidnights") long midnightUtcNanos,
                                                      @ForAll @LongRange(min = -3 * SECOND, max = 3 * SECOND) long from,
                                                      @ForAll @Size(max = 40) List<@LongRange(min = 0, max = SECOND / 4) Long> steps) {
        KERNEL.realtimeNanos = midnightUtcNanos + from;
        check();
        for (long step : steps) {
            KERNEL.realtimeNanos += step;
            check();
        }
    }

    private static void check() {
        long utc = KERNEL.realtimeNanos;
        assertEquals(TABLE.utcToTaiNanos(utc), SOURCE.taiNanos(), "UTC " + utc);
        // The offset delivered is TAI − UTC of the same mapping, to the second (inside a deleted second, which a
        // deleting kernel never shows, the table maps UTC to the start of the next day: 37 s, not 38 s).
        long expectedOffset = Math.floorDiv(TABLE.utcToTaiNanos(utc) - utc + SECOND / 2, SECOND);
        assertEquals(expectedOffset, SOURCE.taiOffset(), "UTC " + utc);
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
