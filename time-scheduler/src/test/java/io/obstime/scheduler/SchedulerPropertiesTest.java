package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.UtcTime;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Invariants of slot arithmetic and of the simulated scheduler over their domains. */
class SchedulerPropertiesTest {

    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    @Property
    void slotIsStartPlusIndexTimesPeriodExactlyOrNoDeadlineWhenOutOfRange(@ForAll long startTaiNanos,
            @ForAll long tickIndexUnsigned, @ForAll @LongRange(min = 1) long periodNanos) {
        BigInteger exact = BigInteger.valueOf(startTaiNanos)
                .add(unsigned(tickIndexUnsigned).multiply(BigInteger.valueOf(periodNanos)));
        long slot = Slots.slotTaiNanos(startTaiNanos, tickIndexUnsigned, periodNanos);
        if (exact.compareTo(MAX) >= 0) {
            assertEquals(ScheduledTask.NO_DEADLINE, slot);
        } else {
            assertEquals(exact.longValueExact(), slot);
        }
    }

    @Property
    void slotIsExactForSmallIndicesToo(@ForAll long startTaiNanos, @ForAll @LongRange(min = 0, max = 10_000_000)
            long tickIndex, @ForAll @LongRange(min = 1, max = 10_000_000_000L) long periodNanos) {
        slotIsStartPlusIndexTimesPeriodExactlyOrNoDeadlineWhenOutOfRange(startTaiNanos, tickIndex, periodNanos);
    }

    @Property
    void firstIndexAtOrAfterIsTheSmallestSlotNotBeforeNow(@ForAll long startTaiNanos, @ForAll long nowTaiNanos,
            @ForAll @LongRange(min = 1) long periodNanos) {
        long k = Slots.firstIndexAtOrAfter(startTaiNanos, periodNanos, nowTaiNanos);
        BigInteger start = BigInteger.valueOf(startTaiNanos);
        BigInteger now = BigInteger.valueOf(nowTaiNanos);
        BigInteger period = BigInteger.valueOf(periodNanos);
        BigInteger slot = start.add(unsigned(k).multiply(period));
        assertTrue(slot.compareTo(now) >= 0, "slot k is not before now");
        if (k != 0) {
            assertTrue(slot.subtract(period).compareTo(now) < 0, "slot k−1 is before now");
        }
    }

    /** One periodic task, any start, any period from 1 ms, any sequence of advances: runs exactly on its slots. */
    @Property(tries = 300)
    void periodicRunsHappenExactlyAtStartPlusKPeriodAndNowhereElse(
            @ForAll @LongRange(min = -2_000_000_000L, max = 2_000_000_000L) long startOffsetNanos,
            @ForAll @LongRange(min = 1_000_000L, max = 700_000_000L) long periodNanos,
            @ForAll @Size(min = 1, max = 12) List<@LongRange(min = 0, max = 900_000_000L) Long> advancesNanos) {
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(
                UtcTime.of(Instant.parse("2026-11-21T12:00:00Z")), LeapSecondTable.bundled());
        try (TimeScheduler s = TimeScheduler.standalone(clock)) {
            long now0 = clock.taiNanos();
            long start = now0 + startOffsetNanos;
            List<Long> runs = new ArrayList<>();
            ScheduledTask task = s.schedulePeriodicallyAtTaiNanos(start, periodNanos, () -> runs.add(clock.taiNanos()));
            for (long a : advancesNanos) {
                clock.advance(Duration.ofNanos(a));
            }
            long end = clock.taiNanos();
            long firstIndex = Slots.firstIndexAtOrAfter(start, periodNanos, now0);
            long firstSlot = start + firstIndex * periodNanos;
            long expectedCount = end < firstSlot ? 0 : Math.floorDiv(end - firstSlot, periodNanos) + 1;
            assertEquals(expectedCount, runs.size(), "count");
            for (int i = 0; i < runs.size(); i++) {
                assertEquals(start + (firstIndex + i) * periodNanos, runs.get(i), "run " + i);
                if (i > 0) {
                    assertTrue(runs.get(i) > runs.get(i - 1), "strictly increasing");
                }
            }
            assertEquals(expectedCount, task.runCount());
            assertEquals(0, task.skippedTicks());
        }
    }

