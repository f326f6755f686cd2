package io.obstime.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.LeapState;
import org.junit.jupiter.api.Test;

class KernelReadingTest {

    private static KernelReading reading(int state, int status) {
        return KernelReading.parse("HELPER after=status state=" + state + " state_name=X status=0x"
                + Integer.toHexString(status) + " tai=37 maxerror_us=1000 esterror_us=1000 realtime_ns=5 "
                + "clock_tai_ns=37000000005 monotonic_ns=3");
    }

    @Test
    void parsesTheHelpersLine() {
        KernelReading k = reading(1, 0x2011);
        assertEquals(1, k.state());
        assertEquals(0x2011, k.status());
        assertEquals(37, k.tai());
        assertEquals(37_000_000_005L, k.clockTaiNanos());
        assertEquals("ins", k.armed());
        assertTrue(k.synchronised());
    }

    @Test
    void leapStateFollowsObstimesDocumentedMapping() {
        assertEquals(LeapState.INSERT_PENDING, reading(1, 0x11).expectedLeapState());
        assertEquals(LeapState.DELETE_PENDING, reading(2, 0x21).expectedLeapState());
        assertEquals(LeapState.IN_PROGRESS, reading(3, 0x11).expectedLeapState());
        assertEquals(LeapState.OCCURRED, reading(4, 0x11).expectedLeapState());
        assertEquals(LeapState.NONE, reading(0, 0x1).expectedLeapState());
        // Unsynchronised: TIME_ERROR, the armed bit still tells.
        assertEquals(LeapState.INSERT_PENDING, reading(5, 0x50).expectedLeapState());
        assertEquals(LeapState.DELETE_PENDING, reading(5, 0x60).expectedLeapState());
        assertEquals(LeapState.NONE, reading(5, 0x40).expectedLeapState());
        assertFalse(reading(5, 0x40).synchronised());
    }

    @Test
    void incompleteLineIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> KernelReading.parse("HELPER after=status state=1"));
    }
}
