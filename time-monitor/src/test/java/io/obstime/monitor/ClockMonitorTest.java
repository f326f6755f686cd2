package io.obstime.monitor;

import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.obstime.monitor.ScriptedReference.offset;
import static io.obstime.monitor.ScriptedReference.returnsNull;
import static io.obstime.monitor.ScriptedReference.silent;
import static io.obstime.monitor.ScriptedReference.throwing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ClockMonitor on simulated time, with FAKE references ({@link ScriptedReference}) for the verdicts. */
class ClockMonitorTest {

    private static final long MS = 1_000_000;

    private static SimulatedTimeSource simulated() {
        return SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse("2026-11-21T12:00:00Z")),
                LeapSecondTable.bundled());
    }

    @Test
    void checksAtTheIntervalOnSimulatedTimeWithoutAThread() {
        SimulatedTimeSource clock = simulated();
        long start = clock.taiNanos();
        List<ClockHealth> checks = new ArrayList<>();
        try (ClockMonitor monitor = ClockMonitor.builder().clock(clock).interval(Duration.ofSeconds(60))
                .onEveryCheck(checks::add).start()) {
            assertEquals(1, checks.size(), "the first check runs in start()");
            clock.advance(Duration.ofSeconds(299));
            assertEquals(5, checks.size());
            clock.advance(Duration.ofSeconds(1));
            assertEquals(6, checks.size());
            for (int i = 0; i < checks.size(); i++) {
                assertEquals(start + i * 60_000_000_000L, checks.get(i).checkedAt().epochNanos(), "check " + i);
            }
            assertEquals(Verdict.OK, monitor.latest().verdict(), monitor.latest().toString());
            assertEquals("kernel", monitor.latest().best().orElseThrow().reference());
        }
    }

    @Test
    void hysteresisHoldsTheVerdictUntilTwoChecksAgreeAndLogsOnceEachWay() {
        SimulatedTimeSource clock = simulated();
        RecordingLogger log = new RecordingLogger();
        // The simulated kernel vouches for 0 ± 0: a reference 50 ms off disagrees with it, an ALERT.
        ScriptedReference ntp = new ScriptedReference("ntp:a", offset(100_000, 200_000))
                .then(offset(50 * MS, 200_000), offset(100_000, 200_000), offset(50 * MS, 200_000),
                        offset(50 * MS, 200_000), offset(50 * MS, 200_000), offset(0, 200_000),
                        offset(0, 200_000));
        List<ClockHealth> changes = new ArrayList<>();
        List<Verdict> held = new ArrayList<>();
        List<Verdict> own = new ArrayList<>();
        try (ClockMonitor monitor = ClockMonitor.builder().clock(clock).reference(ntp).onVerdictChange(changes::add)
                .onEveryCheck(h -> {
                    held.add(h.verdict());
                    own.add(h.checkVerdict());
                }).internals(log, System::nanoTime).start()) {
            clock.advance(Duration.ofMinutes(7));
            assertEquals(List.of(Verdict.OK, Verdict.ALERT, Verdict.OK, Verdict.ALERT, Verdict.ALERT, Verdict.ALERT,
                    Verdict.OK, Verdict.OK), own);
            assertEquals(List.of(Verdict.OK, Verdict.OK, Verdict.OK, Verdict.OK, Verdict.ALERT, Verdict.ALERT,
                    Verdict.ALERT, Verdict.OK), held);
            assertEquals(3, changes.size(), "the first check, into ALERT, out of it");
            assertEquals(Verdict.ALERT, changes.get(1).verdict());
            assertTrue(changes.get(1).verdictChanged());
            assertEquals(1, log.at(Level.WARN).size(), log.lines.toString());
            assertTrue(log.at(Level.WARN).get(0).message().startsWith("Clock ALERT: "));
            assertTrue(log.at(Level.WARN).get(0).message().contains("disagree"));
            assertEquals(1, log.at(Level.INFO).size(), log.lines.toString());
            assertTrue(log.at(Level.INFO).get(0).message().startsWith("Clock recovered from ALERT, now OK"));
            assertEquals(Verdict.OK, monitor.latest().verdict());
        }
    }

    @Test
    void withOneHysteresisCheckEveryVerdictIsTakenAtOnce() {
        SimulatedTimeSource clock = simulated();
        ScriptedReference ntp = new ScriptedReference("ntp:a", offset(0, 1), offset(50 * MS, 1), offset(0, 1));
        List<Verdict> held = new ArrayList<>();
        try (ClockMonitor m = ClockMonitor.builder().clock(clock).reference(ntp).hysteresisChecks(1)
                .onEveryCheck(h -> held.add(h.verdict())).internals(new RecordingLogger(), System::nanoTime).start()) {
            clock.advance(Duration.ofMinutes(2));
            assertEquals(List.of(Verdict.OK, Verdict.ALERT, Verdict.OK), held);
            assertEquals(Verdict.OK, m.latest().verdict());
        }
    }

    @Test
    void aReferenceThatThrowsOrReturnsNullIsNoAnswerLoggedOnceAndTheChecksGoOn() {
        SimulatedTimeSource clock = simulated();
        RecordingLogger log = new RecordingLogger();
        ScriptedReference broken = new ScriptedReference("broken",
                throwing(new IllegalStateException("socket gone (expected by the test)")));
        ScriptedReference nulls = new ScriptedReference("nulls", returnsNull());
        List<ClockHealth> checks = new ArrayList<>();
        try (ClockMonitor m = ClockMonitor.builder().clock(clock).reference(broken).reference(nulls)
                .onEveryCheck(checks::add).internals(log, System::nanoTime).start()) {
            clock.advance(Duration.ofMinutes(5));
            assertEquals(checks.get(5), m.latest());
        }
        assertEquals(6, checks.size());
        assertEquals(6, broken.calls.get());
        ClockHealth last = checks.get(5);
        assertEquals(Verdict.DEGRADED, last.verdict(), last.toString());
        assertEquals("threw java.lang.IllegalStateException: socket gone (expected by the test)",
                last.readings().get(1).detail());
        assertEquals("returned no reading (null)", last.readings().get(2).detail());
        assertEquals(2, log.at(Level.WARN).size(), "once per reference: " + log.lines);
        assertNotNull(log.at(Level.WARN).get(0).thrown());
        assertEquals(1, broken.closes.get(), "close() closes the references");
    }

    @Test
    void aListenerThatThrowsIsLoggedOnceAndTheOthersAreStillTold() {
        SimulatedTimeSource clock = simulated();
        RecordingLogger log = new RecordingLogger();
        List<ClockHealth> told = new ArrayList<>();
        try (ClockMonitor m = ClockMonitor.builder().clock(clock).internals(log, System::nanoTime)
                .onEveryCheck(h -> {
                    throw new IllegalStateException("listener bug (expected by the test)");
                })
                .onEveryCheck(told::add).start()) {
            clock.advance(Duration.ofMinutes(3));
            assertEquals(told.get(3), m.latest());
        }
        assertEquals(4, told.size());
        assertEquals(1, log.at(Level.WARN).size(), log.lines.toString());
    }

    @Test
    void awaitHealthyReturnsWhenAnotherThreadsCheckMakesTheClockRight() throws Exception {
        SimulatedTimeSource clock = simulated();
        ScriptedReference ntp = new ScriptedReference("ntp:a", silent("no reply (scripted)"), silent("no reply"))
                .then(offset(100_000, 200_000));
        try (ClockMonitor m = ClockMonitor.builder().clock(clock).reference(ntp).start()) {
            assertEquals(Verdict.DEGRADED, m.latest().verdict());
            assertFalse(m.awaitHealthy(Duration.ZERO));
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<Boolean> healthy = CompletableFuture.supplyAsync(() -> {
                waiting.countDown();
                try {
                    return m.awaitHealthy(Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(waiting.await(30, TimeUnit.SECONDS));
            clock.advance(Duration.ofMinutes(3)); // checks 2 (silent), 3 and 4 (answer): OK at the second agreeing
            assertTrue(healthy.get(30, TimeUnit.SECONDS));
            assertEquals(Verdict.OK, m.latest().verdict());
        }
    }

    @Test
    void closeStopsTheChecksAndWakesTheWaiters() throws Exception {
        SimulatedTimeSource clock = simulated();
        ScriptedReference ntp = new ScriptedReference("ntp:a", silent("no reply (scripted)"));
        List<ClockHealth> checks = new ArrayList<>();
        ClockMonitor m = ClockMonitor.builder().clock(clock).reference(ntp).onEveryCheck(checks::add).start();
        CompletableFuture<Boolean> healthy = CompletableFuture.supplyAsync(() -> {
            try {
                return m.awaitHealthy(Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        m.close();
        assertFalse(healthy.get(30, TimeUnit.SECONDS), "a closed monitor is not healthy");
        clock.advance(Duration.ofMinutes(10));
        assertEquals(1, checks.size());
        assertTrue(m.isClosed());
        assertThrows(IllegalStateException.class, m::checkNow);
        m.close(); // idempotent
        assertEquals(1, ntp.closes.get());
    }

    @Test
    void onARealClockOneDaemonThreadChecksAndCloseEndsIt() throws Exception {
        CountDownLatch checked = new CountDownLatch(2);
        ClockMonitor m = ClockMonitor.builder().clock(TimeSource.system()).interval(Duration.ofMillis(1))
                .onEveryCheck(h -> checked.countDown()).start();
        try {
            assertTrue(checked.await(60, TimeUnit.SECONDS));
            Thread thread = monitorThread();
            assertNotNull(thread);
            assertTrue(thread.isDaemon());
        } finally {
            m.close();
        }
        assertEquals(null, monitorThread(), "close() returns after the thread has ended");
        assertNotNull(m.latest());
    }

    private static Thread monitorThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(ClockMonitor.THREAD_NAME) && t.isAlive()).findFirst().orElse(null);
    }

    @Test
    void badSettingsAreRejectedByName() {
        ClockMonitor.Builder b = ClockMonitor.builder();
        assertMessage("interval must be positive: PT0S", () -> b.interval(Duration.ZERO));
        assertMessage("interval must be positive: PT-1S", () -> b.interval(Duration.ofSeconds(-1)));
        assertMessage("threshold must be positive: PT0S", () -> b.threshold(Duration.ZERO));
        assertMessage("threshold must be positive: PT-0.001S", () -> b.threshold(Duration.ofMillis(-1)));
        assertMessage("referenceTimeout must be positive: PT0S", () -> b.referenceTimeout(Duration.ZERO));
        assertMessage("hysteresisChecks must be at least 1: 0", () -> b.hysteresisChecks(0));
        assertMessage("reference: the kernel is always checked; do not add a KernelReference",
                () -> b.reference(KernelReference.of()));
        assertThrows(NullPointerException.class, () -> b.interval(null));
    }

    private static void assertMessage(String expected, Runnable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call::run).getMessage());
    }

    @Test
    void anIntervalBeyondFiveMinutesIsAcceptedWithOneWarnQuotingTheRequirement() {
        SimulatedTimeSource clock = simulated();
        RecordingLogger log = new RecordingLogger();
        List<ClockHealth> checks = new ArrayList<>();
        try (ClockMonitor m = ClockMonitor.builder().clock(clock).interval(Duration.ofMinutes(10))
                .internals(log, System::nanoTime).onEveryCheck(checks::add).start()) {
            clock.advance(Duration.ofMinutes(30));
            assertEquals(checks.get(3), m.latest());
        }
        assertEquals(4, checks.size());
        assertEquals(1, log.at(Level.WARN).size());
        assertTrue(log.at(Level.WARN).get(0).message().contains("\"checked at an interval of not more than 5 minutes\""));
        RecordingLogger quiet = new RecordingLogger();
        ClockMonitor.builder().clock(clock).interval(Duration.ofMinutes(5)).internals(quiet, System::nanoTime).build()
                .close();
        assertTrue(quiet.lines.isEmpty(), "exactly 5 minutes is within the requirement");
    }

    @Test
    void anUnsynchronisedKernelAloneIsUnknownAndAWrongTaiOffsetDegrades() {
        StatusClock clock = new StatusClock("2026-11-21T12:00:00Z").unsynchronised();
        try (ClockMonitor m = ClockMonitor.builder().clock(clock).internals(new RecordingLogger(), System::nanoTime)
                .build()) {
            ClockHealth h = m.checkNow();
            assertEquals(Verdict.UNKNOWN, h.verdict());
            assertTrue(h.best().isEmpty());
            assertEquals(-1, h.uncertaintyNanos());
            clock.with(true, 1_000, 0, io.obstime.clock.ClockBackend.JNA);
            clock.time.advance(Duration.ofSeconds(60));
            h = m.checkNow();
            assertEquals(Verdict.UNKNOWN, h.verdict(), "held: one check is not enough");
            assertEquals(Verdict.DEGRADED, h.checkVerdict());
            assertFalse(h.kernelTaiOffsetAgrees());
            h = m.checkNow();
            assertEquals(Verdict.DEGRADED, h.verdict());
            assertTrue(h.toString().contains("TAI offset 0 s (leap table: 37 s)"), h.toString());
        }
    }
}
