package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The clock-free core on its own: driven by a loop with a made-up TAI now. */
class TimerCoreTest {

    private static final long MS = 1_000_000L;

    private static TimerCore core(TimeSchedulerSettings settings) {
        return new TimerCore(settings, (deadline, dueNow, waiting) -> { });
    }

    @Test
    void steadyStateTicksAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TimerCore core = core(TimeSchedulerSettings.defaults());
        long[] counter = new long[1];
        Runnable task = () -> counter[0]++;
        int tasks = 20;
        for (int i = 0; i < tasks; i++) {
            core.submitSchedule(new TaskEntry(core, task, i * 37_000L, MS, false));
        }
        core.drainCommands(0);
        long now = 0;
        for (int i = 0; i < 200_000; i++) { // warm-up: let the JIT compile the tick path
            now += MS;
            core.runDue(now);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        long runsBefore = counter[0];
        for (int i = 0; i < 1_000_000; i++) {
            now += MS;
            core.runDue(now);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(20_000_000L, counter[0] - runsBefore, "every task ran every millisecond");
        assertTrue(allocated < 4096, "20 million ticks allocated " + allocated + " bytes");
    }

    @Test
    void heapStaysOrderedThroughRandomInsertsAndRemovals() {
        TimerCore core = core(TimeSchedulerSettings.defaults());
        java.util.Random random = new java.util.Random(42);
        java.util.List<TaskEntry> live = new java.util.ArrayList<>();
        java.util.List<Long> fired = new java.util.ArrayList<>();
        for (int round = 0; round < 20_000; round++) {
            if (live.isEmpty() || random.nextInt(3) != 0) {
                long deadline = random.nextInt(1_000_000);
                TaskEntry e = new TaskEntry(core, () -> fired.add(deadline), deadline, 0, false);
                core.submitSchedule(e);
                live.add(e);
            } else {
                TaskEntry victim = live.remove(random.nextInt(live.size()));
                victim.cancel();
            }
            if (round % 97 == 0) {
                core.drainCommands(Long.MIN_VALUE);
            }
        }
        core.drainCommands(Long.MIN_VALUE);
        assertEquals(live.size(), core.size());
        assertEquals(live.size(), core.retainedSlots());
        core.runDue(Long.MAX_VALUE - 1);
        assertEquals(live.size(), fired.size());
        for (int i = 1; i < fired.size(); i++) {
            assertTrue(fired.get(i - 1) <= fired.get(i), "deadline order at " + i);
        }
        assertEquals(0, core.size());
        assertEquals(0, core.retainedSlots());
    }

    @Test
    void aTaskTakenInAfterALongInlineRunIsAnchoredAtTheFreshReading() {
        TimerCore core = core(TimeSchedulerSettings.defaults());
        long[] now = {1_000 * MS};
        TaskEntry[] later = new TaskEntry[1];
        core.submitSchedule(new TaskEntry(core, () -> {
            now[0] += 50 * MS; // a 50 ms run
            later[0] = new TaskEntry(core, () -> { }, 0L, MS, true); // "first run now"
            core.submitSchedule(later[0]);
        }, 1_000 * MS, 0, false));
        core.runDue(now[0], ran -> now[0]);
        assertEquals(1, later[0].runCount(), "due at the fresh now, so it ran in the same pass");
        assertEquals(0, later[0].skippedTicks(), "no slot of it lies before the moment it was taken in");
        assertEquals(1_051 * MS, later[0].nextDeadlineTaiNanos());
    }

    @Test
    void aCommandPushedAfterCloseIsDiscardedAndItsTaskIsDone() {
        TimerCore core = core(TimeSchedulerSettings.defaults());
        TaskEntry scheduled = new TaskEntry(core, () -> { }, MS, 0, false);
        core.submitSchedule(scheduled);
        core.drainCommands(0);
        core.markClosed();
        core.terminateAll();
        TaskEntry late = new TaskEntry(core, () -> { }, MS, 0, false); // a schedule racing close
        core.submitSchedule(late);
        assertFalse(core.hasPendingCommands(), "nothing left on the dead core's command stack");
        assertFalse(late.isScheduled());
        assertEquals(ScheduledTask.NO_DEADLINE, late.nextDeadlineTaiNanos());
    }
}
