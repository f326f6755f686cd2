package io.obstime.monitor.internal.ntp;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NTP's 64-bit timestamps and 16.16 shorts against exact arithmetic, over their whole domains. */
class NtpTimestampsPropertiesTest {

    private static final long NANOS = 1_000_000_000L;
    private static final BigDecimal TWO_32 = BigDecimal.valueOf(1L << 32);

    @Example
    void theUnixEpochIsNtpSecond2208988800() {
        // RFC 5905 figure 4 / RFC 868: 1970-01-01 is 2 208 988 800 s after 1900-01-01, 0x83AA7E80.
        assertEquals(0x83AA7E80_00000000L, NtpTimestamps.fromUtcNanos(0));
        assertEquals(0, NtpTimestamps.toUtcNanos(0x83AA7E80_00000000L, 0));
        // Half a second is fraction 2^31.
        assertEquals(0x83AA7E80_80000000L, NtpTimestamps.fromUtcNanos(500_000_000));
    }

    @Example
    void eraOneStartsOn2036February7() {
        long era1 = Instant.parse("2036-02-07T06:28:16Z").getEpochSecond() * NANOS;
        assertEquals(0L, NtpTimestamps.fromUtcNanos(era1), "seconds wrap to 0");
        long pivotIn2036 = Instant.parse("2036-01-01T00:00:00Z").getEpochSecond() * NANOS;
        assertEquals(era1, NtpTimestamps.toUtcNanos(0L, pivotIn2036));
        assertEquals(era1 + 1, NtpTimestamps.toUtcNanos(NtpTimestamps.fromUtcNanos(era1 + 1), pivotIn2036));
        long pivotIn1950 = Instant.parse("1950-01-01T00:00:00Z").getEpochSecond() * NANOS;
        assertEquals(Instant.parse("1900-01-01T00:00:00Z").getEpochSecond() * NANOS,
                NtpTimestamps.toUtcNanos(0L, pivotIn1950));
        long lastOfEra0 = 0xFFFF_FFFF_FFFF_FFFFL;
        assertEquals(era1, NtpTimestamps.toUtcNanos(lastOfEra0, pivotIn2036), "2^-32 s before era 1 rounds to it");
    }

    @Property
    void utcNanosRoundTripExactlyInTheEraNearestThePivot(
            @ForAll @LongRange(min = NtpTimestamps.MIN_PIVOT_UTC_NANOS, max = NtpTimestamps.MAX_PIVOT_UTC_NANOS)
            long utcNanos,
            // ±(2^31 − 2) s, as literals: the Scala compiler of this module's mixed tests parses this file too
            @ForAll @LongRange(min = -2147483646L, max = 2147483646L) long pivotSecondsAway) {
        long pivot = Math.max(NtpTimestamps.MIN_PIVOT_UTC_NANOS,
                Math.min(NtpTimestamps.MAX_PIVOT_UTC_NANOS, utcNanos + pivotSecondsAway * NANOS));
        assertEquals(utcNanos, NtpTimestamps.toUtcNanos(NtpTimestamps.fromUtcNanos(utcNanos), pivot));
    }

    @Property
    void timestampsRoundTripWithinTwoUnitsOfTheirFraction(@ForAll long timestamp,
            @ForAll @LongRange(min = 0, max = 4_000_000_000L) long pivotSeconds) {
        long back = NtpTimestamps.fromUtcNanos(NtpTimestamps.toUtcNanos(timestamp, pivotSeconds * NANOS));
        // 1 ns is 4.29 units of 2^-32 s: rounding to ns and back moves a timestamp by at most 2 units.
        assertTrue(Math.abs(back - timestamp) <= 2, () -> Long.toHexString(timestamp) + " -> " + Long.toHexString(back));
    }

    @Property
    void aFractionIsTheNearestNanosecond(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long fraction) {
        BigDecimal exact = BigDecimal.valueOf(fraction).multiply(BigDecimal.valueOf(NANOS))
                .divide(TWO_32, 0, RoundingMode.HALF_UP);
        assertEquals(exact.longValueExact(), NtpTimestamps.fractionToNanos(fraction));
    }

    @Property
    void theFractionWrittenIsTheNearestToTheNanoseconds(@ForAll long utcNanos) {
        long fraction = NtpTimestamps.fromUtcNanos(utcNanos) & 0xFFFF_FFFFL;
        BigDecimal exact = BigDecimal.valueOf(Math.floorMod(utcNanos, NANOS)).multiply(TWO_32)
                .divide(BigDecimal.valueOf(NANOS), 0, RoundingMode.HALF_UP);
        assertEquals(exact.longValueExact(), fraction);
        long seconds = Math.floorDiv(utcNanos, NANOS) + NtpTimestamps.UNIX_EPOCH_NTP_SECONDS;
        assertEquals(BigInteger.valueOf(seconds).mod(BigInteger.ONE.shiftLeft(32)).longValueExact(),
                NtpTimestamps.fromUtcNanos(utcNanos) >>> 32);
    }

    @Property
    void shortsAreTheNearestNanosecondAndRoundTripWithinOneUnit(@ForAll int shortFormat) {
        long units = Integer.toUnsignedLong(shortFormat);
        long nanos = NtpTimestamps.shortToNanos(shortFormat);
        assertEquals(BigDecimal.valueOf(units).multiply(BigDecimal.valueOf(NANOS))
                .divide(BigDecimal.valueOf(65_536), 0, RoundingMode.HALF_UP).longValueExact(), nanos);
        assertTrue(Math.abs(Integer.toUnsignedLong(NtpTimestamps.nanosToShort(nanos)) - units) <= 1);
    }

    @Property
    void nanosToShortSaturates(@ForAll @IntRange(min = 0, max = 1000) int seconds) {
        assertEquals(0, NtpTimestamps.nanosToShort(-seconds * NANOS));
        assertEquals(-1, NtpTimestamps.nanosToShort((65_536L + seconds) * NANOS));
    }

    @Example
    void aPivotOutsideTheRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NtpTimestamps.toUtcNanos(0, Long.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("pivotUtcNanos must be within"), e.getMessage());
    }
}
