package io.obstime.bench.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MultiTaskRecorderTest {

    private static final long PERIOD = 1_000_000;

    @Property
    void everySlotOfTheWindowIsServedOrMissedOnce(@ForAll @IntRange(min = 1, max = 20) int tasks,
            @ForAll @Size(min = 1, max = 200) List<@LongRange(min = 0, max = 3_500_000) Long> stepsNanos) {
        long[] firsts = new long[tasks];
        for (int i = 0; i < tasks; i++) {
            firsts[i] = 10_000_000 + i * PERIOD / tasks;
        }
        MultiTaskRecorder recorder = new MultiTaskRecorder(firsts, PERIOD, 5, 50);
        long now = 0;
        for (long step : stepsNanos) {
            now += step;
            for (int i = 0; i < tasks; i++) {
                recorder.onTick(i, now + i * PERIOD / tasks);
            }
        }
        MultiTaskRecorder.Snapshot s = recorder.snapshot();
        assertEquals(50L * tasks, s.deadlines());
        assertEquals(s.deadlines(), s.served() + s.missed());
    }

    @Test
    void aRunLateByTwoPeriodsServesOneSlotAndMissesTwo() {
        MultiTaskRecorder recorder = new MultiTaskRecorder(new long[] {0}, PERIOD, 0, 10);
        recorder.onTick(0, 100);
        recorder.onTick(0, 3 * PERIOD + 100); // slots 1, 2, 3 passed: 1 served late, 2 and 3 missed
        recorder.onTick(0, 4 * PERIOD + 50);
        MultiTaskRecorder.Snapshot s = recorder.snapshot();
        assertEquals(3, s.served());
        assertEquals(2 + 5, s.missed()); // and slots 5..9 never served
        long late = 2 * PERIOD + 100;
        assertEquals(late, s.histogram().getMaxValue(), late * 0.001); // 3 significant digits
    }

    @Test
    void aRunBeforeItsSlotIsEarlyAndServesNothing() {
        MultiTaskRecorder recorder = new MultiTaskRecorder(new long[] {PERIOD}, PERIOD, 0, 2);
        recorder.onTick(0, PERIOD - 10);
        recorder.onTick(0, PERIOD + 10);
        MultiTaskRecorder.Snapshot s = recorder.snapshot();
        assertEquals(1, s.early());
        assertEquals(1, s.served());
    }
}
