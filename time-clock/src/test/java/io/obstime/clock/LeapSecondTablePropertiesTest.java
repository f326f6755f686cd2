package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Conversions over their whole domain: UTC instants 1972–2100, and every nanosecond-neighbourhood of a leap. */
class LeapSecondTablePropertiesTest {

    private static final long NANOS = 1_000_000_000L;
    /** 1972-01-01T00:00:00Z and 2100-01-01T00:00:00Z in POSIX UTC nanoseconds. */
    private static final long UTC_1972 = 63_072_000L * NANOS; // 730 days after 1970-01-01
    private static final long UTC_2100 = 4_102_444_800L * NANOS; // 47 482 days after 1970-01-01

    private final LeapSecondTable real = LeapSecondTable.bundled();
    /** The real history plus a deleted leap second at the end of 2030-06-30 and an inserted one after it. */
    private final LeapSecondTable withDeletion = real.withLeapSecond(LocalDate.of(2030, 6, 30), false)
            .withLeapSecond(LocalDate.of(2031, 12, 31), true);

    @Property(tries = 2000)
    void utcToTaiToUtcRoundTripsOnTheRealTable(@ForAll @LongRange(min = UTC_1972, max = UTC_2100) long utcNanos) {
        assertEquals(utcNanos, real.taiToUtcNanos(real.utcToTaiNanos(utcNanos)));
    }

    @Property(tries = 2000)
    void utcToTaiToUtcRoundTripsOutsideTheDeletedSecond(
            @ForAll @LongRange(min = UTC_1972, max = UTC_2100) long utcNanos) {
        long deletedEnd = LocalDate.of(2030, 7, 1).toEpochDay() * 86_400 * NANOS;
        if (utcNanos >= deletedEnd - NANOS && utcNanos < deletedEnd) {
            return; // 2030-06-30T23:59:59 never happens in that table
        }
        assertEquals(utcNanos, withDeletion.taiToUtcNanos(withDeletion.utcToTaiNanos(utcNanos)));
    }

    @Property(tries = 2000)
    void taiToUtcToTaiRoundTripsOutsideInsertedLeapSeconds(
            @ForAll @LongRange(min = UTC_1972 + 10 * NANOS, max = UTC_2100) long taiNanos) {
        long utcNanos = real.taiToUtcNanos(taiNanos);
        // Inside an inserted leap second the TAI instant has no POSIX name: the offset at that TAI instant is already
        // the new one while TAI − UTC says otherwise.
        boolean insideLeap = taiNanos - utcNanos != real.taiMinusUtcAtTaiNanos(taiNanos) * NANOS;
        if (!insideLeap) {
            assertEquals(taiNanos, real.utcToTaiNanos(utcNanos));
        }
    }

    @Property(tries = 3000)
    void conversionsAreMonotonic(@ForAll @LongRange(min = UTC_1972, max = UTC_2100) long a,
                                 @ForAll @LongRange(min = 0, max = 400L * 86_400 * NANOS) long gap) {
        for (LeapSecondTable table : List.of(real, withDeletion)) {
            assertTrue(table.utcToTaiNanos(a) <= table.utcToTaiNanos(a + gap));
            assertTrue(table.taiToUtcNanos(a) <= table.taiToUtcNanos(a + gap));
        }
    }

    @Provide
    Arbitrary<Long> nearALeap() {
        List<Long> midnights = withDeletion.leapSeconds().stream().map(l -> l.utcEpochSecond() * NANOS).toList();
        return Arbitraries.of(midnights).flatMap(midnight -> Arbitraries.longs()
                .between(midnight - 3 * NANOS, midnight + 40 * NANOS).edgeCases(c -> c.add(midnight - NANOS)));
    }

    @Property(tries = 3000)
    void conversionsAreMonotonicInTheSecondsAroundEveryLeap(@ForAll("nearALeap") long instant,
                                                           @ForAll @IntRange(min = 0, max = 1_500_000_000) int gap) {
        for (LeapSecondTable table : List.of(real, withDeletion)) {
            assertTrue(table.utcToTaiNanos(instant) <= table.utcToTaiNanos(instant + gap), "utcToTai at " + instant);
            assertTrue(table.taiToUtcNanos(instant) <= table.taiToUtcNanos(instant + gap), "taiToUtc at " + instant);
            // Elapsed UTC never exceeds elapsed TAI by more than a deleted second, nor falls short by more than an
            // inserted one: the mapping has slope 1 except at the leaps.
            long dTai = table.utcToTaiNanos(instant + gap) - table.utcToTaiNanos(instant);
            assertTrue(Math.abs(dTai - gap) <= NANOS, "TAI elapsed " + dTai + " for UTC " + gap);
        }
    }

    @Property(tries = 2000)
    void offsetAtUtcAgreesWithTheConversion(@ForAll @LongRange(min = UTC_1972, max = UTC_2100) long utcNanos) {
        assertEquals(real.taiMinusUtcAtUtcNanos(utcNanos) * NANOS, real.utcToTaiNanos(utcNanos) - utcNanos);
    }
}
