package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** UTC labels of TAI instants round-trip and sort as the instants do, across inserted and deleted leap seconds. */
class LeapSecondLabelPropertiesTest {

    private static final long NANOS = 1_000_000_000L;
    private static final long TAI_1972 = (63_072_000L + 10) * NANOS;
    private static final long TAI_2100 = 4_102_444_800L * NANOS;
    private static final LeapSecondTable REAL = LeapSecondTable.bundled();
    private static final LocalDate DAY = LocalDate.of(2030, 6, 30);
    private static final LeapSecondTable DELETED = REAL.withLeapSecond(DAY, false);
    private static final LeapSecondTable INSERTED = REAL.withLeapSecond(DAY, true);
    /** UTC midnight ending {@link #DAY} + 37 s: where an inserted 23:59:60 starts; a deletion's midnight is 1 s before. */
    private static final long TAI_AT_END_OF_DAY = ((DAY.toEpochDay() + 1) * 86_400 + 37) * NANOS;

    @Property(tries = 3000)
    void labelsRoundTripAndSortAsTaiFrom1972To2100(
            @ForAll @LongRange(min = TAI_1972, max = TAI_2100) long a,
            @ForAll @LongRange(min = TAI_1972, max = TAI_2100) long b) {
        roundTripAndOrder(REAL, a, b);
    }

    /** Every real leap second: instants within two seconds either side of it, nanosecond-exact. */
    @Property(tries = 3000)
    void labelsRoundTripAndSortAsTaiAroundEveryRealLeapSecond(
            @ForAll @IntRange(min = 1, max = 27) int leap,
            @ForAll @LongRange(min = -2 * NANOS, max = 2 * NANOS) long a,
            @ForAll @LongRange(min = -2 * NANOS, max = 2 * NANOS) long b) {
        LeapSecond entry = REAL.leapSeconds().get(leap);
        long taiMidnight = (entry.utcEpochSecond() + entry.taiMinusUtc()) * NANOS;
        roundTripAndOrder(REAL, taiMidnight + a, taiMidnight + b);
        String label = TaiTime.ofEpochNanos(taiMidnight - NANOS + Math.floorMod(a, NANOS)).toUtcString(REAL);
        assertTrue(label.contains("T23:59:60."), label);
    }

    @Property(tries = 3000)
    void labelsRoundTripAndSortAsTaiAroundASimulatedInsertedOrDeletedSecond(
            @ForAll boolean insert,
            @ForAll @LongRange(min = -3 * NANOS, max = 3 * NANOS) long a,
            @ForAll @LongRange(min = -3 * NANOS, max = 3 * NANOS) long b) {
        LeapSecondTable table = insert ? INSERTED : DELETED;
        roundTripAndOrder(table, TAI_AT_END_OF_DAY + a, TAI_AT_END_OF_DAY + b);
        String label = TaiTime.ofEpochNanos(TAI_AT_END_OF_DAY + a).toUtcString(table);
        // Inserted: 23:59:60 labels the TAI second that starts there; deleted: 23:59:59 never appears.
        assertEquals(insert && a >= 0 && a < NANOS, label.contains("T23:59:60."), label);
        assertTrue(insert || !label.startsWith(DAY + "T23:59:59."), label);
    }

    private static void roundTripAndOrder(LeapSecondTable table, long a, long b) {
        TaiTime x = TaiTime.ofEpochNanos(a);
        TaiTime y = TaiTime.ofEpochNanos(b);
        String labelX = x.toUtcString(table);
        String labelY = y.toUtcString(table);
        assertEquals(x, TaiTime.parseUtc(labelX, table), labelX);
        assertEquals(Long.signum(Long.compare(a, b)), Integer.signum(labelX.compareTo(labelY)), labelX + " " + labelY);
        // UtcTime.parse maps a label as toUtc does, so POSIX UTC stays monotonic.
        assertEquals(x.toUtc(table), UtcTime.parse(labelX, table), labelX);
        if (a <= b) {
            assertTrue(UtcTime.parse(labelX, table).compareTo(UtcTime.parse(labelY, table)) <= 0);
        }
    }
}
