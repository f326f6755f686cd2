package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class TimeSchedulerSettingsTest {

    @Test
    void defaultsAreDocumentedValues() {
        TimeSchedulerSettings d = TimeSchedulerSettings.defaults();
        assertEquals(0, d.spinMarginNanos());
        assertEquals(1, d.timerSlackNanos());
        assertEquals(100_000, d.minPeriodNanos());
        assertEquals(100_000_000, d.maxParkNanos());
        assertEquals(MissedTickPolicy.SKIP, d.missedTickPolicy());
        assertEquals(1_000_000_000L, d.maxCatchUpNanos());
        assertEquals(TaskFailurePolicy.CONTINUE, d.taskFailurePolicy());
        assertEquals(Optional.empty(), d.executor());
        assertEquals("obstime-timer", d.timerThreadName());
        assertEquals(Thread.NORM_PRIORITY, d.timerThreadPriority());
        assertTrue(d.simulatedFailuresRethrown());
        assertEquals(10_000_000_000L, d.overrunLogIntervalNanos());
    }

    @Test
    void withMethodsReturnChangedCopiesAndLeaveTheOriginalAlone() {
        Executor direct = Runnable::run;
        TimeSchedulerSettings d = TimeSchedulerSettings.defaults();
        TimeSchedulerSettings s = d.withSpinMarginNanos(200_000).withTimerSlackNanos(0).withMinPeriodNanos(10)
                .withMaxParkNanos(5).withMissedTickPolicy(MissedTickPolicy.CATCH_UP).withMaxCatchUpNanos(7)
                .withTaskFailurePolicy(TaskFailurePolicy.CANCEL).withExecutor(direct).withTimerThreadName("t")
                .withTimerThreadPriority(Thread.MAX_PRIORITY).withSimulatedFailuresRethrown(false)
                .withOverrunLogIntervalNanos(0);
        assertEquals(200_000, s.spinMarginNanos());
        assertEquals(0, s.timerSlackNanos());
        assertEquals(10, s.minPeriodNanos());
        assertEquals(5, s.maxParkNanos());
        assertEquals(MissedTickPolicy.CATCH_UP, s.missedTickPolicy());
        assertEquals(7, s.maxCatchUpNanos());
        assertEquals(TaskFailurePolicy.CANCEL, s.taskFailurePolicy());
        assertSame(direct, s.executor().orElseThrow());
        assertEquals("t", s.timerThreadName());
        assertEquals(Thread.MAX_PRIORITY, s.timerThreadPriority());
        assertFalse(s.simulatedFailuresRethrown());
        assertEquals(0, s.overrunLogIntervalNanos());
        assertNotEquals(d, d.withSimulatedFailuresRethrown(false));
        assertEquals(Optional.empty(), s.withInlineExecution().executor());
        assertEquals(TimeSchedulerSettings.defaults(), d);
        assertEquals(d, TimeSchedulerSettings.defaults().withSpinMarginNanos(0));
        assertEquals(d.hashCode(), TimeSchedulerSettings.defaults().withSpinMarginNanos(0).hashCode());
        assertNotEquals(d, s);
        assertTrue(s.toString().contains("spinMarginNanos=200000"), s.toString());
    }

    @Test
    void invalidValuesAreRejectedNamingTheSettingAndValue() {
        TimeSchedulerSettings d = TimeSchedulerSettings.defaults();
        assertMessage("spinMarginNanos must be >= 0, was -1", () -> d.withSpinMarginNanos(-1));
        assertMessage("timerSlackNanos must be >= 0 (0 = inherited), was -5", () -> d.withTimerSlackNanos(-5));
        assertMessage("minPeriodNanos must be >= 1, was 0", () -> d.withMinPeriodNanos(0));
        assertMessage("maxParkNanos must be >= 1, was 0", () -> d.withMaxParkNanos(0));
        assertMessage("maxCatchUpNanos must be >= 1, was -1", () -> d.withMaxCatchUpNanos(-1));
        assertMessage("timerThreadPriority must be in [1, 10], was 11", () -> d.withTimerThreadPriority(11));
        assertMessage("timerThreadName must not be empty", () -> d.withTimerThreadName(""));
        assertMessage("overrunLogIntervalNanos must be >= 0 (0 = never log), was -1",
                () -> d.withOverrunLogIntervalNanos(-1));
        assertEquals("executor", assertThrows(NullPointerException.class, () -> d.withExecutor(null)).getMessage());
        assertEquals("missedTickPolicy",
                assertThrows(NullPointerException.class, () -> d.withMissedTickPolicy(null)).getMessage());
        assertEquals("taskFailurePolicy",
                assertThrows(NullPointerException.class, () -> d.withTaskFailurePolicy(null)).getMessage());
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
