package io.obstime.monitor;

import io.obstime.clock.TimeSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the check-cost main working (a few calls; the figures are not judged, only that they were taken). */
class CheckCostTest {

    @Test
    void theCheckCostMainMeasuresChecksOnThisMachine() {
        CheckCost.Figures f = CheckCost.measure(TimeSource.system(), 50);
        assertTrue(f.checkMedianMicros() > 0 && f.statusMedianMicros() > 0, f.toString());
        assertTrue(f.checkP99Micros() >= f.checkMedianMicros(), f.toString());
        assertTrue(f.bytesPerCheck() > 0, "a check builds a snapshot: " + f);
    }
}
