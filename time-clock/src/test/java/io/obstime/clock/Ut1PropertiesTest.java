package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** UT1 from the bundled finals2000A: monotonic in TAI, consistent with UT1 − UTC, continuous across leap seconds. */
class Ut1PropertiesTest {

    private static final long NANOS = 1_000_000_000L;
    private static final LeapSecondTable LEAPS = LeapSecondTable.bundled();
    private static final Ut1Table TABLE = Ut1Table.loadBundled(LEAPS);
    /** 1973-01-02T00:00:00Z (the first tabulated day) in TAI: TAI − UTC was 12 s. */
    private static final long FIRST_TAI = (1_097L * 86_400 + 12) * NANOS;
    /** 2027-08-21T00:00:00Z (the last tabulated day) in TAI: 37 s. */
    private static final long LAST_TAI = (21_051L * 86_400 + 37) * NANOS;

    @Property(tries = 3000)
    void ut1IsMonotonicInTaiAndRunsAtTaiRateWithinTheEarthsRotation(
            @ForAll @LongRange(min = FIRST_TAI, max = LAST_TAI) long a,
            @ForAll @LongRange(min = 0, max = 86_400 * NANOS) long later) {
        long b = Math.min(LAST_TAI, a + later);
        long ut1A = TABLE.toUt1(TaiTime.ofEpochNanos(a)).epochNanos();
        long ut1B = TABLE.toUt1(TaiTime.ofEpochNanos(b)).epochNanos();
        assertTrue(ut1A <= ut1B);
        // The length of day differs from 86 400 s by a few ms at most: 1e-7 relative (plus rounding).
        long tolerance = 2 + (b - a) / 10_000_000;
        assertTrue(Math.abs((ut1B - ut1A) - (b - a)) <= tolerance, () -> a + " " + b);
    }

    @Property(tries = 3000)
    void ut1IsUtcPlusUt1MinusUtcOutsideLeapSeconds(@ForAll @LongRange(min = FIRST_TAI, max = LAST_TAI) long taiNanos) {
        TaiTime tai = TaiTime.ofEpochNanos(taiNanos);
        Ut1MinusUtc dut1 = TABLE.ut1MinusUtc(tai);
        Ut1Time ut1 = TABLE.toUt1(tai);
        if (LEAPS.nanosIntoInsertedLeapSecond(taiNanos) < 0) {
            assertEquals(tai.toUtc(LEAPS).epochNanos() + dut1.ut1MinusUtcNanos(), ut1.epochNanos());
            assertEquals(ut1, tai.toUtc(LEAPS).toUt1(TABLE));
        }
        assertTrue(Math.abs(dut1.ut1MinusUtcNanos()) <= 900_000_000L);
        assertEquals(dut1.uncertaintyNanos(), ut1.uncertaintyNanos());
        assertEquals(ut1, Ut1Time.parse(ut1.toString()));
        assertEquals(taiNanos > (20_678L * 86_400 + 37) * NANOS, dut1.predicted()); // after 2026-08-13, measured
    }

    @Property(tries = 2000)
    void ut1IsContinuousAcrossEveryLeapSecondInTheTable(
            @ForAll @IntRange(min = 3, max = 27) int leap,
            @ForAll @LongRange(min = -2 * NANOS, max = 2 * NANOS) long offset) {
        LeapSecond entry = LEAPS.leapSeconds().get(leap); // from 1973-01-01 on: inside the table
        long taiMidnight = (entry.utcEpochSecond() + entry.taiMinusUtc()) * NANOS;
        long before = TABLE.toUt1(TaiTime.ofEpochNanos(taiMidnight + offset)).epochNanos();
        long after = TABLE.toUt1(TaiTime.ofEpochNanos(taiMidnight + offset + NANOS)).epochNanos();
        assertTrue(Math.abs(after - before - NANOS) <= 1_000, () -> (after - before) + " ns");
    }
}
