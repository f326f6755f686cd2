package io.obstime.bench.soak;

import org.HdrHistogram.Histogram;

/**
 * The soak's accounting of a periodic task's TAI slots {@code s(k) = startTaiNanos + k·period}, {@code k} in
 * {@code [0, slots)}, kept three independent ways so that a lost or doubled slot cannot hide:
 * <ol>
 *   <li>a bit per slot, set by the run that served it (a bit already set is a doubled slot);</li>
 *   <li>live counters: runs, and skipped slots counted from the gap between a run's slot index and the previous
 *       run's (an index that does not increase is a doubled or out-of-order run, counted and otherwise ignored);</li>
 *   <li>the scheduler's own {@code runCount()} / {@code skippedTicks()}, compared by the caller.</li>
 * </ol>
 * A run's slot is the one the scheduler says it runs for: the deadline it published for the next run, minus one
 * period. That deadline must lie on the TAI grid ({@code startTaiNanos} is a whole second of TAI, so the grid is
 * every whole period of TAI): any other value is drift, counted.
 *
 * <p>Lateness of each run is against the oldest slot not yet served (the jitter benchmark's definition), in an
 * HdrHistogram per minute corrected for coordinated omission. Single writer (the timer thread; {@link #onRun} is
 * {@code synchronized}, uncontended, so the main thread may read at any time); nothing is allocated per run.
 */
final class SlotLedger {

    /** Lateness above this is clamped (and still counted): 10 s in nanoseconds. */
    static final long HIGHEST_TRACKABLE_NANOS = 10_000_000_000L;
    private static final long SLOTS_PER_MINUTE_NANOS = 60_000_000_000L;

    private final long startTaiNanos;
    private final long periodNanos;
    private final long slots;
    private final long slotsPerMinute;
    private final long[] servedBits;
    private final Histogram[] latenessPerMinute;
    private final long[] runsPerMinute;
    private final long[] skippedPerMinute;

    private long runs;
    private long skippedByGaps;
    private long doubled;
    private long notIncreasing;
    private long offGrid;
    private long maxAbsOffGridNanos;
    private long runsAfterWindow;
    private long skippedAfterWindow;
    private long lastSlot = -1;
    private long maxLatenessNanos;

    /**
     * @param startTaiNanos slot 0, TAI nanoseconds since 1970-01-01T00:00:00 TAI; must be a multiple of the period
     * @param periodNanos the period
     * @param slots slots in the window
     */
    SlotLedger(long startTaiNanos, long periodNanos, long slots) {
        if (periodNanos < 1 || SLOTS_PER_MINUTE_NANOS % periodNanos != 0) {
            throw new IllegalArgumentException("periodNanos must divide one minute, was " + periodNanos);
        }
        if (Math.floorMod(startTaiNanos, periodNanos) != 0) {
            throw new IllegalArgumentException("startTaiNanos must lie on the period's grid, was " + startTaiNanos);
        }
        if (slots < 1 || slots > Integer.MAX_VALUE * 64L) {
            throw new IllegalArgumentException("slots must be in [1, 2^37), was " + slots);
        }
        this.startTaiNanos = startTaiNanos;
        this.periodNanos = periodNanos;
        this.slots = slots;
        this.slotsPerMinute = SLOTS_PER_MINUTE_NANOS / periodNanos;
        this.servedBits = new long[(int) ((slots + 63) / 64)];
        int minutes = (int) ((slots + slotsPerMinute - 1) / slotsPerMinute);
        this.latenessPerMinute = new Histogram[minutes];
        for (int i = 0; i < minutes; i++) {
            latenessPerMinute[i] = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        }
        this.runsPerMinute = new long[minutes];
        this.skippedPerMinute = new long[minutes];
    }