    /** Any mix of once tasks (some cancelled): the survivors run once each, in (deadline, schedule order). */
    @Property(tries = 300)
    void onceTasksRunInDeadlineThenScheduleOrderAndCancelledOnesNever(
            @ForAll("requests") List<long[]> requests, @ForAll @IntRange(min = 1, max = 5) int advances) {
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(
                UtcTime.of(Instant.parse("2026-11-21T12:00:00Z")), LeapSecondTable.bundled());
        try (TimeScheduler s = TimeScheduler.standalone(clock)) {
            long now0 = clock.taiNanos();
            List<Integer> ran = new ArrayList<>();
            List<long[]> survivors = new ArrayList<>(); // {deadline, scheduleIndex}
            List<ScheduledTask> handles = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                int index = i;
                long deadline = now0 + requests.get(i)[0];
                handles.add(s.scheduleOnceAtTaiNanos(deadline, () -> ran.add(index)));
                if (requests.get(i)[1] != 0) {
                    assertTrue(handles.get(i).cancel());
                } else {
                    survivors.add(new long[] {Math.max(deadline, now0), i});
                }
            }
            for (int a = 0; a < advances; a++) {
                clock.advance(Duration.ofMillis(250));
            }
            // A past deadline runs "now" but keeps its own (earlier) deadline in the order.
            List<Integer> expectedByOwnDeadline = new ArrayList<>();
            survivors.sort(Comparator.<long[]>comparingLong(r -> now0 + requests.get((int) r[1])[0])
                    .thenComparingLong(r -> r[1]));
            for (long[] r : survivors) {
                if (r[0] <= clock.taiNanos()) {
                    expectedByOwnDeadline.add((int) r[1]);
                }
            }
            assertEquals(expectedByOwnDeadline, ran);
            assertEquals(survivors.size() - ran.size(), SimulatedSchedulerTest.core(s).size());
        }
    }

    @Provide
    Arbitrary<List<long[]>> requests() {
        Arbitrary<Long> offset = Arbitraries.oneOf(
                Arbitraries.longs().between(-1_000_000_000L, 1_500_000_000L),
                Arbitraries.of(0L, 1L, 250_000_000L, 500_000_000L)); // ties
        Arbitrary<Long> cancel = Arbitraries.longs().between(0, 3).map(v -> v == 0 ? 1L : 0L);
        return Combinators.combine(offset, cancel).as((o, c) -> new long[] {o, c}).list().ofMaxSize(60);
    }

    private static SimulatedTimeSource clockAt(String utc) {
        return SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse(utc)), LeapSecondTable.bundled());
    }

    /**
     * One periodic task under either missed-tick policy, inline or on an executor that runs handed-over ticks at random
     * moments, through random advances and clock steps (forward and back) and across an inserted, a deleted or no leap
     * second: every slot up to the highest TAI reached is either run or counted as skipped, exactly once
     * ({@code runCount + skippedTicks == 1 + (tMax − firstSlot) / period}); nothing is skipped under CATCH_UP without
     * a catch-up bound (with a 200 ms bound, slots older than that at a forward move may be); inline
     * runs are in strictly increasing TAI order and never before their slot.
     */
    @Property(tries = 300)
    void everySlotUpToTheHighestTaiReachedIsRunOrSkippedExactlyOnce(
            @ForAll MissedTickPolicy policy, @ForAll boolean onExecutor, @ForAll boolean boundedCatchUp,
            @ForAll @IntRange(min = 0, max = 2) int leap,
            @ForAll @LongRange(min = -2_000_000_000L, max = 2_000_000_000L) long startOffsetNanos,
            @ForAll @LongRange(min = 1_000_000L, max = 300_000_000L) long periodNanos,
            @ForAll @Size(min = 1, max = 15) List<@LongRange(min = -1_500_000_000L, max = 1_500_000_000L) Long> moves,
            @ForAll @Size(min = 15, max = 15) List<Boolean> stepNotAdvance,
            @ForAll @Size(min = 15, max = 15) List<Boolean> runQueuedNow) {
        SimulatedTimeSource clock = clockAt("2026-12-31T23:59:57Z");
        if (leap == 1) {
            clock.insertLeapSecond(java.time.LocalDate.of(2026, 12, 31));
        } else if (leap == 2) {
            clock.deleteLeapSecond(java.time.LocalDate.of(2026, 12, 31));
        }
        java.util.ArrayDeque<Runnable> queue = new java.util.ArrayDeque<>();
        TimeSchedulerSettings settings = TimeSchedulerSettings.defaults().withMissedTickPolicy(policy)
                .withMaxCatchUpNanos(boundedCatchUp ? 200_000_000L : Long.MAX_VALUE);
        if (onExecutor) {
            settings = settings.withExecutor(queue::add);
        }
        try (TimeScheduler s = TimeScheduler.standalone(clock, settings)) {
            long now0 = clock.taiNanos();
            long start = now0 + startOffsetNanos;
            List<Long> runs = new ArrayList<>();
            ScheduledTask task = s.schedulePeriodicallyAtTaiNanos(start, periodNanos, () -> runs.add(clock.taiNanos()));
            long firstSlot = start + Slots.firstIndexAtOrAfter(start, periodNanos, now0) * periodNanos;
            long highest = Long.MIN_VALUE; // the timer handles slots only when the clock moves
            for (int i = 0; i < moves.size(); i++) {
                long move = moves.get(i);
                if (stepNotAdvance.get(i)) {
                    clock.step(Duration.ofNanos(move));
                } else {
                    clock.advance(Duration.ofNanos(Math.abs(move)));
                }
                highest = Math.max(highest, clock.taiNanos());
                if (runQueuedNow.get(i)) {
                    while (!queue.isEmpty()) {
                        queue.poll().run();
                    }
                }
            }
            long slots = highest < firstSlot ? 0 : (highest - firstSlot) / periodNanos + 1;
            assertEquals(slots, task.runCount() + task.skippedTicks(), "slots up to the highest TAI reached");
            if (policy == MissedTickPolicy.CATCH_UP && !boundedCatchUp) {
                assertEquals(0, task.skippedTicks());
            }
            if (!onExecutor) {
                assertEquals(task.runCount(), runs.size());
                for (int i = 0; i < runs.size(); i++) {
                    assertTrue(runs.get(i) >= firstSlot + i * periodNanos || policy == MissedTickPolicy.SKIP,
                            "run " + i + " not before its slot");
                    if (i > 0 && policy == MissedTickPolicy.SKIP) {
                        assertTrue(runs.get(i) > runs.get(i - 1), "SKIP: one run per clock reading at most");
                    }
                }
            }
        }
    }

    /**
     * Random interleavings of advances, cancels from outside, self-cancels from inside a run and schedules from inside
     * a run, inline or on an executor that runs handed-over ticks at random moments: exactly one {@code cancel()} per
     * task returns true, and no run of a task starts after a {@code cancel()} of it returned true.
     */
    @Property(tries = 300)
    void exactlyOneCancelSucceedsAndNothingStartsAfterIt(@ForAll boolean onExecutor,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 99) Integer> ops) {
        SimulatedTimeSource clock = clockAt("2026-11-21T12:00:00Z");
        java.util.ArrayDeque<Runnable> queue = new java.util.ArrayDeque<>();
        TimeSchedulerSettings settings = onExecutor
                ? TimeSchedulerSettings.defaults().withExecutor(queue::add) : TimeSchedulerSettings.defaults();
        try (TimeScheduler s = TimeScheduler.standalone(clock, settings)) {
            List<Tracked> tasks = new ArrayList<>();
            java.util.Random random = new java.util.Random(ops.hashCode());
            for (int op : ops) {
                if (op < 30) {
                    tasks.add(Tracked.schedule(s, tasks, random.nextInt(4), 1 + random.nextInt(5)));
                } else if (op < 50 && !tasks.isEmpty()) {
                    tasks.get(random.nextInt(tasks.size())).cancelFromOutside();
                } else if (op < 60) {
                    while (!queue.isEmpty()) {
                        queue.poll().run();
                    }
                } else {
                    clock.advance(Duration.ofMillis(random.nextInt(8)));
                }
            }
            while (!queue.isEmpty()) {
                queue.poll().run();
            }
            clock.advance(Duration.ofMillis(20));
            while (!queue.isEmpty()) {
                queue.poll().run();
            }
            for (int i = 0; i < tasks.size(); i++) {
                Tracked t = tasks.get(i);
                assertTrue(t.successfulCancels <= 1, "task " + i + ": " + t.successfulCancels + " cancels succeeded");
                assertEquals(t.successfulCancels == 1, t.handle.isCancelled(), "task " + i + " isCancelled");
                if (t.runsAtCancel >= 0) {
                    assertEquals(t.runsAtCancel, t.runs, "task " + i + " ran after cancel() returned true");
                }
            }
        }
    }

    /** A periodic task of the interleaving property and what happened to it. */
    private static final class Tracked {
        ScheduledTask handle;
        int runs;
        int successfulCancels;
        int runsAtCancel = -1;

        /**
         * @param kind 0: plain; 1: cancels itself at its n-th run; 2: schedules another task at its n-th run; 3:
         *             cancels itself twice at its n-th run
         */
        static Tracked schedule(TimeScheduler s, List<Tracked> all, int kind, int n) {
            Tracked t = new Tracked();
            t.handle = s.schedulePeriodically(Duration.ofMillis(1), () -> {
                t.runs++;
                if (t.runs == n && kind == 1) {
                    t.cancelFromOutside();
                } else if (t.runs == n && kind == 3) {
                    t.cancelFromOutside();
                    t.cancelFromOutside();
                } else if (t.runs == n && kind == 2) {
                    all.add(schedule(s, all, 0, 1));
                }
            });
            return t;
        }

        void cancelFromOutside() {
            if (handle.cancel()) {
                successfulCancels++;
                runsAtCancel = runs;
            }
        }
    }
}
