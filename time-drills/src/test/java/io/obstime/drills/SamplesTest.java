package io.obstime.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The continuity check on synthetic series: 5 s at 100 µs, TAI = MONOTONIC + 1.8e18 plus what each case adds. */
class SamplesTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final long BASE = 1_800_000_000L * S;

    interface Shape {
        long taiMinusMono(long mono);
    }

    private static Samples series(Shape shape) {
        Samples s = new Samples(60_000);
        for (long mono = 0; mono < 5 * S; mono += 100_000) {
            long tai = BASE + mono + shape.taiMinusMono(mono);
            s.add(mono, tai, tai - 37 * S);
        }
        return s;
    }

    @Test
    void continuousSeriesPasses() {
        Samples.Continuity c = series(mono -> (mono / 10_000_000) % 3 * 1_000).continuity(0, 2 * MS);
        assertTrue(c.pass(), c.figures());
        assertEquals(0, c.backwardSteps());
        assertTrue(c.maxAbsDeltaNanos() <= 3_000);
    }

    @Test
    void tableLeapFailureIsCaught() {
        // The known failure: TAI jumps +1 s at midnight and back 4 ms later, when the kernel's tick repeats 23:59:59.
        Samples.Continuity c = series(mono -> mono >= 2 * S && mono < 2 * S + 4 * MS ? S : 0).continuity(0, 2 * MS);
        assertFalse(c.pass());
        assertEquals(S, c.maxAbsDeltaNanos());
        assertEquals(1, c.backwardSteps());
        assertTrue(c.maxBackwardNanos() > 990 * MS, c.figures());
    }

    @Test
    void smallJumpBeyondTheReadWindowIsCaught() {
        assertFalse(series(mono -> mono >= 3 * S ? 3 * MS : 0).continuity(0, 2 * MS).pass());
    }

    @Test
    void expectedForwardStepPassesOnlyWhenSeen() {
        Samples stepped = series(mono -> mono >= 2 * S ? S : 0);
        assertTrue(stepped.continuity(S, 2 * MS).pass(), stepped.continuity(S, 2 * MS).figures());
        assertFalse(series(mono -> 0).continuity(S, 2 * MS).pass(), "a step that never happened fails");
        assertFalse(stepped.continuity(3600 * S, 2 * MS).pass(), "a step of the wrong size fails");
    }

    @Test
    void expectedBackwardStepMayGoBackOnceOnly() {
        Samples back = series(mono -> mono >= 2 * S ? -S : 0);
        Samples.Continuity c = back.continuity(-S, 2 * MS);
        assertTrue(c.pass(), c.figures());
        assertEquals(0, c.backwardSteps(), "the step itself is not counted");
        Samples twice = series(mono -> mono >= 2 * S ? (mono >= 3 * S ? -2 * S : -S) : 0);
        assertFalse(twice.continuity(-S, 2 * MS).pass());
    }

    @Test
    void indexAtMonotonicFindsTheFirstSampleAtOrAfter() {
        Samples s = series(mono -> 0);
        assertEquals(0, s.indexAtMonotonic(-5));
        assertEquals(10, s.indexAtMonotonic(1_000_000));
        assertEquals(11, s.indexAtMonotonic(1_000_001));
        assertEquals(s.size, s.indexAtMonotonic(Long.MAX_VALUE));
    }
}
