package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.threeten.extra.scale.TaiInstant;
import org.threeten.extra.scale.UtcInstant;

/** TT, GPS and MJD conversions: exact round trips, monotonic across real and simulated leap seconds. */
class TimeScalesPropertiesTest {

    private static final long NANOS = 1_000_000_000L;
    private static final long DAY_NANOS = 86_400 * NANOS;
    private static final long TAI_1972 = (63_072_000L + 10) * NANOS;
    private static final long TAI_2100 = 4_102_444_800L * NANOS;
    private static final LeapSecondTable REAL = LeapSecondTable.bundled();
    private static final LocalDate DAY = LocalDate.of(2031, 12, 31);
    private static final long TAI_AT_END_OF_DAY = ((DAY.toEpochDay() + 1) * 86_400 + 37) * NANOS;

    @Property(tries = 3000)
    void ttAndGpsRoundTripExactlyOverTheirWholeRange(
            @ForAll @LongRange(min = Long.MIN_VALUE + 315_964_819_000_000_000L,
                    max = Long.MAX_VALUE - 32_184_000_000L) long taiNanos) {
        TaiTime tai = TaiTime.ofEpochNanos(taiNanos);
        assertEquals(taiNanos + 32_184_000_000L, tai.toTt().epochNanos());
        assertEquals(tai, tai.toTt().toTai());
        assertEquals(tai, tai.toGps().toTai());
        GpsTime gps = tai.toGps();
        assertEquals(gps, GpsTime.ofWeek(gps.week(), gps.nanosOfWeek()));
        assertEquals(gps.nanosOfWeek(), Math.round(gps.secondsOfWeek() * 1e9));
        assertEquals(gps, GpsTime.parse(gps.toString()));
        assertEquals(tai.toTt(), TtTime.parse(tai.toTt().toString()));
        for (TimeScale scale : new TimeScale[] {TimeScale.TAI, TimeScale.TT, TimeScale.GPS}) {
            ModifiedJulianDate mjd = tai.toMjd(scale, REAL);
            assertEquals(tai, mjd.toTai(REAL));
            assertEquals(mjd, ModifiedJulianDate.parse(mjd.toString()));
        }
    }

    @Property(tries = 3000)
    void everyConversionIsMonotonicAndUtcMjdRoundTripsFrom1972To2100(
            @ForAll @LongRange(min = TAI_1972, max = TAI_2100) long a,
            @ForAll @LongRange(min = TAI_1972, max = TAI_2100) long b) {
        checkPair(REAL, a, b);
    }

    @Property(tries = 3000)
    void utcMjdRoundTripsAndIsMonotonicAroundEveryRealLeapSecond(
            @ForAll @IntRange(min = 1, max = 27) int leap,
            @ForAll @LongRange(min = -2 * NANOS, max = 2 * NANOS) long a,
            @ForAll @LongRange(min = -2 * NANOS, max = 2 * NANOS) long b) {
        LeapSecond entry = REAL.leapSeconds().get(leap);
        long taiMidnight = (entry.utcEpochSecond() + entry.taiMinusUtc()) * NANOS;
        checkPair(REAL, taiMidnight + a, taiMidnight + b);
    }

    @Property(tries = 3000)
    void utcMjdRoundTripsAndIsMonotonicAroundSimulatedInsertedAndDeletedSeconds(
            @ForAll boolean insert,
            @ForAll @LongRange(min = -3 * NANOS, max = 3 * NANOS) long a,
            @ForAll @LongRange(min = -3 * NANOS, max = 3 * NANOS) long b) {
        LeapSecondTable table = REAL.withLeapSecond(DAY, insert);
        checkPair(table, TAI_AT_END_OF_DAY + a, TAI_AT_END_OF_DAY + b);
        ModifiedJulianDate mjd = TaiTime.ofEpochNanos(TAI_AT_END_OF_DAY + a).toMjd(TimeScale.UTC, table);
        if (mjd.day() == DAY.toEpochDay() + ModifiedJulianDate.MJD_OF_1970) {
            assertEquals((insert ? 86_401 : 86_399) * NANOS, mjd.dayLengthNanos());
        }
    }

    /** ThreeTen-Extra 1.11.0's UtcInstant (independent leap-second rules) gives the same TAI for every UTC MJD. */
    @Property(tries = 3000)
    void utcMjdToTaiAgreesWithThreeTenExtra(@ForAll @LongRange(min = 41_317, max = 88_068) long day,
                                            @ForAll @LongRange(min = 0, max = 86_400_999_999_999L) long nanos) {
        long dayLength = ModifiedJulianDate.of(TimeScale.UTC, day, 0, REAL).dayLengthNanos();
        long nanosOfDay = nanos % dayLength;
        TaiInstant expected = UtcInstant.ofModifiedJulianDay(day, nanosOfDay).toTaiInstant();
        long taiNanos = ModifiedJulianDate.of(TimeScale.UTC, day, nanosOfDay, REAL).toTai(REAL).epochNanos();
        assertEquals(expected.getTaiSeconds() - 378_691_200L, Math.floorDiv(taiNanos, NANOS));
        assertEquals(expected.getNano(), Math.floorMod(taiNanos, NANOS));
    }

    private static void checkPair(LeapSecondTable table, long a, long b) {
        TaiTime x = TaiTime.ofEpochNanos(a);
        TaiTime y = TaiTime.ofEpochNanos(b);
        int order = Long.signum(Long.compare(a, b));
        for (TimeScale scale : TimeScale.values()) {
            ModifiedJulianDate mx = x.toMjd(scale, table);
            ModifiedJulianDate my = y.toMjd(scale, table);
            assertEquals(x, mx.toTai(table), mx::toString);
            assertEquals(order, Integer.signum(mx.compareTo(my)), () -> mx + " vs " + my);
            assertTrue(mx.nanosOfDay() < mx.dayLengthNanos());
            // The double never goes backwards (it may tie: 0.63 µs spacing).
            if (order < 0) {
                assertTrue(mx.mjd() <= my.mjd(), () -> mx + " vs " + my);
            }
        }
        assertEquals(order, Integer.signum(x.toTt().compareTo(y.toTt())));
        assertEquals(order, Integer.signum(x.toGps().compareTo(y.toGps())));
        // A POSIX UTC instant's MJD is the TAI instant's, except inside an inserted second (POSIX cannot name it).
        ModifiedJulianDate fromUtc = x.toUtc(table).toMjd(table);
        ModifiedJulianDate fromTai = x.toMjd(TimeScale.UTC, table);
        if (fromTai.nanosOfDay() < DAY_NANOS) {
            assertEquals(fromTai, fromUtc);
        }
    }
}
