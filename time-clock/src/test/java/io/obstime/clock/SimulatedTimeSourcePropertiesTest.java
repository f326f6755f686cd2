package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Random deadlines and random advances through an inserted leap second. */
class SimulatedTimeSourcePropertiesTest {

    private static final long MILLIS = 1_000_000L;
    private static final long NANOS = 1_000_000_000L;

    @Property(tries = 300)
    void everyDeadlineFiresOnceAtItsInstantInTimeOrderWhateverTheAdvanceSteps(
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 5000) Integer> deadlineOffsetsMillis,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 700) Integer> advanceMillis,
            @ForAll boolean insert) {
        SimulatedTimeSource source = SimulatedTimeSource.startingAt(UtcTime.parse("2026-12-31T23:59:58Z UTC"),
                LeapSecondTable.bundled());
        if (insert) {
            source.insertLeapSecond(LocalDate.of(2026, 12, 31));
        } else {
            source.deleteLeapSecond(LocalDate.of(2026, 12, 31));
        }
        long startTai = source.taiNanos();
        int startOffset = source.taiOffset();
        TreeSet<Long> pending = new TreeSet<>();
        deadlineOffsetsMillis.forEach(ms -> pending.add(startTai + ms * MILLIS));
        TreeSet<Long> deadlines = new TreeSet<>(pending);
        List<Long> fired = new ArrayList<>();
        List<Long> utcReadings = new ArrayList<>();
        source.addListener(new SimulatedTimeListener() {
            @Override
            public long nextDeadlineTaiNanos() {
                return pending.isEmpty() ? Long.MAX_VALUE : pending.first();
            }

            @Override
            public void onTime(long nowTaiNanos) {
                while (!pending.isEmpty() && pending.first() <= nowTaiNanos) {
                    assertEquals(pending.first(), nowTaiNanos, "called exactly at the deadline, not later");
                    fired.add(pending.pollFirst());
                }
                utcReadings.add(source.utcNanos());
            }
        });
        long total = 0;
        for (int ms : advanceMillis) {
            source.advance(Duration.ofMillis(ms));
            total += ms * MILLIS;
            assertEquals(startTai + total, source.taiNanos(), "TAI advances by exactly the sum");
        }
        assertEquals(List.copyOf(deadlines.headSet(startTai + total, true)), fired);
        // UTC never goes back by more than the one repeated second of an insertion, and never for a deletion.
        for (int i = 1; i < utcReadings.size(); i++) {
            long back = utcReadings.get(i - 1) - utcReadings.get(i);
            assertTrue(back <= (insert ? NANOS : 0), "UTC went back by " + back + " ns");
        }
        int offsetChange = source.taiOffset() - startOffset;
        assertTrue(offsetChange == 0 || offsetChange == (insert ? 1 : -1));
    }

    @Property(tries = 300)
    void stepsOfEitherSignAcrossALeapSecondMoveTaiByTheStepAndKeepUtcOnTheTable(
            @ForAll boolean insert,
            @ForAll @IntRange(min = 1_001, max = 120_000) int startBeforeMidnightMillis,
            @ForAll @Size(min = 1, max = 20) List<@LongRange(min = -3 * 86_400_000L, max = 3 * 86_400_000L) Long>
                    stepsMillis) {
        long midnight = UtcTime.parse("2027-01-01T00:00:00Z UTC").epochNanos();
        SimulatedTimeSource source = SimulatedTimeSource.startingAt(
                UtcTime.ofEpochNanos(midnight - startBeforeMidnightMillis * MILLIS), LeapSecondTable.bundled());
        if (insert) {
            source.insertLeapSecond(LocalDate.of(2026, 12, 31));
        } else {
            source.deleteLeapSecond(LocalDate.of(2026, 12, 31));
        }
        LeapSecondTable table = source.leapSeconds();
        for (long stepMillis : stepsMillis) {
            long taiBefore = source.taiNanos();
            source.step(Duration.ofMillis(stepMillis));
            long tai = source.taiNanos();
            assertEquals(taiBefore + stepMillis * MILLIS, tai, "a step moves TAI by exactly the step");
            long utc = source.utcNanos();
            boolean insideInsertedSecond = insert && tai >= midnight + 36 * NANOS && tai < midnight + 38 * NANOS;
            if (!insideInsertedSecond) {
                assertEquals(table.taiToUtcNanos(tai), utc, "UTC is the table's mapping of TAI");
                assertEquals(table.taiMinusUtcAtTaiNanos(tai), source.taiOffset());
            } else {
                assertEquals(midnight - NANOS, utc - Math.floorMod(utc, NANOS), "23:59:59 shown, once or twice");
            }
            LeapState leap = source.status().leapState();
            if (tai < midnight + 36 * NANOS) {
                assertEquals(insert ? LeapState.INSERT_PENDING : LeapState.DELETE_PENDING, leap, "before the leap");
            } else if (tai >= midnight + (insert ? 38 : 36) * NANOS) {
                assertEquals(LeapState.OCCURRED, leap, "after the leap");
            }
        }
    }
}
