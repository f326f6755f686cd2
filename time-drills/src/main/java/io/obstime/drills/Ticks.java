package io.obstime.drills;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a 1 kHz periodic task saw at each run: the TAI deadline of the slot it ran for, obstime's TAI when it ran,
 * CLOCK_MONOTONIC when it ran, and the task's skipped-tick count at that run. Filled by the timer thread only; read
 * after the scheduler is closed (which joins that thread). The checks are pure functions of the arrays.
 */
final class Ticks {

    final long startTaiNanos;
    final long periodNanos;
    final long[] slotTaiNanos;
    final long[] runTaiNanos;
    final long[] runMonotonicNanos;
    /** CLOCK_MONOTONIC just after the run's TAI read ({@link #runMonotonicNanos} is just before it). */
    final long[] runMonotonicAfterNanos;
    final long[] skippedAtRun;
    int size;
    /** Runs not recorded because the arrays were full. */
    long overflow;

    Ticks(long startTaiNanos, long periodNanos, int capacity) {
        this.startTaiNanos = startTaiNanos;
        this.periodNanos = periodNanos;
        slotTaiNanos = new long[capacity];
        runTaiNanos = new long[capacity];
        runMonotonicNanos = new long[capacity];
        runMonotonicAfterNanos = new long[capacity];
        skippedAtRun = new long[capacity];
    }

    void add(long slotTai, long runTai, long runMonotonic, long skipped) {
        add(slotTai, runTai, runMonotonic, runMonotonic, skipped);
    }

    /**
     * @param runMonotonicBefore CLOCK_MONOTONIC read just before the run's TAI read
     * @param runMonotonicAfter  CLOCK_MONOTONIC read just after it
     */
    void add(long slotTai, long runTai, long runMonotonicBefore, long runMonotonicAfter, long skipped) {
        if (size == slotTaiNanos.length) {
            overflow++;
            return;
        }
        slotTaiNanos[size] = slotTai;
        runTaiNanos[size] = runTai;
        runMonotonicNanos[size] = runMonotonicBefore;
        runMonotonicAfterNanos[size] = runMonotonicAfter;
        skippedAtRun[size] = skipped;
        size++;
    }

    long slotIndex(int run) {
        return Math.floorDiv(slotTaiNanos[run] - startTaiNanos, periodNanos);
    }

