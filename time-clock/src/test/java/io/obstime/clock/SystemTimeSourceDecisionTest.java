package io.obstime.clock;

import static io.obstime.clock.FakeKernelClock.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.internal.linux.KernelTimex;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The choice between CLOCK_TAI and the leap-second table, on a kernel the test controls. */
class SystemTimeSourceDecisionTest {

    private static final LeapSecondTable TABLE = LeapSecondTable.bundled();
    private static final Instant NOW = Instant.parse("2026-11-21T22:00:00.123456789Z");

    private static SystemTimeSource source(FakeKernelClock kernel) {
        return new SystemTimeSource(kernel, TABLE, "test", null);
    }

    @Test
    void kernelOffsetZeroGivesUtcPlusTableOffsetAndWarnsOnce() {
        FakeKernelClock kernel = new FakeKernelClock(NOW);
        SystemTimeSource source = source(kernel);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(kernel.realtimeNanos + 37 * SECOND, source.taiNanos());
            assertEquals(37, source.taiOffset());
            kernel.advanceSeconds(7.3); // across many re-checks
        }
        ClockStatus status = source.status();
        assertEquals(TaiSource.LEAP_SECOND_TABLE, status.taiSource());
        assertEquals(0, status.kernelTaiOffset());
        assertEquals(37, status.taiOffset());
        assertEquals(1, source.warningsLogged());
        assertEquals(0, source.infosLogged());
    }

    @Test
    void kernelOffsetAgreeingWithTableIsReadDirectly() {
        FakeKernelClock kernel = new FakeKernelClock(NOW);
        kernel.kernelTaiOffset = 37;
        SystemTimeSource source = source(kernel);
        for (int i = 0; i < 100; i++) {
            assertEquals(kernel.realtimeNanos + 37 * SECOND + kernel.taiMarkerNanos, source.taiNanos());
            kernel.advanceSeconds(13.1);
        }
        assertEquals(37, source.taiOffset());
        assertEquals(TaiSource.KERNEL, source.status().taiSource());
        assertEquals(37, source.status().kernelTaiOffset());
        assertEquals(0, source.warningsLogged());
    }

    @Test
    void kernelOffsetSetLaterIsPickedUpAtTheNextRecheckAndLoggedOnce() {
        FakeKernelClock kernel = new FakeKernelClock(NOW);
        SystemTimeSource source = source(kernel);
        assertEquals(kernel.realtimeNanos + 37 * SECOND, source.taiNanos());

        kernel.kernelTaiOffset = 37; // chrony sets the offset
        kernel.advanceSeconds(59);
        assertEquals(kernel.realtimeNanos + 37 * SECOND, source.taiNanos(), "still the table before the re-check");
        kernel.advanceSeconds(1.5);
        assertEquals(kernel.realtimeNanos + 37 * SECOND + kernel.taiMarkerNanos, source.taiNanos(), "CLOCK_TAI");
        for (int i = 0; i < 10; i++) {
            kernel.advanceSeconds(61);
            source.taiNanos();
        }
        assertEquals(1, source.infosLogged());
        assertEquals(1, source.warningsLogged());
        assertEquals(TaiSource.KERNEL, source.status().taiSource());
    }

    @Test
    void kernelOffsetLostLaterFallsBackToTheTableWithoutASecondWarn() {
        FakeKernelClock kernel = new FakeKernelClock(NOW);
        kernel.kernelTaiOffset = 37;
        SystemTimeSource source = source(kernel);
        kernel.kernelTaiOffset = 0;
        // On the kernel path the re-check window is measured on CLOCK_TAI minus the offset seen at the check: the
        // offset falling by 37 s delays the re-check by 37 s.
        kernel.advanceSeconds(61 + 37);
        assertEquals(kernel.realtimeNanos + 37 * SECOND, source.taiNanos());
        assertEquals(1, source.warningsLogged());
        kernel.kernelTaiOffset = 37;
        kernel.advanceSeconds(61);
        source.taiNanos();
        kernel.kernelTaiOffset = 0;
        kernel.advanceSeconds(61 + 37);
        source.taiNanos();
        assertEquals(1, source.warningsLogged(), "flapping logs INFO after the first WARN");
        assertEquals(2, source.infosLogged());
    }

    @Test
    void kernelOffsetTwoAheadOrOneBehindTheTableUsesTheTable() {
        for (int kernelOffset : new int[] {36, 35, 39, 1, -5}) {
            FakeKernelClock kernel = new FakeKernelClock(NOW);
            kernel.kernelTaiOffset = kernelOffset;
            SystemTimeSource source = source(kernel);
            assertEquals(kernel.realtimeNanos + 37 * SECOND, source.taiNanos(), "kernel offset " + kernelOffset);
            assertEquals(TaiSource.LEAP_SECOND_TABLE, source.status().taiSource());
            assertEquals(kernelOffset, source.status().kernelTaiOffset());
            assertEquals(1, source.warningsLogged());
        }
    }

    @Test
    void kernelOneSecondOffAValidTableAtAnOrdinaryInstantIsNotTrusted() {
        for (int kernelOffset : new int[] {36, 38}) {
            FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-03-01T12:00:00Z"));
            kernel.kernelTaiOffset = kernelOffset; // a stale PTP grandmaster, a leap second the kernel missed
            SystemTimeSource source = source(kernel);
            assertEquals(TaiSource.LEAP_SECOND_TABLE, source.status().taiSource(), "kernel " + kernelOffset);
            assertEquals(37, source.taiOffset());
            assertEquals(kernel.realtimeNanos + 37 * SECOND, source.taiNanos());
            assertEquals(1, source.warningsLogged());
        }
    }

    @Test
    void kernelOneSecondOffAnExpiredTableIsTrustedWithOneWarn() {
        // The bundled table expires on 2027-06-28: later, the kernel may know a leap second announced since.
        for (int kernelOffset : new int[] {36, 38}) {
            FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2028-03-01T12:00:00Z"));
            kernel.kernelTaiOffset = kernelOffset;
            SystemTimeSource source = source(kernel);
            assertEquals(TaiSource.KERNEL, source.status().taiSource(), "kernel " + kernelOffset);
            assertEquals(kernelOffset, source.taiOffset());
            for (int i = 0; i < 10; i++) {
                kernel.advanceSeconds(61);
                assertEquals(kernel.realtimeNanos + kernelOffset * SECOND + kernel.taiMarkerNanos, source.taiNanos());
            }
            assertEquals(1, source.warningsLogged(), "once, not per re-check");
        }
    }

    @Test
    void kernelOneSecondAheadIsTrustedWhileAdjtimexSaysTimeOop() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-03-01T12:00:00Z"));
        kernel.kernelTaiOffset = 38; // a leap second the table does not have, in progress
        kernel.state = KernelTimex.TIME_OOP;
        kernel.status = KernelTimex.STA_INS;
        assertEquals(TaiSource.KERNEL, source(kernel).status().taiSource());
    }

    @Test
    void kernelThatMissesALeapSecondOfTheTableIsDroppedASecondAfterTheLeapMidnight() {
        LeapSecondTable table = TABLE.withLeapSecond(LocalDate.of(2026, 12, 31), true);
        long midnight = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond() * SECOND;
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:59:30Z"));
        kernel.kernelTaiOffset = 37; // right until midnight; nobody told it of the leap second
        SystemTimeSource source = new SystemTimeSource(kernel, table, "test", null);
        assertEquals(TaiSource.KERNEL, source.status().taiSource());
        kernel.realtimeNanos = midnight + SECOND + 1;
        assertEquals(kernel.realtimeNanos + 38 * SECOND, source.taiNanos(), "table from M + 1 s, not a minute later");
        assertEquals(TaiSource.LEAP_SECOND_TABLE, source.status().taiSource());
        assertEquals(1, source.warningsLogged());
    }

    @Test
    void kernelSteppingThroughAnInsertedLeapSecondStaysTheSource() {
        LeapSecondTable table = TABLE.withLeapSecond(LocalDate.of(2026, 12, 31), true);
        long midnight = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond() * SECOND;
        // Decided at 23:59:00.35: the re-check falls due at CLOCK_TAI − 37 s = 00:00:00.35, which is while the kernel
        // repeats 23:59:59 (CLOCK_TAI − 37 s is then REALTIME + 1 s), one second ahead of the table's 37 s.
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:59:00.35Z"));
        kernel.kernelTaiOffset = 37;
        kernel.state = KernelTimex.TIME_INS;
        kernel.status = KernelTimex.STA_INS;
        SystemTimeSource source = new SystemTimeSource(kernel, table, "test", null);
        long previous = source.taiNanos();
        boolean inserted = false;
        for (int i = 0; i < 40; i++) { // to 23:59:59.45, then 0.1 s steps over the leap, re-deciding inside it
            kernel.advanceNanos(i == 0 ? 59 * SECOND + SECOND / 10 : SECOND / 10);
            if (!inserted && kernel.realtimeNanos >= midnight) {
                kernel.insertLeapSecond();
                inserted = true;
                assertEquals(TaiSource.KERNEL, source.status().taiSource(), "kernel one ahead during TIME_OOP");
            }
            long tai = source.taiNanos();
            assertEquals(kernel.realtimeNanos + kernel.kernelTaiOffset * SECOND + kernel.taiMarkerNanos, tai);
            assertTrue(tai > previous);
            previous = tai;
        }
        assertEquals(38, source.taiOffset());
        assertEquals(0, source.warningsLogged());
    }

    @Test
    void aReaderNeverWaitsForAnotherThreadsRecheck() throws Exception {
        FakeKernelClock kernel = new FakeKernelClock(NOW);
        SystemTimeSource source = source(kernel);
        kernel.advanceSeconds(61); // the next read re-decides
        CountDownLatch deciding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The decider's CLOCK_TAI read (made only while deciding) parks it, holding the right to decide.
        FakeKernelClock.Hook hold = () -> {
            deciding.countDown();
            release.await();
        };
        kernel.onTaiRead = hold;
        Thread decider = new Thread(source::taiNanos, "decider");
        decider.start();
        deciding.await();
        try {
            // This thread finds the decision taken by another and reads on without waiting: the table's mapping.
            assertEquals(kernel.realtimeNanos + 37 * SECOND, source.taiNanos());
            assertEquals(TaiSource.LEAP_SECOND_TABLE, source.status().taiSource());
        } finally {
            release.countDown();
        }
        decider.join();
        assertEquals(1, source.warningsLogged());
    }

    @Test
    void clockSteppedBackAcrossALeapSecondUsesTheOffsetOfTheNewInstant() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2017-01-01T00:00:30Z"));
        SystemTimeSource source = source(kernel);
        assertEquals(kernel.realtimeNanos + 37 * SECOND, source.taiNanos());
        kernel.advanceSeconds(-3600);
        assertEquals(kernel.realtimeNanos + 36 * SECOND, source.taiNanos());
        assertEquals(36, source.taiOffset());
    }

    @Test
    void insertedLeapSecondKeepsTaiContinuousOnTheTablePath() {
        LocalDate day = LocalDate.of(2026, 12, 31);
        LeapSecondTable table = TABLE.withLeapSecond(day, true);
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:58:30Z"));
        kernel.state = KernelTimex.TIME_INS;
        kernel.status = KernelTimex.STA_INS;
        SystemTimeSource source = new SystemTimeSource(kernel, table, "test", null);
        assertLeapSecondContinuous(kernel, source);
    }

    @Test
    void insertedLeapSecondOnAnUnsynchronisedKernelIsSeenThroughRealtimeMinusMonotonic() {
        LocalDate day = LocalDate.of(2026, 12, 31);
        LeapSecondTable table = TABLE.withLeapSecond(day, true);
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:58:30Z"));
        kernel.state = KernelTimex.TIME_ERROR; // adjtimex says TIME_ERROR even during the leap second
        kernel.status = KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
        SystemTimeSource source = new SystemTimeSource(kernel, table, "test", null);
        assertLeapSecondContinuous(kernel, source);
    }

    @Test
    void leapSecondInsertedBetweenTheMonotonicAndTheRealtimeReadIsNoticed() {
        LeapSecondTable table = TABLE.withLeapSecond(LocalDate.of(2026, 12, 31), true);
        long midnight = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond() * SECOND;
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:59:58.95Z"));
        kernel.state = KernelTimex.TIME_ERROR;
        kernel.status = KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
        SystemTimeSource source = new SystemTimeSource(kernel, table, "test", null);
        kernel.advanceSeconds(1); // 23:59:59.95, first time
        long before = source.taiNanos();
        assertEquals(midnight - SECOND / 20 + 37 * SECOND, before);
        kernel.afterNextMonotonic = () -> {
            kernel.advanceSeconds(0.1); // past midnight: the kernel inserts the second
            kernel.insertLeapSecond();
        };
        assertEquals(before + SECOND / 10, source.taiNanos());
        assertEquals(before + SECOND / 10, source.taiNanos());
    }

    @Test
    void statusCalledInsideTheRepeatedSecondOfAnUnsynchronisedKernelDoesNotMoveTaiBack() {
        LeapSecondTable table = TABLE.withLeapSecond(LocalDate.of(2026, 12, 31), true);
        long midnight = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond() * SECOND;
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:59:30Z"));
        kernel.state = KernelTimex.TIME_ERROR;
        kernel.status = KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
        SystemTimeSource source = new SystemTimeSource(kernel, table, "test", null);
        kernel.advanceSeconds(30.2); // 00:00:00.2: the kernel repeats 23:59:59.2
        kernel.insertLeapSecond();
        long t1 = source.taiNanos();
        assertEquals(midnight + SECOND / 5 + 37 * SECOND, t1);
        assertEquals(LeapState.IN_PROGRESS, source.status().leapState(), "seen although adjtimex says TIME_ERROR");
        kernel.advanceSeconds(0.1);
        assertEquals(t1 + SECOND / 10, source.taiNanos(), "the review's B1: status() then 0.1 s later");
        assertEquals(38, source.taiOffset());
    }

    @Test
    void sourceBuiltInsideTheRepeatedSecondUsesTimeOopOrElseNeverGoesBack() {
        LeapSecondTable table = TABLE.withLeapSecond(LocalDate.of(2026, 12, 31), true);
        long midnight = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond() * SECOND;
        for (boolean synced : new boolean[] {true, false}) {
            FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2027-01-01T00:00:00.4Z"));
            kernel.state = synced ? KernelTimex.TIME_INS : KernelTimex.TIME_ERROR;
            kernel.status = synced ? KernelTimex.STA_INS : KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
            kernel.insertLeapSecond(); // 23:59:59.4 for the second time, TIME_OOP if synchronised
            SystemTimeSource source = new SystemTimeSource(kernel, table, "test", null);
            long trueTai = midnight - 6 * SECOND / 10 + 38 * SECOND; // 23:59:59.4 the second time
            long previous = source.taiNanos();
            // Synchronised: adjtimex says TIME_OOP, TAI is right. Unsynchronised: nothing tells the repeat from
            // the first 23:59:59, TAI is the table's (one second early), then jumps forward at 00:00:00.
            assertEquals(synced ? trueTai : trueTai - SECOND, previous, "synced " + synced);
            for (int i = 0; i < 20; i++) {
                kernel.advanceSeconds(0.1);
                long tai = source.taiNanos();
                assertTrue(tai > previous, "synced " + synced + ": " + previous + " -> " + tai);
                previous = tai;
            }
            assertEquals(trueTai + 2 * SECOND, previous, "synced " + synced);
        }
    }

    private static void assertLeapSecondContinuous(FakeKernelClock kernel, SystemTimeSource source) {
        long step = 100_000_000L; // 0.1 s
        long previousTai = source.taiNanos();
        long firstTai = previousTai;
        long midnight = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond() * SECOND;
        boolean inserted = false;
        int steps = 0;
        while (kernel.realtimeNanos < midnight + 120 * SECOND) {
            kernel.advanceNanos(step);
            steps++;
            if (!inserted && kernel.realtimeNanos >= midnight) {
                kernel.insertLeapSecond();
                inserted = true;
            }
            if (inserted && kernel.state == KernelTimex.TIME_OOP && kernel.realtimeNanos >= midnight) {
                kernel.state = KernelTimex.TIME_WAIT;
            }
            long tai = source.taiNanos();
            assertEquals(previousTai + step, tai, "TAI continuous at UTC " + kernel.realtimeNanos);
            previousTai = tai;
            long utc = kernel.realtimeNanos;
            int offset = source.taiOffset();
            if (utc < midnight - SECOND) {
                assertEquals(37, offset);
            } else if (utc >= midnight) {
                assertEquals(38, offset);
            }
        }
        assertEquals(firstTai + steps * step, previousTai);
        assertEquals(38, source.taiOffset());
        assertEquals(kernel.realtimeNanos + 38 * SECOND, source.taiNanos());
        assertTrue(kernel.adjtimexCalls < 100, "adjtimex only around the leap: " + kernel.adjtimexCalls);
    }

    @Test
    void einvalOnClockTaiGivesTheFallbackWithOneWarn() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.now());
        kernel.taiEinval = true;
        SystemTimeSource source = SystemTimeSource.create(null, 17, "Linux", TABLE,
                () -> { throw new AssertionError("no FFM on 17"); }, () -> kernel);
        ClockStatus status = source.status();
        assertEquals(ClockBackend.FALLBACK, status.backend());
        assertEquals(TaiSource.LEAP_SECOND_TABLE, status.taiSource());
        assertEquals(LeapState.UNKNOWN, status.leapState());
        assertEquals(-1, status.kernelTaiOffset());
        assertFalse(status.synchronised());
        assertEquals(37, source.taiOffset());
        assertEquals(1, source.warningsLogged());
    }

    @Test
    void einvalOnClockTaiFromFfmDoesNotTryJna() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.now());
        kernel.taiEinval = true;
        SystemTimeSource source = SystemTimeSource.create(null, 25, "Linux", TABLE, () -> kernel,
                () -> { throw new AssertionError("the kernel has no CLOCK_TAI: JNA cannot help"); });
        assertEquals(ClockBackend.FALLBACK, source.status().backend());
    }

    @Test
    void unusableFfmFallsBackToJnaWithOneWarn() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.now());
        kernel.kernelTaiOffset = 37;
        SystemTimeSource source = SystemTimeSource.create(null, 25, "Linux", TABLE,
                () -> { throw new IllegalCallerException("native access denied"); }, () -> kernel);
        assertEquals(ClockBackend.JNA, source.status().backend());
        assertEquals(1, source.warningsLogged());
        assertTrue(source.selection().startsWith("JNA: automatic on JDK 25"), source.selection());
    }

    @Test
    void jnaThatCannotLoadGivesTheFallback() {
        SystemTimeSource source = SystemTimeSource.create(null, 17, "Linux", TABLE,
                () -> { throw new AssertionError(); }, () -> { throw new UnsatisfiedLinkError("no jnidispatch"); });
        assertEquals(ClockBackend.FALLBACK, source.status().backend());
        assertEquals(1, source.warningsLogged());
        assertEquals(37 * SECOND, source.taiNanos() - source.utcNanos(), 1_000_000);
    }

    @Test
    void forcedBackendsAreHonoured() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.now());
        SystemTimeSource.Loader fails = () -> { throw new AssertionError("not this one"); };
        assertEquals(ClockBackend.FALLBACK,
                SystemTimeSource.create("fallback", 25, "Linux", TABLE, fails, fails).status().backend());
        assertSame(ClockBackend.JNA,
                SystemTimeSource.create("jna", 25, "Linux", TABLE, fails, () -> kernel).status().backend());
        assertTrue(SystemTimeSource.create("FFM", 25, "Linux", TABLE, () -> kernel, fails).selection()
                .startsWith("JNA: forced"), "the fake says JNA, but it came through the FFM loader");
        SystemTimeSource forcedFfmOn17 = SystemTimeSource.create("ffm", 17, "Linux", TABLE, fails, fails);
        assertEquals(ClockBackend.FALLBACK, forcedFfmOn17.status().backend());
        assertEquals(1, forcedFfmOn17.warningsLogged());
        assertEquals(0, SystemTimeSource.create("fallback", 25, "Linux", TABLE, fails, fails).warningsLogged());
    }

    @Test
    void unknownBackendValueIsWarnedAndIgnored() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.now());
        kernel.kernelTaiOffset = 37;
        SystemTimeSource source = SystemTimeSource.create("jnaa", 17, "Linux", TABLE,
                () -> { throw new AssertionError(); }, () -> kernel);
        assertEquals(ClockBackend.JNA, source.status().backend());
        assertEquals(1, source.warningsLogged());
    }

    @Test
    void nonLinuxGivesTheFallback() {
        SystemTimeSource source = SystemTimeSource.create(null, 25, "Mac OS X", TABLE,
                () -> { throw new AssertionError(); }, () -> { throw new AssertionError(); });
        assertEquals(ClockBackend.FALLBACK, source.status().backend());
        assertEquals(1, source.warningsLogged());
    }

    @Test
    void aTableThatExpiresWhileTheProcessRunsIsWarnedOnceAtTheNextRecheck() {
        // The bundled table expires on 2027-06-28.
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2027-06-27T23:00:00Z"));
        SystemTimeSource source = source(kernel);
        assertEquals(1, source.warningsLogged(), "the kernel-offset WARN");
        for (int i = 0; i < 100; i++) {
            kernel.advanceSeconds(61);
            source.taiNanos();
        }
        assertEquals(2, source.warningsLogged(), "plus one for the expiry");
        FakeKernelClock later = new FakeKernelClock(Instant.parse("2027-07-27T23:00:00Z"));
        SystemTimeSource expiredFromTheStart = source(later);
        later.advanceSeconds(61);
        expiredFromTheStart.taiNanos();
        assertEquals(1, expiredFromTheStart.warningsLogged(), "named when the table was loaded, not again here");
    }

    @Test
    void describeNamesCausesAndStopsOnACycle() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b");
        a.initCause(b);
        b.initCause(a); // allowed by initCause: A -> B -> A
        String text = SystemTimeSource.describe(new ExceptionInInitializerError(a));
        assertTrue(text.startsWith("java.lang.ExceptionInInitializerError <- java.lang.IllegalStateException: a <- "
                + "java.lang.IllegalArgumentException: b <- "), text);
        assertTrue(text.endsWith(" <- ..."), text);
        assertEquals("ENODEV (19)", io.obstime.clock.internal.linux.KernelCallException.errnoName(19));
        assertEquals("EAGAIN (11)", io.obstime.clock.internal.linux.KernelCallException.errnoName(11));
    }

    @Test
    void leapStateMapping() {
        assertEquals(LeapState.NONE, SystemTimeSource.leapState(KernelTimex.TIME_OK, 0));
        assertEquals(LeapState.INSERT_PENDING, SystemTimeSource.leapState(KernelTimex.TIME_INS, KernelTimex.STA_INS));
        assertEquals(LeapState.DELETE_PENDING, SystemTimeSource.leapState(KernelTimex.TIME_DEL, KernelTimex.STA_DEL));
        assertEquals(LeapState.IN_PROGRESS, SystemTimeSource.leapState(KernelTimex.TIME_OOP, KernelTimex.STA_INS));
        assertEquals(LeapState.OCCURRED, SystemTimeSource.leapState(KernelTimex.TIME_WAIT, 0));
        assertEquals(LeapState.NONE, SystemTimeSource.leapState(KernelTimex.TIME_ERROR, KernelTimex.STA_UNSYNC));
        assertEquals(LeapState.INSERT_PENDING, SystemTimeSource.leapState(KernelTimex.TIME_ERROR,
                KernelTimex.STA_UNSYNC | KernelTimex.STA_INS));
        assertEquals(LeapState.DELETE_PENDING, SystemTimeSource.leapState(KernelTimex.TIME_ERROR,
                KernelTimex.STA_UNSYNC | KernelTimex.STA_DEL));
        assertEquals(LeapState.UNKNOWN, SystemTimeSource.leapState(6, 0));
    }

    @Test
    void synchronisedNeedsNoTimeErrorAndNoUnsyncBit() {
        assertTrue(SystemTimeSource.synchronised(new KernelTimex(KernelTimex.TIME_OK, KernelTimex.STA_PLL, 1, 1, 37, 0)));
        assertFalse(SystemTimeSource.synchronised(new KernelTimex(KernelTimex.TIME_OK, KernelTimex.STA_UNSYNC, 1, 1, 37, 0)));
        assertFalse(SystemTimeSource.synchronised(new KernelTimex(KernelTimex.TIME_ERROR, 0, 1, 1, 37, 0)));
    }
}
