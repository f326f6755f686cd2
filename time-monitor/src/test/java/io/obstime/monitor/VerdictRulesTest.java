package io.obstime.monitor;

import io.obstime.clock.ClockBackend;
import io.obstime.clock.ClockStatus;
import io.obstime.clock.LeapState;
import io.obstime.clock.TaiSource;
import io.obstime.clock.TaiTime;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictRulesTest {

    static final long MS = 1_000_000;
    static final long THRESHOLD = 5 * MS;
    static final TaiTime AT = TaiTime.parse("2026-11-21T12:00:37 TAI");
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2027-06-28T00:00:00Z");
    static final KernelReference KERNEL = KernelReference.of();

    static ClockStatus kernel(boolean synced, long maxErrorMicros, int taiOffset) {
        return new ClockStatus(synced, maxErrorMicros, maxErrorMicros / 2, LeapState.NONE, taiOffset, 37,
                TaiSource.KERNEL, ClockBackend.JNA);
    }

    static VerdictRules.Assessment assess(ClockStatus kernel, ReferenceReading... configured) {
        return assess(kernel, NOW, configured);
    }

    static VerdictRules.Assessment assess(ClockStatus kernel, Instant now, ReferenceReading... configured) {
        List<ReferenceReading> readings = new ArrayList<>();
        readings.add(KERNEL.reading(kernel, AT));
        readings.addAll(List.of(configured));
        return VerdictRules.assess(readings, kernel, 37, EXPIRES, now, THRESHOLD);
    }

    static ReferenceReading ntp(String name, long offsetNanos, long uncertaintyNanos) {
        return ReferenceReading.measured(name, AT, offsetNanos, uncertaintyNanos, 300_000, 2, -1, LeapState.NONE, "");
    }

    static ReferenceReading silent(String name) {
        return ReferenceReading.noAnswer(name, AT, "no reply within 2 s");
    }

    @Test
    void anUnsynchronisedKernelAloneIsUnknownNeverAlert() {
        VerdictRules.Assessment a = assess(kernel(false, 16_000_000, 37));
        assertEquals(Verdict.UNKNOWN, a.verdict());
        assertNull(a.best());
        assertTrue(a.reasons().get(0).contains("kernel is unsynchronised"), a.reasons().toString());
    }

    @Test
    void chronysUnsynchronisedKernelFlagDoesNotCountAgainstAnAnsweringReference() {
        VerdictRules.Assessment a = assess(kernel(false, 16_000_000, 37), ntp("chrony", 120_000, 400_000));
        assertEquals(Verdict.OK, a.verdict(), a.reasons().toString());
        assertEquals("chrony", a.best().reference());
    }

    @Test
    void aSynchronisedKernelWithinTheThresholdVouchesAlone() {
        VerdictRules.Assessment a = assess(kernel(true, 1_500, 37));
        assertEquals(Verdict.OK, a.verdict(), a.reasons().toString());
        assertTrue(a.reasons().get(0).contains("kernel vouches for ± 0.001500000 s"), a.reasons().toString());
    }

    @Test
    void aSynchronisedKernelWhoseBoundIsBeyondTheThresholdIsDegraded() {
        VerdictRules.Assessment a = assess(kernel(true, 16_000, 37));
        assertEquals(Verdict.DEGRADED, a.verdict());
        assertTrue(a.reasons().get(0).contains("uncertainty ± 0.016000000 s"), a.reasons().toString());
    }

    @Test
    void anOffsetBeyondTheThresholdIsAnAlertEitherSign() {
        for (long offset : new long[] {50 * MS, -5 * MS - 1}) {
            VerdictRules.Assessment a = assess(kernel(false, 16_000_000, 37), ntp("ntp:a", offset, 300_000));
            assertEquals(Verdict.ALERT, a.verdict(), "offset " + offset);
            assertTrue(a.reasons().get(0).contains("beyond the threshold ± 0.005000000 s"), a.reasons().toString());
        }
        assertEquals(Verdict.OK, assess(kernel(false, 16_000_000, 37), ntp("ntp:a", 5 * MS, 300_000)).verdict(),
                "exactly at the threshold is within it");
    }

    @Test
    void trustedReferencesThatDisagreeBeyondTheThresholdAlertEvenIfTheBestIsWithin() {
        VerdictRules.Assessment a = assess(kernel(false, 16_000_000, 37),
                ntp("ntp:a", 3 * MS, 100_000), ntp("ntp:b", -3 * MS, 200_000));
        assertEquals(Verdict.ALERT, a.verdict());
        assertEquals("ntp:a", a.best().reference(), "the smaller uncertainty");
        assertTrue(a.reasons().get(0).contains("ntp:a (+0.003000000 s) and ntp:b (-0.003000000 s) disagree"),
                a.reasons().toString());
    }

    @Test
    void anUntrustedReferenceThatDisagreesOnlyDegrades() {
        VerdictRules.Assessment a = assess(kernel(false, 16_000_000, 37),
                ntp("ntp:a", 1 * MS, 100_000), ntp("ntp:far", 4 * MS, 20 * MS));
        assertEquals(Verdict.OK, a.verdict(), "the far server's ± 20 ms is not trusted, the best is ntp:a");
    }

    @Test
    void aSilentConfiguredReferenceDegradesAndIsNamed() {
        VerdictRules.Assessment a = assess(kernel(true, 1_000, 37), ntp("ntp:a", 0, 100_000), silent("ntp:b"));
        assertEquals(Verdict.DEGRADED, a.verdict());
        assertEquals(List.of("ntp:b does not answer: no reply within 2 s"), a.reasons());
    }

    @Test
    void anUnsetOrWrongKernelTaiOffsetDegrades() {
        VerdictRules.Assessment unset = assess(kernel(true, 1_000, 0));
        assertEquals(Verdict.DEGRADED, unset.verdict());
        assertTrue(unset.reasons().get(0).startsWith("the kernel's TAI offset is unset (0; the leap table says 37 s)"));
        VerdictRules.Assessment wrong = assess(kernel(true, 1_000, 36));
        assertEquals(List.of("the kernel's TAI offset is 36 s, the leap table says 37 s"), wrong.reasons());
        assertEquals(Verdict.OK, assess(kernel(true, 1_000, -1)).verdict(),
                "unknown (no native access) is not wrong");
    }

    @Test
    void aLeapTableExpiringWithinThirtyDaysOrExpiredDegrades() {
        VerdictRules.Assessment soon = assess(kernel(true, 1_000, 37), Instant.parse("2027-06-10T00:00:00Z"));
        assertEquals(Verdict.DEGRADED, soon.verdict());
        assertEquals(List.of("the leap-second table expires on 2027-06-28, in 18 days: update tzdata"), soon.reasons());
        VerdictRules.Assessment expired = assess(kernel(true, 1_000, 37), Instant.parse("2027-07-01T00:00:00Z"));
        assertEquals(List.of("the leap-second table expired on 2027-06-28: update tzdata"), expired.reasons());
        assertEquals(Verdict.OK, assess(kernel(true, 1_000, 37), Instant.parse("2027-05-28T23:59:59Z")).verdict(),
                "30 days and a second ahead");
    }

    @Test
    void anAlertListsTheDegradationsToo() {
        VerdictRules.Assessment a = assess(kernel(true, 1_000, 0), ntp("ntp:a", 9 * MS, 100_000), silent("ntp:b"));
        assertEquals(Verdict.ALERT, a.verdict());
        assertEquals(4, a.reasons().size(), a.reasons().toString()); // offset; kernel vs ntp:a; ntp:b; TAI offset
    }
}