    /**
     * Check (c1): every slot from the first to the last handled one was run or counted skipped exactly once.
     *
     * @param finalRunCount     {@code runCount()} after the scheduler closed
     * @param finalSkipped      {@code skippedTicks()} after the scheduler closed
     * @param reachedTaiNanos   the highest TAI the process saw before it began closing the scheduler: the timer must
     *                          have handled the slots up to it (less {@code slack})
     * @param closedTaiNanos    the highest TAI seen once the scheduler was closed: no slot after it may have run
     * @param slack             how many slots the last handled one may trail {@code reachedTaiNanos} by
     * @return the verdict
     */
    Check eachSlotOnce(long finalRunCount, long finalSkipped, long reachedTaiNanos, long closedTaiNanos, long slack) {
        StringBuilder problems = new StringBuilder();
        if (overflow > 0) {
            problems.append(" overflow=").append(overflow);
        }
        if (size == 0) {
            return Check.of("sched-each-slot-once", false, "no run at all");
        }
        int twice = 0;
        int misaligned = 0;
        int accountingBreaks = 0;
        // The first slot owed is the first at or after the moment the timer thread took the task in (ScheduledTask):
        // the first run's slot less the slots it skipped. Slots before it are neither run nor skipped.
        long firstSlot = slotIndex(0) - skippedAtRun[0];
        if (firstSlot < 0) {
            accountingBreaks++;
        }
        for (int i = 0; i < size; i++) {
            if (Math.floorMod(slotTaiNanos[i] - startTaiNanos, periodNanos) != 0) {
                misaligned++;
            }
            if (i > 0) {
                long gap = slotIndex(i) - slotIndex(i - 1);
                if (gap <= 0) {
                    twice++;
                } else if (gap - 1 != skippedAtRun[i] - skippedAtRun[i - 1]) {
                    accountingBreaks++;
                }
            }
        }
        long lastSlot = slotIndex(size - 1);
        long expectedLast = Math.floorDiv(reachedTaiNanos - startTaiNanos, periodNanos);
        long latestPossible = Math.floorDiv(closedTaiNanos - startTaiNanos, periodNanos);
        boolean totalsAgree = overflow > 0
                || (finalRunCount == size && finalRunCount + finalSkipped == lastSlot - firstSlot + 1);
        boolean reachedEnd = lastSlot >= expectedLast - slack && lastSlot <= latestPossible;
        boolean pass = twice == 0 && misaligned == 0 && accountingBreaks == 0 && totalsAgree && reachedEnd
                && overflow == 0;
        return Check.of("sched-each-slot-once", pass, String.format(Locale.ROOT,
                "runCount=%d skippedTicks=%d runs_recorded=%d first_slot=%d last_slot=%d (runCount+skipped=%d, "
                        + "want last-first+1=%d) slot_reached_before_close=%d slot_at_close=%d slots_run_twice=%d misaligned=%d "
                        + "skip_accounting_breaks=%d%s",
                finalRunCount, finalSkipped, size, firstSlot, lastSlot, finalRunCount + finalSkipped,
                lastSlot - firstSlot + 1, expectedLast, latestPossible, twice, misaligned, accountingBreaks,
                problems));
    }

    /**
     * Check (c2): no run started before its slot's TAI deadline, by the task's own TAI read after the timer thread
     * decided (with its read) that the slot was due; an early run means TAI went back between the two reads.
     *
     * @param zeroMonotonic CLOCK_MONOTONIC of the event, to say when the earliest run happened
     */
    Check noneEarly(long zeroMonotonic) {
        int early = 0;
        long worst = Long.MAX_VALUE;
        int worstAt = -1;
        for (int i = 0; i < size; i++) {
            long late = runTaiNanos[i] - slotTaiNanos[i];
            if (late < worst) {
                worst = late;
                worstAt = i;
            }
            if (late < 0) {
                early++;
            }
        }
        String where = worstAt < 0 ? "" : String.format(Locale.ROOT, " (run %d, slot %d, %+.6f s from the event)",
                worstAt, slotIndex(worstAt), (runMonotonicNanos[worstAt] - zeroMonotonic) / 1e9);
        return Check.of("sched-none-early", size > 0 && early == 0, String.format(Locale.ROOT,
                "early_runs=%d min_lateness=%s%s", early, size == 0 ? "-" : Samples.us(worst), where));
    }

    /** @return slots skipped by runs whose CLOCK_MONOTONIC lies in [from, to) */
    long skippedBetween(long fromMonotonic, long toMonotonic) {
        long skipped = 0;
        for (int i = 1; i < size; i++) {
            if (runMonotonicNanos[i] >= fromMonotonic && runMonotonicNanos[i] < toMonotonic) {
                skipped += skippedAtRun[i] - skippedAtRun[i - 1];
            }
        }
        return skipped;
    }

    /** @return the most slots skipped at one run among runs whose CLOCK_MONOTONIC lies in [from, to) */
    long biggestSkipBetween(long fromMonotonic, long toMonotonic) {
        long biggest = 0;
        for (int i = 1; i < size; i++) {
            if (runMonotonicNanos[i] >= fromMonotonic && runMonotonicNanos[i] < toMonotonic) {
                biggest = Math.max(biggest, skippedAtRun[i] - skippedAtRun[i - 1]);
            }
        }
        return biggest;
    }

