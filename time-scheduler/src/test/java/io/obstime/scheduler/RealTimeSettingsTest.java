package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.UtcTime;
import java.time.Instant;
import io.obstime.clock.internal.linux.KernelCallException;
import io.obstime.clock.internal.linux.ThreadScheduling;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RealTimeSettingsTest {

    private static final TimeSchedulerSettings D = TimeSchedulerSettings.defaults();

    @Test
    void defaultsChangeNothingAboutTheTimerThread() {
        assertEquals(TimerThreadPolicy.INHERITED, D.timerThreadPolicy());
        assertEquals(0, D.timerThreadRealTimePriority());
        assertTrue(D.timerThreadCpus().isEmpty());
        assertEquals(false, D.realTimeSpinAllowed());
    }

    @Test
    void policyPriorityAndCpusAreKeptSortedAndTakePartInEquality() {
        TimeSchedulerSettings s = D.withTimerThreadPolicy(TimerThreadPolicy.RR, 99).withTimerThreadCpus(0, 0)
                .withRealTimeSpinAllowed(true);
        assertEquals(TimerThreadPolicy.RR, s.timerThreadPolicy());
        assertEquals(99, s.timerThreadRealTimePriority());
        assertEquals(new TreeSet<>(List.of(0)), s.timerThreadCpus());
        assertTrue(s.realTimeSpinAllowed());
        assertNotEquals(D, s);
        assertEquals(s, D.withTimerThreadCpus(0).withTimerThreadPolicy(TimerThreadPolicy.RR, 99)
                .withRealTimeSpinAllowed(true));
        assertEquals(s.hashCode(), D.withTimerThreadCpus(0).withTimerThreadPolicy(TimerThreadPolicy.RR, 99)
                .withRealTimeSpinAllowed(true).hashCode());
        assertEquals(D, s.withTimerThreadPolicy(TimerThreadPolicy.INHERITED, 0).withInheritedTimerThreadCpus()
                .withRealTimeSpinAllowed(false));
        assertTrue(s.toString().contains("timerThreadPolicy=RR, timerThreadRealTimePriority=99, timerThreadCpus=[0]"),
                s.toString());
    }

    @Test
    void aPriorityOutsideThePolicysKernelRangeIsRejected() {
        int max = ThreadScheduling.priorityMax(ThreadScheduling.SCHED_FIFO);
        int min = ThreadScheduling.priorityMin(ThreadScheduling.SCHED_FIFO);
        assertEquals(max, D.withTimerThreadPolicy(TimerThreadPolicy.FIFO, max).timerThreadRealTimePriority());
        assertMessage("timerThreadRealTimePriority for FIFO must be in [" + min + ", " + max + "], was " + (max + 1),
                () -> D.withTimerThreadPolicy(TimerThreadPolicy.FIFO, max + 1));
        assertMessage("timerThreadRealTimePriority for RR must be in [" + min + ", " + max + "], was " + (min - 1),
                () -> D.withTimerThreadPolicy(TimerThreadPolicy.RR, min - 1));
        assertMessage("timerThreadRealTimePriority for INHERITED must be in [0, 0] (a priority needs FIFO or RR), "
                + "was 5", () -> D.withTimerThreadPolicy(TimerThreadPolicy.INHERITED, 5));
        assertThrows(NullPointerException.class, () -> D.withTimerThreadPolicy(null, 1));
    }

    @Test
    void anEmptyNegativeOrAbsentCpuIsRejected() {
        int count = ThreadScheduling.possibleCpuCount();
        assertMessage("timerThreadCpus must not be empty (withInheritedTimerThreadCpus() leaves the affinity as "
                + "inherited)", () -> D.withTimerThreadCpus());
        assertMessage("timerThreadCpus must be CPU numbers in [0, " + (count - 1)
                + "] (/sys/devices/system/cpu/possible), was -1 in [0, -1]", () -> D.withTimerThreadCpus(0, -1));
        assertMessage("timerThreadCpus must be CPU numbers in [0, " + (count - 1)
                + "] (/sys/devices/system/cpu/possible), was " + count + " in [" + count + "]",
                () -> D.withTimerThreadCpus(count));
        assertThrows(NullPointerException.class, () -> D.withTimerThreadCpus((int[]) null));
    }

    @Test
    void spinningUnderARealTimePolicyIsRefusedUnlessAllowed() {
        TimeSchedulerSettings spinningFifo = D.withSpinMarginNanos(200_000)
                .withTimerThreadPolicy(TimerThreadPolicy.FIFO, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, spinningFifo::validated);
        assertTrue(e.getMessage().startsWith("spinMarginNanos = 200000 with timerThreadPolicy FIFO is refused: a "
                + "real-time thread that spins is never preempted by normal threads and can starve its CPU"),
                e.getMessage());
        IllegalArgumentException atStart = assertThrows(IllegalArgumentException.class,
                () -> TimeScheduler.standalone(simulated(), spinningFifo));
        assertEquals(e.getMessage(), atStart.getMessage());
        TimeSchedulerSettings allowed = spinningFifo.withRealTimeSpinAllowed(true);
        assertEquals(allowed, allowed.validated());
        assertEquals(D.withSpinMarginNanos(200_000), D.withSpinMarginNanos(200_000).validated());
    }

    @Test
    void aSimulatedSchedulerHasNoTimerThreadToReport() {
        try (TimeScheduler s = TimeScheduler.standalone(simulated(),
                D.withTimerThreadPolicy(TimerThreadPolicy.FIFO, 10))) {
            assertEquals(Optional.empty(), s.timerThreadScheduling());
        }
    }

    @Test
    void aPermissionRefusalNamesTheRemediesAndOtherRefusalsDoNot() {
        String eperm = RealTimeThread.refusal(new KernelCallException("sched_setscheduler(7, SCHED_FIFO | "
                + "SCHED_RESET_ON_FORK, {80})", KernelCallException.EPERM, "failed"), "FIFO priority 80");
        assertTrue(eperm.startsWith("FIFO priority 80 not applied (sched_setscheduler(7, SCHED_FIFO | "
                + "SCHED_RESET_ON_FORK, {80}) failed: errno EPERM (1)): the process may not use real-time scheduling"),
                eperm);
        for (String remedy : List.of("ulimit -r", "LimitRTPRIO=", "setcap cap_sys_nice")) {
            assertTrue(eperm.contains(remedy), eperm);
        }
        String einval = RealTimeThread.refusal(new KernelCallException("sched_setaffinity(7, 128, {1})",
                KernelCallException.EINVAL, "failed"), "CPU affinity [1]");
        assertTrue(einval.endsWith("none of these CPUs is online and allowed to this process (its cpuset; see "
                + "`taskset -p <pid>`)"), einval);
        assertTrue(!einval.contains("ulimit"), einval);
    }

    private static SimulatedTimeSource simulated() {
        return SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse("2026-11-29T12:00:00Z")),
                LeapSecondTable.bundled());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
