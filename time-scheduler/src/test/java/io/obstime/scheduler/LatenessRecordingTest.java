package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.UtcTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LatenessRecordingTest {

    private static final long MS = 1_000_000L;

    private static SimulatedTimeSource clock() {
        return SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse("2026-11-29T12:00:00Z")),
                LeapSecondTable.bundled());
    }

    @Test
    void notRecordedByDefault() {
        try (TimeScheduler s = TimeScheduler.standalone(clock())) {
            assertEquals(Optional.empty(), s.schedulePeriodically(Duration.ofMillis(1), () -> { }).lateness());
        }
    }

    @Test
    void aNegativeRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeSchedulerSettings.defaults().withLatenessRecordingUpToNanos(-1));
        assertEquals("latenessRecordingUpToNanos must be >= 0 (0 = not recorded), was -1", e.getMessage());
    }

    @Test
    void runsOnTimeAreZeroLateAndAStepShowsAsSkippedSlotsPlusOneLateRun() {
        SimulatedTimeSource clock = clock();
        try (TimeScheduler s = TimeScheduler.standalone(clock,
                TimeSchedulerSettings.defaults().withLatenessRecordingUpToNanos(1_000 * MS))) {
            long start = clock.taiNanos() + MS;
            ScheduledTask task = s.schedulePeriodicallyAtTaiNanos(start, MS, () -> { });
            clock.advance(Duration.ofNanos(10 * MS)); // slots start .. start + 9 ms, each run at its slot
            LatenessSnapshot onTime = task.lateness().orElseThrow();
            assertEquals(10, onTime.count());
            assertEquals(0, onTime.maxNanos());
            assertEquals(0, onTime.p999Nanos());

            clock.step(Duration.ofNanos(2 * MS + MS / 2)); // now start + 11.5 ms: slots +10 and +11 passed
            clock.advance(Duration.ZERO);
            LatenessSnapshot late = task.lateness().orElseThrow();
            assertEquals(11, late.count());
            assertEquals(1, late.skippedTicks(), "slot +10 skipped, the run stands for slot +11");
            assertEquals(MS / 2, late.maxNanos());
            assertEquals(0, late.p90Nanos());
            long p99 = late.p99Nanos(); // the 11th of 11 runs: the late one, to its bucket, capped at the max
            assertEquals(MS / 2, p99);
            assertEquals(task.runCount(), late.count());
            assertEquals(task.skippedTicks(), late.skippedTicks());
        }
    }

    @Property
    void everyValueFallsInItsBucketWhichIsAtMostOneSixtyFourthWide(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long nanos) {
        int i = LatenessHistogram.index(nanos);
        long high = LatenessHistogram.highestInBucket(i);
        long low = i == 0 ? 0 : LatenessHistogram.highestInBucket(i - 1) + 1;
        assertTrue(low <= nanos && nanos <= high, low + " <= " + nanos + " <= " + high);
        assertTrue(high - low <= Math.max(0, low / 64), "width " + (high - low) + " at " + low);
    }

    @Property
    void aPercentileIsTheExactValueOrAtMostOneSixtyFourthAbove(
            @ForAll @Size(min = 1, max = 300) long[] values, @ForAll @LongRange(min = 1, max = 1000) long perMille) {
        LatenessHistogram h = new LatenessHistogram(1_000_000_000L);
        long[] sorted = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            sorted[i] = Math.floorMod(values[i], 1_000_000_000L);
            h.recordRun(sorted[i]);
        }
        Arrays.sort(sorted);
        double p = perMille / 10.0;
        long exact = sorted[(int) Math.max(0, Math.ceil(p / 100 * sorted.length) - 1)];
        long got = h.snapshot().percentileNanos(p);
        assertTrue(got >= exact && got <= exact + exact / 64, "p" + p + ": " + got + " vs exact " + exact);
        assertEquals(sorted[sorted.length - 1], h.snapshot().maxNanos());
        assertEquals(sorted[sorted.length - 1], h.snapshot().percentileNanos(100));
    }

    @Test
    void aValueBeyondTheRangeCountsAtTheTopAndKeepsItsExactMaximum() {
        LatenessHistogram h = new LatenessHistogram(10 * MS);
        h.recordRun(5 * MS);
        h.recordRun(3_000 * MS);
        LatenessSnapshot s = h.snapshot();
        assertEquals(2, s.count());
        assertEquals(3_000 * MS, s.maxNanos());
        assertEquals(3_000 * MS, s.percentileNanos(100));
        long p50 = s.p50Nanos();
        assertTrue(p50 >= 5 * MS && p50 <= 5 * MS + 5 * MS / 64, String.valueOf(p50));
        assertThrows(IllegalArgumentException.class, () -> s.percentileNanos(0));
        assertThrows(IllegalArgumentException.class, () -> s.percentileNanos(100.5));
    }

    @Test
    void aSnapshotTakenWhileTheWriterWritesIsConsistent() throws Exception {
        LatenessHistogram h = new LatenessHistogram(1_000 * MS);
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            long v = 0;
            while (!stop.get()) {
                h.recordRun(v++ % 5_000_000);
                if ((v & 15) == 0) {
                    h.recordSkipped(1);
                }
            }
        });
        writer.start();
        try {
            long last = 0;
            for (int i = 0; i < 2_000; i++) {
                LatenessSnapshot s = h.snapshot();
                assertEquals(s.count(), s.countedInBuckets(), "buckets and count from the same instant");
                // Every 16th run is followed by a skip, written separately: a copy sees it or not, never half of it.
                long skipsAfterRuns = s.count() / 16;
                assertTrue(s.skippedTicks() == skipsAfterRuns
                        || s.count() % 16 == 0 && s.skippedTicks() == skipsAfterRuns - 1, s.toString());
                assertTrue(s.count() >= last, "counts only grow");
                last = s.count();
            }
            assertTrue(last > 0, "the writer wrote meanwhile");
        } finally {
            stop.set(true);
            writer.join();
        }
    }

    @Test
    void recordingAllocatesNothingPerTickOnTheRealTimerThread() throws Exception {
        ScheduledTask task = TimerThreadAllocationTest.assertNoPerTickAllocation(
                TimeSchedulerSettings.defaults().withLatenessRecordingUpToNanos(1_000 * MS),
                TimeScheduler::schedulePeriodically);
        LatenessSnapshot s = task.lateness().orElseThrow();
        assertTrue(s.count() >= 5_000, s.toString());
        assertTrue(s.p50Nanos() > 0 && s.p50Nanos() <= s.maxNanos(), s.toString());
    }
}
