package io.obstime.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The scheduler checks on synthetic run logs: slots of 1 ms from TAI 1000 s, MONOTONIC = TAI − 900 s. */
class TicksTest {

    private static final long MS = 1_000_000L;
    private static final long START = 1_000_000_000_000L;
    private static final long MONO_OFFSET = 900_000_000_000L;

    /** Runs slots 0..n-1 except those in skip (counted skipped), each 50 µs late. */
    private static Ticks runs(int n, int... skip) {
        Ticks t = new Ticks(START, MS, n + 10);
        long skipped = 0;
        outer:
        for (int k = 0; k < n; k++) {
            for (int s : skip) {
                if (s == k) {
                    skipped++;
                    continue outer;
                }
            }
            long slot = START + k * MS;
            t.add(slot, slot + 50_000, slot + 50_000 - MONO_OFFSET, skipped);
        }
        return t;
    }

    @Test
    void everySlotOnceOnTimePasses() {
        Ticks t = runs(3000);
        Check once = t.eachSlotOnce(3000, 0, START + 2999 * MS + 400_000, START + 10_000 * MS, 20);
        assertTrue(once.pass(), once.figures());
        assertTrue(t.noneEarly(0).pass());
        assertTrue(t.skipsAroundEvent(Long.MIN_VALUE, Long.MAX_VALUE, 0, 20).pass());
        long[] late = t.lateness(Long.MIN_VALUE, Long.MAX_VALUE);
        assertEquals(50_000, late[0]);
        assertEquals(50_000, late[2]);
    }

    @Test
    void skippedSlotsCountedBySchedulerPass() {
        Ticks t = runs(3000, 1500, 1501, 1502);
        assertTrue(t.eachSlotOnce(2997, 3, START + 2999 * MS, START + 10_000 * MS, 20).pass());
        Check skips = t.skipsAroundEvent(START + 1400 * MS - MONO_OFFSET, START + 1600 * MS - MONO_OFFSET, 0, 20);
        assertTrue(skips.pass(), skips.figures());
        assertTrue(skips.figures().contains("biggest_skip_at_one_run=3"), skips.figures());
        assertTrue(skips.figures().contains("unexplained_skip=0"), skips.figures());
    }

    @Test
    void slotRunTwiceFails() {
        Ticks t = runs(100);
        long slot = START + 99 * MS;
        t.add(slot, slot + 10, slot - MONO_OFFSET + 10, 0);
        assertFalse(t.eachSlotOnce(101, 0, slot, START + 10_000 * MS, 20).pass());
    }

    @Test
    void uncountedMissingSlotFails() {
        Ticks t = new Ticks(START, MS, 10);
        t.add(START, START + 1, START - MONO_OFFSET, 0);
        t.add(START + 2 * MS, START + 2 * MS + 1, START - MONO_OFFSET + 2 * MS, 0); // slot 1 vanished
        assertFalse(t.eachSlotOnce(2, 0, START + 2 * MS, START + 10_000 * MS, 20).pass());
    }

    @Test
    void countersThatDisagreeWithTheRunsFail() {
        Ticks t = runs(100);
        assertFalse(t.eachSlotOnce(100, 5, START + 99 * MS, START + 10_000 * MS, 20).pass());
        assertFalse(t.eachSlotOnce(99, 0, START + 99 * MS, START + 10_000 * MS, 20).pass());
    }

    @Test
    void slotRunAfterTheCloseFails() {
        Ticks t = runs(100);
        assertFalse(t.eachSlotOnce(100, 0, START + 99 * MS, START + 90 * MS, 20).pass());
    }

    @Test
    void schedulerThatStoppedEarlyFails() {
        Ticks t = runs(100);
        assertFalse(t.eachSlotOnce(100, 0, START + 500 * MS, START + 10_000 * MS, 20).pass(),
                "TAI reached slot 500, runs ended at 99");
    }

    @Test
    void earlyRunFails() {
        Ticks t = runs(10);
        t.add(START + 10 * MS, START + 10 * MS - 1, 0, 0);
        Check early = t.noneEarly(0);
        assertFalse(early.pass());
        assertTrue(early.figures().contains("early_runs=1"), early.figures());
    }

