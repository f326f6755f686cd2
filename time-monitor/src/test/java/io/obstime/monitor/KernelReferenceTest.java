package io.obstime.monitor;

import io.obstime.clock.ClockBackend;
import io.obstime.clock.ClockStatus;
import io.obstime.clock.TimeSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelReferenceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void aSynchronisedKernelVouchesForItsMaximumError() {
        StatusClock clock = new StatusClock("2026-11-21T12:00:00Z").synchronised(2_500);
        ReferenceReading r = KernelReference.of().measure(clock, TIMEOUT);
        assertTrue(r.answered());
        assertFalse(r.offsetMeasured());
        assertEquals(2_500_000, r.uncertaintyNanos());
        assertEquals("estimated error 0.001250000 s", r.detail());
        assertEquals(clock.taiNanos(), r.measuredAt().epochNanos());
        assertEquals("kernel within ± 0.002500000 s (estimated error 0.001250000 s)", r.toString());
    }

    @Test
    void anUnsynchronisedKernelGivesNoAnswerNamingChronysRtcsync() {
        ReferenceReading r = KernelReference.of().measure(new StatusClock("2026-11-21T12:00:00Z").unsynchronised(),
                TIMEOUT);
        assertFalse(r.answered());
        assertTrue(r.detail().contains("unless rtcsync is configured"), r.detail());
    }

    @Test
    void noNativeAccessOrAnUnknownBoundGiveNoAnswer() {
        StatusClock clock = new StatusClock("2026-11-21T12:00:00Z");
        clock.with(false, -1, -1, ClockBackend.FALLBACK);
        assertTrue(KernelReference.of().measure(clock, TIMEOUT).detail().startsWith("the kernel cannot be asked"));
        clock.with(true, -1, 37, ClockBackend.JNA);
        assertEquals("synchronised, but its maximum error is unknown",
                KernelReference.of().measure(clock, TIMEOUT).detail());
    }

    /** The real kernel of this machine, through the system time source: the reading follows its status. */
    @Test
    void onThisMachinesKernelTheReadingFollowsAdjtimex() {
        TimeSource system = TimeSource.system();
        ReferenceReading r = KernelReference.of().measure(system, TIMEOUT);
        ClockStatus s = system.status();
        if (s.synchronised() && s.backend() != ClockBackend.FALLBACK) {
            assertTrue(r.answered(), r.toString());
            assertTrue(r.uncertaintyNanos() >= 0 && r.uncertaintyNanos() <= 16_000_000_000L, r.toString());
        } else {
            assertFalse(r.answered(), r.toString());
        }
        assertEquals("kernel", r.reference());
    }
}
