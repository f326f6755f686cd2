package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** UtcTime and TaiTime over the whole range of a long, and their conversions over 1972–2100. */
class UtcTaiTimePropertiesTest {

    private static final long NANOS = 1_000_000_000L;
    private static final long UTC_1972 = 63_072_000L * NANOS; // 730 days after 1970-01-01
    private static final long UTC_2100 = 4_102_444_800L * NANOS; // 47 482 days after 1970-01-01

    @Property(tries = 3000)
    void toStringParsesBackToTheSameInstant(@ForAll long nanos) {
        assertEquals(UtcTime.ofEpochNanos(nanos), UtcTime.parse(UtcTime.ofEpochNanos(nanos).toString()));
        assertEquals(TaiTime.ofEpochNanos(nanos), TaiTime.parse(TaiTime.ofEpochNanos(nanos).toString()));
    }

    @Property(tries = 3000)
    void textSortsAsTheInstantsDo(@ForAll long a, @ForAll long b) {
        int byText = Integer.signum(UtcTime.ofEpochNanos(a).toString().compareTo(UtcTime.ofEpochNanos(b).toString()));
        assertEquals(Long.signum(Long.compare(a, b)), byText);
    }

    @Property(tries = 3000)
    void compareToEqualsAndHashCodeAgree(@ForAll long a, @ForAll long b) {
        UtcTime x = UtcTime.ofEpochNanos(a);
        UtcTime y = UtcTime.ofEpochNanos(b);
        assertEquals(Long.signum(Long.compare(a, b)), Integer.signum(x.compareTo(y)));
        assertEquals(a == b, x.equals(y));
        assertEquals(x.equals(y), TaiTime.ofEpochNanos(a).equals(TaiTime.ofEpochNanos(b)));
        assertEquals(Long.signum(Long.compare(a, b)), Integer.signum(TaiTime.ofEpochNanos(a)
                .compareTo(TaiTime.ofEpochNanos(b))));
        if (x.equals(y)) {
            assertEquals(x.hashCode(), y.hashCode());
        }
    }

    @Property(tries = 3000)
    void instantRoundTripsOverTheWholeRange(@ForAll long nanos) {
        assertEquals(nanos, UtcTime.of(UtcTime.ofEpochNanos(nanos).toInstant()).epochNanos());
    }

    @Property(tries = 3000)
    void plusAndMinusAreInverse(@ForAll @LongRange(min = UTC_1972, max = UTC_2100) long nanos,
                                @ForAll @LongRange(min = -UTC_1972, max = UTC_1972) long deltaNanos) {
        Duration delta = Duration.ofNanos(deltaNanos);
        assertEquals(UtcTime.ofEpochNanos(nanos), UtcTime.ofEpochNanos(nanos).plus(delta).minus(delta));
        assertEquals(TaiTime.ofEpochNanos(nanos), TaiTime.ofEpochNanos(nanos).minus(delta).plus(delta));
        assertEquals(delta, TaiTime.ofEpochNanos(nanos).durationUntil(TaiTime.ofEpochNanos(nanos).plus(delta)));
    }

    @Property(tries = 3000)
    void utcToTaiToUtcRoundTripsAndIsMonotonicFrom1972To2100(
            @ForAll @LongRange(min = UTC_1972, max = UTC_2100) long a,
            @ForAll @LongRange(min = UTC_1972, max = UTC_2100) long b) {
        UtcTime x = UtcTime.ofEpochNanos(a);
        UtcTime y = UtcTime.ofEpochNanos(b);
        assertEquals(x, x.toTai().toUtc());
        assertEquals(Integer.signum(x.compareTo(y)), Integer.signum(x.toTai().compareTo(y.toTai())));
        assertEquals(x.toTai().durationUntil(y.toTai()), x.durationUntil(y));
        // Elapsed UTC and elapsed TAI differ by exactly the leap seconds in between.
        long leapsBetween = x.toTai().durationUntil(y.toTai()).minus(Duration.ofNanos(b - a)).toNanos();
        int offsetChange = LeapSecondTable.system().taiMinusUtcAtUtcNanos(b)
                - LeapSecondTable.system().taiMinusUtcAtUtcNanos(a);
        assertEquals(offsetChange * NANOS, leapsBetween);
    }

    @Property(tries = 3000)
    void taiTimeOfInstantAndToInstantFollowTheTableFrom1972To2100(
            @ForAll @LongRange(min = UTC_1972, max = UTC_2100) long utcNanos,
            @ForAll @LongRange(min = 0, max = 400L * 86_400 * NANOS) long laterNanos) {
        LeapSecondTable table = LeapSecondTable.system(); // what TaiTime.of and toInstant use
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(utcNanos, NANOS), Math.floorMod(utcNanos, NANOS));
        TaiTime tai = TaiTime.of(instant);
        assertEquals(table.utcToTaiNanos(utcNanos), tai.epochNanos());
        assertEquals(table.taiMinusUtcAtUtcNanos(utcNanos) * NANOS, tai.epochNanos() - utcNanos);
        assertEquals(instant, tai.toInstant(), "round trip");
        long laterUtc = Math.min(UTC_2100, utcNanos + laterNanos);
        TaiTime later = TaiTime.of(Instant.ofEpochSecond(Math.floorDiv(laterUtc, NANOS), Math.floorMod(laterUtc, NANOS)));
        assertTrue(later.compareTo(tai) >= 0, "monotonic: " + tai + " then " + later);
        assertTrue(later.toInstant().compareTo(instant) >= 0);
    }
}
