package io.obstime.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SlotLedgerTest {

    private static final long PERIOD = 1_000_000;
    private static final long START = 1_800_000_000L * 1_000_000_000L; // a whole TAI second

    /** A run for slot {@code k}, {@code latenessNanos} after it, as the scheduler would publish it. */
    private static boolean run(SlotLedger ledger, long k, long latenessNanos) {
        return ledger.onRun(START + k * PERIOD + latenessNanos, START + (k + 1) * PERIOD);
    }

    @Property(tries = 200) // each try allocates a 3-minute ledger (a histogram per minute)
    void everySlotIsRunOrSkippedOnceWhateverTheRunsSkip(
            @ForAll @Size(max = 300) java.util.List<@IntRange(min = 0, max = 129_999) Integer> ranSlots,
            @ForAll @LongRange(min = 0, max = 999_999) long latenessNanos) {
        long slots = 130_000; // over two minutes, so the per-minute split is exercised
        SlotLedger ledger = new SlotLedger(START, PERIOD, slots);
        TreeSet<Integer> ran = new TreeSet<>(ranSlots);
        ran.add((int) slots - 1); // the run that ends the window
        for (int k : ran) {
            run(ledger, k, latenessNanos);
        }
        SlotLedger.Totals t = ledger.totals();
        assertEquals(slots, t.slotsElapsed());
        assertEquals(ran.size(), t.runs());
        assertEquals(ran.size(), t.slotsWithRun());
        assertEquals(slots - ran.size(), t.skippedByGaps());
        assertEquals(t.skippedByGaps(), t.skippedByBits());
        assertEquals(0, t.lost());
        assertEquals(0, t.doubled());
        assertEquals(0, t.offGrid());
        assertEquals(t.runs(), Arrays.stream(t.runsPerMinute()).sum());
        assertEquals(t.skippedByGaps(), Arrays.stream(t.skippedPerMinute()).sum());
        assertEquals(ran.headSet(60_000).size(), t.runsPerMinute()[0]);
    }

    @Test
    void aSecondRunForTheSameSlotCountsAsDoubledAndNotAsARun() {
        SlotLedger ledger = new SlotLedger(START, PERIOD, 10);
        run(ledger, 0, 5);
        run(ledger, 1, 5);
        run(ledger, 1, 7);
        SlotLedger.Totals t = ledger.totals();
        assertEquals(1, t.doubled());
        assertEquals(1, t.notIncreasing());
        assertEquals(2, t.runs());
    }

    @Test
    void aDeadlineOffTheTaiGridIsDrift() {
        SlotLedger ledger = new SlotLedger(START, PERIOD, 10);
        ledger.onRun(START + 10, START + PERIOD + 3);
        SlotLedger.Totals t = ledger.totals();
        assertEquals(1, t.offGrid());
        assertEquals(3, t.maxAbsOffGridNanos());
    }

    @Test
    void aRunPastTheWindowEndsItAndItsSkippedSlotsAreSplitAtTheEnd() {
        SlotLedger ledger = new SlotLedger(START, PERIOD, 10);
        assertFalse(run(ledger, 0, 0));
        assertTrue(run(ledger, 12, 0)); // slots 1..9 skipped in the window, 10..11 after it
        SlotLedger.Totals t = ledger.totals();
        assertEquals(1, t.runs());
        assertEquals(9, t.skippedByGaps());
        assertEquals(2, t.skippedAfterWindow());
        assertEquals(1, t.runsAfterWindow());
        assertEquals(0, t.lost());
    }

    @Test
    void latenessIsAgainstTheOldestUnservedSlot() {
        SlotLedger ledger = new SlotLedger(START, PERIOD, 10);
        run(ledger, 0, 2_000);
        run(ledger, 3, 1_000); // slots 1 and 2 skipped: late by 2 periods + 1 µs against slot 1
        assertEquals(2 * PERIOD + 1_000, ledger.totals().maxLatenessNanos());
    }

    @Test
    void startOffTheGridOrAPeriodThatDoesNotDivideAMinuteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SlotLedger(START + 1, PERIOD, 10));
        assertThrows(IllegalArgumentException.class, () -> new SlotLedger(START, 7_000_000, 10));
        assertThrows(IllegalArgumentException.class, () -> new SlotLedger(START, PERIOD, 0));
    }
}
