package io.obstime.monitor.internal.ntp;

import io.obstime.monitor.internal.ntp.NtpOutcome.Rejected;
import io.obstime.monitor.internal.ntp.NtpOutcome.Sample;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.math.BigInteger;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The on-wire arithmetic (offset, delay, uncertainty) against exact sums, and generated replies: whatever arrives,
 * {@link NtpExchange#evaluate} never throws and gives a sample only for a reply that passes every check.
 */
class NtpExchangePropertiesTest {

    /** 2001 .. 2100, where the system clock is. */
    private static final long MIN_T1 = 978_307_200L * 1_000_000_000L;
    private static final long MAX_T1 = 4_102_444_800L * 1_000_000_000L;

    private static byte[] serverReply(long sent, long t2, long t3, int leap, int stratum, long rootDelayNanos,
                                      long rootDispersionNanos) {
        return new NtpPacket(leap, 4, NtpPacket.MODE_SERVER, stratum, 6, -24,
                NtpTimestamps.nanosToShort(rootDelayNanos), NtpTimestamps.nanosToShort(rootDispersionNanos),
                0xC0A8_0001, NtpTimestamps.fromUtcNanos(t2 - 1_000_000_000L), sent,
                NtpTimestamps.fromUtcNanos(t2), NtpTimestamps.fromUtcNanos(t3)).encode();
    }

    @Example
    void theTrueOffsetLiesWithinTheUncertaintyAtTheEdges() {
        for (long t1 : new long[] {MIN_T1, MAX_T1}) {
            for (long ahead : new long[] {-1_000_000_000_000_000L, 0, 1_000_000_000_000_000L}) {
                for (long out : new long[] {0, 1, 2_000_000_000L}) {
                    for (long back : new long[] {0, 1, 2_000_000_000L}) {
                        for (long processing : new long[] {0, 1_000_000_000L}) {
                            theTrueOffsetLiesWithinTheUncertaintyWhateverThePathAsymmetry(t1, ahead, out, back,
                                    processing);
                        }
                    }
                }
            }
        }
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void theTrueOffsetLiesWithinTheUncertaintyWhateverThePathAsymmetry(
            @ForAll @LongRange(min = MIN_T1, max = MAX_T1) long t1,
            @ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long serverAheadNanos,
            @ForAll @LongRange(min = 0, max = 2_000_000_000L) long outNanos,
            @ForAll @LongRange(min = 0, max = 2_000_000_000L) long backNanos,
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long processingNanos) {
        long sent = NtpExchange.transmitTimestamp(t1, (int) t1);
        long t2 = t1 + outNanos + serverAheadNanos;
        long t3 = t2 + processingNanos;
        long t4 = t3 - serverAheadNanos + backNanos;
        NtpOutcome outcome = NtpExchange.evaluate(serverReply(sent, t2, t3, 0, 2, 0, 0), 48, sent, t1, t4);
        Sample sample = (Sample) outcome;
        // System minus server is -serverAhead; the asymmetry moves the estimate by (back - out) / 2, within delay / 2.
        BigInteger twiceEstimate = BigInteger.valueOf(-2 * serverAheadNanos + backNanos - outNanos);
        assertEquals(twiceEstimate.shiftRight(1).longValueExact(), sample.offsetNanos(), "floor of the exact half");
        assertEquals(outNanos + backNanos, sample.delayNanos());
        assertTrue(Math.abs(sample.offsetNanos() + serverAheadNanos) <= sample.uncertaintyNanos(),
                () -> sample + " misses the true offset " + (-serverAheadNanos));
        if (outNanos == backNanos) {
            assertEquals(-serverAheadNanos, sample.offsetNanos(), "symmetric paths: exact");
        }
    }

    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void uncertaintyAddsHalfTheDelayHalfTheRootDelayAndTheRootDispersion(
            @ForAll @LongRange(min = MIN_T1, max = MAX_T1) long t1,
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long delayNanos,
            @ForAll @IntRange(min = 0) int rootDelayUnits, @ForAll @IntRange(min = 0) int rootDispersionUnits) {
        long sent = NtpExchange.transmitTimestamp(t1, 0);
        byte[] reply = serverReply(sent, t1, t1, 0, 3, 0, 0);
        ByteBuffer.wrap(reply).putInt(4, rootDelayUnits).putInt(8, rootDispersionUnits);
        Sample sample = (Sample) NtpExchange.evaluate(reply, 48, sent, t1, t1 + delayNanos);
        long rootDelay = NtpTimestamps.shortToNanos(rootDelayUnits);
        long rootDispersion = NtpTimestamps.shortToNanos(rootDispersionUnits);
        assertEquals(rootDelay, sample.rootDelayNanos());
        assertEquals(rootDispersion, sample.rootDispersionNanos());
        assertEquals(-Math.floorDiv(-delayNanos, 2) - Math.floorDiv(-rootDelay, 2) + rootDispersion,
                sample.uncertaintyNanos());
    }

    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void theTransmitTimestampKeepsTheSecondsAndHidesTheLow24Bits(
            @ForAll @LongRange(min = MIN_T1, max = MAX_T1) long t1, @ForAll int random) {
        long sent = NtpExchange.transmitTimestamp(t1, random);
        assertEquals(NtpTimestamps.fromUtcNanos(t1) >>> 24, sent >>> 24);
        assertEquals(random & 0xFF_FFFF, sent & 0xFF_FFFF);
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void arbitraryBytesNeverThrowAndAreTrustedOnlyWhenValid(
            @ForAll @Size(max = 100) byte[] data, @ForAll boolean echoOrigin,
            @ForAll @LongRange(min = MIN_T1, max = MAX_T1) long t1,
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long roundTrip, @ForAll int random) {
        long sent = NtpExchange.transmitTimestamp(t1, random);
        if (echoOrigin && data.length >= 48) {
            ByteBuffer.wrap(data).putLong(24, sent);
        }
        judgeAgainstTheRules(data, sent, t1, t1 + roundTrip);
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void mutatedValidRepliesNeverThrowAndAreTrustedOnlyWhenValid(
            @ForAll @LongRange(min = MIN_T1, max = MAX_T1) long t1,
            @ForAll @LongRange(min = -1_000_000_000L, max = 1_000_000_000L) long serverAheadNanos,
            @ForAll @LongRange(min = 0, max = 100_000_000L) long oneWayNanos,
            @ForAll @IntRange(min = 0, max = 47) int position, @ForAll("masks") int mask,
            @ForAll @IntRange(min = 0, max = 48) int truncateTo, @ForAll boolean truncate, @ForAll int random) {
        long sent = NtpExchange.transmitTimestamp(t1, random);
        long t2 = t1 + oneWayNanos + serverAheadNanos;
        byte[] reply = serverReply(sent, t2, t2 + 1000, 0, 2, 1_000_000, 1_000_000);
        reply[position] ^= (byte) mask;
        judgeAgainstTheRules(reply, sent, t1, t1 + 2 * oneWayNanos + 1000);
        if (truncate) {
            judgeAgainstTheRules(java.util.Arrays.copyOf(reply, truncateTo), sent, t1, t1 + 2 * oneWayNanos + 1000);
        }
    }

    @Provide
    Arbitrary<Integer> masks() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 255),
                Arbitraries.of(1, 2, 4, 8, 16, 32, 64, 128));
    }

    /** The rules of RFC 5905 a trusted reply must pass, written out separately from the code under test. */
    private static void judgeAgainstTheRules(byte[] data, long sent, long t1, long t4) {
        NtpOutcome outcome = NtpExchange.evaluate(data, data.length, sent, t1, t4);
        if (!(outcome instanceof Sample sample)) {
            assertTrue(!((Rejected) outcome).reason().isBlank());
            return;
        }
        assertTrue(data.length >= 48, "a short packet was trusted");
        ByteBuffer in = ByteBuffer.wrap(data);
        int first = data[0] & 0xFF;
        int leap = first >>> 6;
        int version = (first >>> 3) & 7;
        int mode = first & 7;
        int stratum = data[1] & 0xFF;
        assertEquals(4, mode, "mode");
        assertTrue(version == 3 || version == 4, "version " + version);
        assertEquals(sent, in.getLong(24), "origin");
        assertTrue(stratum >= 1 && stratum <= 15, "stratum " + stratum);
        assertTrue(leap != 3, "leap indicator 3 trusted");
        assertTrue(in.getLong(32) != 0 && in.getLong(40) != 0, "zero timestamps trusted");
        long t2 = NtpTimestamps.toUtcNanos(in.getLong(32), t1);
        long t3 = NtpTimestamps.toUtcNanos(in.getLong(40), t1);
        assertTrue(t3 >= t2, "transmit before receive trusted");
        BigInteger sum = BigInteger.valueOf(t1).subtract(BigInteger.valueOf(t2))
                .add(BigInteger.valueOf(t4)).subtract(BigInteger.valueOf(t3));
        assertEquals(sum.shiftRight(1).longValueExact(), sample.offsetNanos());
        assertEquals(Math.max(0, (t4 - t1) - (t3 - t2)), sample.delayNanos());
        assertTrue(sample.uncertaintyNanos() >= 0);
    }
}