    /**
     * One run of the task: call first thing in its body.
     *
     * @param nowTaiNanos TAI read at the start of the run
     * @param nextDeadlineTaiNanos the deadline the scheduler published for the next run (read in the run)
     * @return true when the run was for a slot at or past the window's last one (the caller stops the task then)
     */
    synchronized boolean onRun(long nowTaiNanos, long nextDeadlineTaiNanos) {
        long slotTaiNanos = nextDeadlineTaiNanos - periodNanos;
        long sinceStart = slotTaiNanos - startTaiNanos;
        long off = Math.floorMod(sinceStart, periodNanos);
        if (off != 0) {
            offGrid++;
            maxAbsOffGridNanos = Math.max(maxAbsOffGridNanos, Math.min(off, periodNanos - off));
        }
        long k = Math.floorDiv(sinceStart, periodNanos);
        if (k >= 0 && k < slots && (servedBits[(int) (k >>> 6)] & (1L << (k & 63))) != 0) {
            doubled++; // this slot's bit is already set: a second run for it
        }
        if (k <= lastSlot) {
            notIncreasing++;
            return false;
        }
        long gap = k - lastSlot - 1;
        if (k >= slots) {
            runsAfterWindow++;
            long skippedInWindow = Math.max(0, slots - 1 - lastSlot);
            skippedByGaps += skippedInWindow;
            skippedAfterWindow += gap - skippedInWindow;
            addSkippedPerMinute(lastSlot + 1, slots);
            lastSlot = k;
            return true;
        }
        servedBits[(int) (k >>> 6)] |= 1L << (k & 63);
        runs++;
        skippedByGaps += gap;
        addSkippedPerMinute(lastSlot + 1, k);
        int minute = (int) (k / slotsPerMinute);
        runsPerMinute[minute]++;
        long oldestUnservedTaiNanos = startTaiNanos + (lastSlot + 1) * periodNanos;
        long latenessNanos = Math.max(0, nowTaiNanos - oldestUnservedTaiNanos);
        latenessPerMinute[minute].recordValueWithExpectedInterval(Math.min(latenessNanos, HIGHEST_TRACKABLE_NANOS),
                periodNanos);
        maxLatenessNanos = Math.max(maxLatenessNanos, latenessNanos);
        lastSlot = k;
        return k == slots - 1;
    }

    /** Counts the slots {@code [from, to)} as skipped in their minutes. */
    private void addSkippedPerMinute(long from, long to) {
        for (long k = from; k < to; ) {
            int minute = (int) (k / slotsPerMinute);
            long end = Math.min(to, (minute + 1L) * slotsPerMinute);
            skippedPerMinute[minute] += end - k;
            k = end;
        }
    }

    /** @return the slot index of the latest run, -1 before the first */
    synchronized long lastSlot() {
        return lastSlot;
    }

    /** @return an immutable copy of everything counted so far */
    synchronized Totals totals() {
        long served = 0;
        for (long w : servedBits) {
            served += Long.bitCount(w);
        }
        Histogram[] minutes = new Histogram[latenessPerMinute.length];
        for (int i = 0; i < minutes.length; i++) {
            minutes[i] = latenessPerMinute[i].copy();
        }
        return new Totals(slots, runs, served, skippedByGaps, doubled, notIncreasing, offGrid, maxAbsOffGridNanos, runsAfterWindow,
                skippedAfterWindow, maxLatenessNanos, minutes, runsPerMinute.clone(), skippedPerMinute.clone());
    }

    /**
     * The ledger's counts.
     *
     * @param slotsElapsed slots in the window (from the TAI grid: the window's length / period)
     * @param runs runs for a slot in the window (live counter)
     * @param slotsWithRun slots whose bit is set (a run served them)
     * @param skippedByGaps slots in the window passed over between two runs (live counter)
     * @param doubled runs for a slot whose bit was already set
     * @param notIncreasing runs whose slot index was not above the previous run's (doubled or out of order)
     * @param offGrid runs whose slot was not on the TAI grid
     * @param maxAbsOffGridNanos the largest distance of such a slot from the grid
     * @param runsAfterWindow runs for a slot past the window (the one that stopped the task, at most)
     * @param skippedAfterWindow slots past the window skipped before that run
     * @param maxLatenessNanos the largest lateness
     * @param latenessPerMinute lateness histograms (ns), one per minute of the window
     * @param runsPerMinute runs per minute
     * @param skippedPerMinute skipped slots per minute
     */
    record Totals(long slotsElapsed, long runs, long slotsWithRun, long skippedByGaps, long doubled, long notIncreasing, long offGrid,
            long maxAbsOffGridNanos, long runsAfterWindow, long skippedAfterWindow, long maxLatenessNanos,
            Histogram[] latenessPerMinute, long[] runsPerMinute, long[] skippedPerMinute) {

        /** @return slots of the window neither run nor skipped (negative: counted twice); must be 0 */
        long lost() {
            return slotsElapsed - runs - skippedByGaps;
        }

        /** @return slots without a run, from the bits; must equal {@link #skippedByGaps()} */
        long skippedByBits() {
            return slotsElapsed - slotsWithRun;
        }
    }
}