    /**
     * Slots skipped at run {@code i} that elapsed time does not explain: the slots between run i − 1's slot and run
     * i's slot, less the CLOCK_MONOTONIC time from when run i − 1's slot fell due (its TAI read less its lateness) to
     * run i's read, in periods. A stalled machine skips slots because time passed (0 here); a forward jump of TAI
     * skips them although it did not (the jump's length in periods). The elapsed time is taken at its longest (from
     * before run i − 1's TAI read to after run i's), so that a task preempted between its TAI and MONOTONIC reads is
     * not mistaken for a jump.
     */
    long unexplainedSkips(int i) {
        long slotsBetween = slotTaiNanos[i] - slotTaiNanos[i - 1] - periodNanos;
        long elapsed = runMonotonicAfterNanos[i] - runMonotonicNanos[i - 1]
                + (runTaiNanos[i - 1] - slotTaiNanos[i - 1]);
        return Math.max(0, Math.floorDiv(slotsBetween - elapsed, periodNanos));
    }

    /**
     * Check (c3): around the event, the most slots skipped at one run that elapsed time does not explain is
     * {@code expected} ± {@code tolerance}: 0 for a leap second or a TAI offset change (a TAI jump of a second shows
     * as about 1000), the step's length in slots for a forward clock step. Slots skipped because the machine stalled
     * (TCG stalls for tens of ms) are counted in the figures but do not fail the check.
     */
    Check skipsAroundEvent(long fromMonotonic, long toMonotonic, long expected, long tolerance) {
        long biggest = 0;
        long unexplained = 0;
        for (int i = 1; i < size; i++) {
            if (runMonotonicNanos[i] >= fromMonotonic && runMonotonicNanos[i] < toMonotonic) {
                biggest = Math.max(biggest, skippedAtRun[i] - skippedAtRun[i - 1]);
                unexplained = Math.max(unexplained, unexplainedSkips(i));
            }
        }
        long skipped = skippedBetween(fromMonotonic, toMonotonic);
        long total = size == 0 ? 0 : skippedAtRun[size - 1];
        boolean pass = size > 1 && Math.abs(unexplained - expected) <= tolerance;
        return Check.of("sched-skips-at-event", pass, String.format(Locale.ROOT,
                "unexplained_skip=%d expected=%d+-%d biggest_skip_at_one_run=%d skipped_in_event_window=%d "
                        + "skipped_total=%d longest_pause=%s", unexplained, expected, tolerance, biggest, skipped,
                total, Samples.us(longestPause())));
    }

    /** @return the most unexplained skips at one run with CLOCK_MONOTONIC in [from, to) */
    long unexplainedBetween(long fromMonotonic, long toMonotonic) {
        long max = 0;
        for (int i = 1; i < size; i++) {
            if (runMonotonicNanos[i] >= fromMonotonic && runMonotonicNanos[i] < toMonotonic) {
                max = Math.max(max, unexplainedSkips(i));
            }
        }
        return max;
    }

    /** @return the longest CLOCK_MONOTONIC time between two consecutive runs */
    long longestPause() {
        long max = 0;
        for (int i = 1; i < size; i++) {
            max = Math.max(max, runMonotonicNanos[i] - runMonotonicNanos[i - 1]);
        }
        return max;
    }

    /** @return lateness percentiles of runs with CLOCK_MONOTONIC in [from, to): p50, p99, max (ns) */
    long[] lateness(long fromMonotonic, long toMonotonic) {
        long[] late = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (runMonotonicNanos[i] >= fromMonotonic && runMonotonicNanos[i] < toMonotonic) {
                late[n++] = runTaiNanos[i] - slotTaiNanos[i];
            }
        }
        if (n == 0) {
            return new long[] {-1, -1, -1};
        }
        Arrays.sort(late, 0, n);
        return new long[] {late[(int) Math.min(n - 1, Math.floor(0.50 * n))],
            late[(int) Math.min(n - 1, Math.floor(0.99 * n))], late[n - 1]};
    }
}