    @Test
    void forwardStepSkipsItsLengthAndNoMore() {
        // TAI jumps 1 s forward at slot 100: the next run is for slot 1100, 1000 slots skipped.
        Ticks t = new Ticks(START, MS, 2000);
        for (int k = 0; k < 100; k++) {
            t.add(START + k * MS, START + k * MS + 1000, START + k * MS - MONO_OFFSET, 0);
        }
        for (int k = 1100; k < 1200; k++) {
            t.add(START + k * MS, START + k * MS + 1000, START + (k - 1000) * MS - MONO_OFFSET, 1000);
        }
        assertTrue(t.eachSlotOnce(200, 1000, START + 1199 * MS, START + 10_000 * MS, 20).pass());
        assertTrue(t.skipsAroundEvent(Long.MIN_VALUE, Long.MAX_VALUE, 1000, 20).pass());
        assertFalse(t.skipsAroundEvent(Long.MIN_VALUE, Long.MAX_VALUE, 0, 20).pass());
    }

    @Test
    void stallThatSkipsFiftySlotsIsExplainedByElapsedTime() {
        Ticks t = new Ticks(START, MS, 200);
        for (int k = 0; k < 100; k++) {
            t.add(START + k * MS, START + k * MS + 1000, START + k * MS + 1000 - MONO_OFFSET, 0);
        }
        // The machine stalls 51 ms: the next run is for slot 150, 50 skipped, and MONOTONIC moved 51 ms.
        t.add(START + 150 * MS, START + 150 * MS + 1000, START + 150 * MS + 1000 - MONO_OFFSET, 50);
        Check skips = t.skipsAroundEvent(Long.MIN_VALUE, Long.MAX_VALUE, 0, 20);
        assertTrue(skips.pass(), skips.figures());
        assertTrue(skips.figures().contains("biggest_skip_at_one_run=50"), skips.figures());
    }

    @Test
    void taskStartedLateAfterItsSlotWasDecidedExplainsTheNextSkip() {
        Ticks t = new Ticks(START, MS, 200);
        for (int k = 0; k < 100; k++) {
            t.add(START + k * MS, START + k * MS + 1000, START + k * MS + 1000 - MONO_OFFSET, 0);
        }
        // Slot 100 decided on time but the task ran 40 ms later; the next wake runs slot 140 right after.
        t.add(START + 100 * MS, START + 140 * MS + 500, START + 140 * MS + 500 - MONO_OFFSET, 0);
        t.add(START + 140 * MS, START + 140 * MS + 800, START + 140 * MS + 800 - MONO_OFFSET, 39);
        Check skips = t.skipsAroundEvent(Long.MIN_VALUE, Long.MAX_VALUE, 0, 20);
        assertTrue(skips.pass(), skips.figures());
    }

    @Test
    void taskPreemptedBetweenItsTaiAndMonotonicReadsIsNotAJump() {
        Ticks t = new Ticks(START, MS, 200);
        for (int k = 0; k < 100; k++) {
            t.add(START + k * MS, START + k * MS + 1000, START + k * MS + 1000 - MONO_OFFSET, 0);
        }
        // Run 100 reads TAI on time, then is preempted 40 ms before its MONOTONIC read; the next run is slot 140.
        long m = START + 100 * MS + 1000 - MONO_OFFSET;
        t.add(START + 100 * MS, START + 100 * MS + 1000, m, m + 40 * MS, 0);
        t.add(START + 140 * MS, START + 140 * MS + 800, START + 140 * MS + 800 - MONO_OFFSET, 39);
        Check skips = t.skipsAroundEvent(Long.MIN_VALUE, Long.MAX_VALUE, 0, 20);
        assertTrue(skips.pass(), skips.figures());
    }

    @Test
    void timerTakingTheTaskInLateOwesNoEarlierSlot() {
        Ticks t = new Ticks(START, MS, 200);
        for (int k = 30; k < 100; k++) { // taken in at slot 28, first run at slot 30 with 2 skipped
            t.add(START + k * MS, START + k * MS + 1000, START + k * MS - MONO_OFFSET, 2);
        }
        Check once = t.eachSlotOnce(70, 2, START + 99 * MS, START + 10_000 * MS, 20);
        assertTrue(once.pass(), once.figures());
        assertTrue(once.figures().contains("first_slot=28"), once.figures());
    }

    @Test
    void manySingleSkipsOfASlowMachineAreNotABurst() {
        Ticks t = new Ticks(START, MS, 2000);
        for (int k = 0, skipped = 0; k < 1000; k += 2, skipped++) { // every other slot skipped
            t.add(START + k * MS, START + k * MS + 1000, START + k * MS - MONO_OFFSET, skipped);
        }
        Check skips = t.skipsAroundEvent(Long.MIN_VALUE, Long.MAX_VALUE, 0, 20);
        assertTrue(skips.pass(), skips.figures());
        assertTrue(skips.figures().contains("skipped_in_event_window=499"), skips.figures());
    }
}
