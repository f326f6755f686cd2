package io.obstime.clock;

import static io.obstime.clock.FakeKernelClock.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.internal.linux.KernelTimex;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The TAI offset's decision and the read paths, on a kernel the test controls ({@link FakeKernelClock}). The leap
 * second tests step CLOCK_REALTIME where the real kernel does: at its first timer tick after midnight, a few
 * milliseconds late (measured in the VM drill: 0.4-9.7 ms), with adjtimex already reporting the leap in between.
 */
class SystemTimeSourceDecisionTest {

    private static final LeapSecondTable TABLE = LeapSecondTable.bundled();
    private static final Instant NOW = Instant.parse("2026-11-21T22:00:00.123456789Z");
    private static final LocalDate LEAP_DAY = LocalDate.of(2026, 12, 31);
    private static final long MIDNIGHT = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond() * SECOND;
    private static final long MS = 1_000_000L;

    private static SystemTimeSource source(FakeKernelClock kernel) {
        return new SystemTimeSource(kernel, TABLE, "test", null);
    }

    /** TAI − UTC by the bundled table at the fake kernel's current UTC: no test hard-codes today's 37 s. */
    private static int tableOffset(FakeKernelClock kernel) {
        return TABLE.taiMinusUtcAtUtcNanos(kernel.realtimeNanos);
    }

    /**
     * Moves the fake kernel on in steps of CLOCK_MONOTONIC time and runs {@link SystemTimeSource#check()} whenever
     * it falls due, as the check thread does; checks every reading for continuity on the way.
     */
    private static final class Driver {
        final FakeKernelClock kernel;
        final SystemTimeSource source;
        long sinceCheck;
        long lastTai;
        long lastMonotonic;
        long maxJumpNanos; // the largest |ΔTAI − ΔMONOTONIC| between two readings

        Driver(FakeKernelClock kernel, SystemTimeSource source) {
            this.kernel = kernel;
            this.source = source;
            lastTai = source.taiNanos();
            lastMonotonic = kernel.monotonicNanos();
        }

        /** Time passes: every clock moves by {@code nanos}, checks run when due, TAI is read once. */
        long advance(long nanos) {
            kernel.advanceNanos(nanos);
            sinceCheck += nanos;
            if (sinceCheck >= source.nextCheckDelayNanos()) {
                source.check();
                sinceCheck = 0;
            }
            return read();
        }

        long read() {
            long tai = source.taiNanos();
            long monotonic = kernel.monotonicNanos();
            maxJumpNanos = Math.max(maxJumpNanos, Math.abs((tai - lastTai) - (monotonic - lastMonotonic)));
            lastTai = tai;
            lastMonotonic = monotonic;
            return tai;
        }

        /** Advances to {@code utc} in steps of {@code step}, reading at each. */
        void advanceTo(long utc, long step) {
            while (kernel.realtimeNanos + step <= utc) {
                advance(step);
            }
            if (kernel.realtimeNanos < utc) {
                advance(utc - kernel.realtimeNanos);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ kernel vs table

    @Test
    void kernelOffsetZeroGivesUtcPlusTableOffsetAndWarnsOnce() {
        FakeKernelClock kernel = new FakeKernelClock(NOW);
        SystemTimeSource source = source(kernel);
        Driver driver = new Driver(kernel, source);
        for (int i = 0; i < 1_000; i++) {
            long tai = driver.advance(7_300 * MS);
            assertEquals(kernel.realtimeNanos + tableOffset(kernel) * SECOND, tai);
            assertEquals(tableOffset(kernel), source.taiOffset());
        }
        ClockStatus status = source.status();
        assertEquals(TaiSource.LEAP_SECOND_TABLE, status.taiSource());
        assertEquals(0, status.kernelTaiOffset());
        assertEquals(tableOffset(kernel), status.taiOffset());
        assertEquals(1, source.warningsLogged());
        assertEquals(0, source.infosLogged());
        assertEquals(0, driver.maxJumpNanos);
    }

    @Test
    void kernelOffsetAgreeingWithTheTableIsKernelTaiExactly() {
        FakeKernelClock kernel = new FakeKernelClock(NOW);
        kernel.kernelTaiOffset = tableOffset(kernel);
        SystemTimeSource source = source(kernel);
        Driver driver = new Driver(kernel, source);
        for (int i = 0; i < 100; i++) {
            long tai = driver.advance(13_100 * MS);
            assertEquals(kernel.taiNanos(), tai);
        }
        assertEquals(TaiSource.KERNEL, source.status().taiSource());
        assertEquals(kernel.kernelTaiOffset, source.status().kernelTaiOffset());
        assertEquals(0, source.warningsLogged());
        assertEquals(0, source.infosLogged());
    }

    @Test
    void kernelOffsetSetLaterShowsInStatusAtOnceAndIsLoggedOnceAtTheNextCheck() {
        FakeKernelClock kernel = new FakeKernelClock(NOW);
        SystemTimeSource source = source(kernel);
        Driver driver = new Driver(kernel, source);
        long tai = driver.advance(SECOND);
        kernel.kernelTaiOffset = tableOffset(kernel); // chrony sets the offset
        assertEquals(TaiSource.KERNEL, source.status().taiSource(), "status reads the kernel afresh");
        assertEquals(tai + SECOND, driver.advance(SECOND), "TAI itself does not move: it was right already");
        driver.advanceTo(kernel.realtimeNanos + 10 * 60 * SECOND, SECOND);
        assertEquals(1, source.warningsLogged(), "the first decision's");
        assertEquals(1, source.infosLogged(), "'now agrees', once");
        assertEquals(0, driver.maxJumpNanos);
    }

    @Test
    void kernelOffsetChangedUnderARunningProcessDoesNotMoveTaiAndIsWarnedOnce() {
        for (int changedTo : new int[] {0, 38, 36}) {
            FakeKernelClock kernel = new FakeKernelClock(NOW);
            int right = tableOffset(kernel);
            kernel.kernelTaiOffset = right;
            SystemTimeSource source = source(kernel);
            Driver driver = new Driver(kernel, source);
            driver.advance(SECOND);
            kernel.kernelTaiOffset = changedTo; // a daemon restarted, or phc2sys follows a wrong grandmaster
            for (int i = 0; i < 200; i++) { // every reading at once, not after the next check
                long tai = driver.advance(MS);
                assertEquals(kernel.realtimeNanos + right * SECOND, tai, "changed to " + changedTo);
            }
            ClockStatus status = source.status();
            assertEquals(TaiSource.LEAP_SECOND_TABLE, status.taiSource(), "at once, changed to " + changedTo);
            assertEquals(changedTo, status.kernelTaiOffset());
            assertEquals(right, status.taiOffset());
            driver.advanceTo(kernel.realtimeNanos + 5 * 60 * SECOND, 100 * MS);
            assertEquals(1, source.warningsLogged(), "one WARN at the next check, changed to " + changedTo);
            kernel.kernelTaiOffset = right; // flapping: INFO from now on
            driver.advanceTo(kernel.realtimeNanos + 2 * 60 * SECOND, SECOND);
            kernel.kernelTaiOffset = changedTo;
            driver.advanceTo(kernel.realtimeNanos + 2 * 60 * SECOND, SECOND);
            assertEquals(1, source.warningsLogged(), "flapping is INFO, changed to " + changedTo);
            assertEquals(2, source.infosLogged(), "agrees again, then changed again: " + changedTo);
            assertEquals(0, driver.maxJumpNanos, "TAI never moved, changed to " + changedTo);
        }
    }

    @Test
    void kernelOffsetFarFromTheTableUsesTheTable() {
        for (int kernelOffset : new int[] {36, 35, 39, 1, -5}) {
            FakeKernelClock kernel = new FakeKernelClock(NOW);
            kernel.kernelTaiOffset = kernelOffset;
            SystemTimeSource source = source(kernel);
            assertEquals(kernel.realtimeNanos + tableOffset(kernel) * SECOND, source.taiNanos(), "kernel "
                    + kernelOffset);
            assertEquals(TaiSource.LEAP_SECOND_TABLE, source.status().taiSource());
            assertEquals(kernelOffset, source.status().kernelTaiOffset());
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
            Driver driver = new Driver(kernel, source);
            assertEquals(TaiSource.KERNEL, source.status().taiSource(), "kernel " + kernelOffset);
            assertEquals(kernelOffset, source.taiOffset());
            for (int i = 0; i < 10; i++) {
                long tai = driver.advance(61 * SECOND);
                assertEquals(kernel.realtimeNanos + kernelOffset * SECOND, tai);
            }
            assertEquals(1, source.warningsLogged(), "once, not per check");
        }
    }

    @Test
    void aStallBetweenTheChecksReadsCannotMisleadIt() {
        // The kernel's offset is adjtimex's integer: a thread stalled between two clock reads used to see "37.150 s".
        FakeKernelClock kernel = new FakeKernelClock(NOW);
        kernel.kernelTaiOffset = tableOffset(kernel);
        SystemTimeSource source = source(kernel);
        kernel.afterNextMonotonic = () -> kernel.advanceNanos(150 * MS); // preempted inside the check's reads
        source.check();
        assertEquals(TaiSource.KERNEL, source.status().taiSource());
        assertEquals(0, source.warningsLogged());
        assertEquals(kernel.realtimeNanos + kernel.kernelTaiOffset * SECOND, source.taiNanos());
    }

    @Test
    void readersNeverCheckNorCallAdjtimex() {
        LeapSecondTable table = TABLE.withLeapSecond(LEAP_DAY, true);
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:59:57Z"));
        kernel.status = KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
        SystemTimeSource source = new SystemTimeSource(kernel, table, "test", null);
        int checks = source.checksRun();
        int adjtimex = kernel.adjtimexCalls;
        long previous = source.taiNanos();
        boolean inserted = false;
        for (int i = 0; i < 6_000; i++) { // through the window, the leap and the second after it: no check runs
            kernel.advanceNanos(MS);
            if (!inserted && kernel.realtimeNanos == MIDNIGHT + 3 * MS) {
                kernel.insertLeapSecond();
                inserted = true;
            }
            long tai = source.taiNanos();
            assertEquals(previous + MS, tai, "UTC " + kernel.realtimeNanos);
            previous = tai;
        }
        assertEquals(checks, source.checksRun());
        assertEquals(adjtimex, kernel.adjtimexCalls);
    }

    // -------------------------------------------------------------------------------- leap seconds, as measured

    /**
     * The drill's table-path failure, step by step: an unsynchronised kernel with offset 0 (most machines), STA_INS
     * armed, CLOCK_REALTIME stepped back at the first tick after midnight. Before the fix TAI went 1 s forward at
     * midnight and back at the step, and a 1 kHz task skipped the whole leap second.
     */
    @Test
    void insertedLeapSecondSteppedLateOnTheTablePathKeepsTaiContinuous() {
        for (long lateNanos : new long[] {400_000, 3 * MS, 9_700_000, 40 * MS}) {
            FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:58:30Z"));
            kernel.status = KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
            SystemTimeSource source = new SystemTimeSource(kernel, TABLE.withLeapSecond(LEAP_DAY, true), "test",
                    null);
            passInsertedLeap(kernel, source, lateNanos, 38);
            assertEquals(1, source.warningsLogged(), "the kernel's offset 0, nothing about the leap");
        }
    }

    @Test
    void insertedLeapSecondSteppedLateOnTheKernelPathKeepsTaiContinuous() {
        for (long lateNanos : new long[] {400_000, 3 * MS, 9_700_000}) {
            FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:58:30Z"));
            kernel.kernelTaiOffset = 37;
            kernel.state = KernelTimex.TIME_INS;
            kernel.status = KernelTimex.STA_INS;
            SystemTimeSource source = new SystemTimeSource(kernel, TABLE.withLeapSecond(LEAP_DAY, true), "test",
                    null);
            passInsertedLeap(kernel, source, lateNanos, 38);
            assertEquals(kernel.taiNanos(), source.taiNanos(), "CLOCK_TAI exactly after the leap");
            assertEquals(TaiSource.KERNEL, source.status().taiSource());
            assertEquals(0, source.warningsLogged());
        }
    }

    /**
     * Reads every 100 µs from 23:59:58 to 00:00:03 while the kernel inserts its second {@code lateNanos} after
     * midnight; then checks TAI against CLOCK_MONOTONIC, the offsets and the leap state.
     */
    private static void passInsertedLeap(FakeKernelClock kernel, SystemTimeSource source, long lateNanos,
                                         int offsetAfter) {
        Driver driver = new Driver(kernel, source);
        driver.advanceTo(MIDNIGHT - 2 * SECOND, SECOND);
        long step = 100_000;
        boolean stepped = false;
        while (kernel.monotonicNanos() < driver.lastMonotonic + 5 * SECOND || !stepped) {
            long utc = kernel.realtimeNanos;
            if (!stepped && utc >= MIDNIGHT) {
                kernel.leapPending = true;
                if (utc >= MIDNIGHT + lateNanos) {
                    kernel.insertLeapSecond();
                    stepped = true;
                    assertEquals(LeapState.IN_PROGRESS, source.status().leapState(), "late " + lateNanos);
                }
            }
            driver.advance(step);
            if (stepped && kernel.realtimeNanos < MIDNIGHT) {
                assertEquals(offsetAfter, source.taiOffset(), "the repeat counts the new offset, as the kernel does");
            }
            if (kernel.realtimeNanos > MIDNIGHT + 2 * SECOND) {
                break;
            }
        }
        assertEquals(0, driver.maxJumpNanos, "TAI − MONOTONIC constant to the nanosecond, late " + lateNanos);
        driver.advanceTo(kernel.realtimeNanos + 5 * 60 * SECOND, 100 * MS);
        assertEquals(0, driver.maxJumpNanos, "and through the checks after it, late " + lateNanos);
        assertEquals(offsetAfter, source.taiOffset());
        assertEquals(kernel.realtimeNanos + offsetAfter * SECOND, source.taiNanos());
    }

    @Test
    void deletedLeapSecondSteppedLateKeepsTaiContinuousOnBothPaths() {
        for (int kernelOffset : new int[] {0, 37}) {
            FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:58:30Z"));
            kernel.kernelTaiOffset = kernelOffset;
            kernel.status = KernelTimex.STA_DEL | (kernelOffset == 0 ? KernelTimex.STA_UNSYNC : 0);
            kernel.state = kernelOffset == 0 ? KernelTimex.TIME_ERROR : KernelTimex.TIME_DEL;
            SystemTimeSource source = new SystemTimeSource(kernel, TABLE.withLeapSecond(LEAP_DAY, false), "test",
                    null);
            Driver driver = new Driver(kernel, source);
            driver.advanceTo(MIDNIGHT - 2 * SECOND, SECOND);
            boolean stepped = false;
            for (int i = 0; i < 50_000; i++) { // 5 s in 100 µs
                if (!stepped && kernel.realtimeNanos >= MIDNIGHT - SECOND) {
                    kernel.pendingIsDeletion = true;
                    kernel.leapPending = true;
                    if (kernel.realtimeNanos >= MIDNIGHT - SECOND + 4 * MS) { // 23:59:59.004: the tick
                        kernel.deleteLeapSecond();
                        stepped = true;
                    }
                }
                driver.advance(100_000);
            }
            assertTrue(stepped);
            driver.advanceTo(kernel.realtimeNanos + 5 * 60 * SECOND, 100 * MS);
            assertEquals(0, driver.maxJumpNanos, "kernel offset " + kernelOffset);
            assertEquals(36, source.taiOffset());
            assertEquals(kernel.realtimeNanos + 36 * SECOND, source.taiNanos());
            assertEquals(kernelOffset == 0 ? 1 : 0, source.warningsLogged(), "kernel offset " + kernelOffset);
        }
    }

    @Test
    void aLeapSecondTheTableDoesNotKnowIsFollowedWithOneWarnAndNeverUndone() {
        // Stale-but-valid (the bundled table, valid until 2027-06-28, without this leap) and expired (a leap in 2028).
        String[][] cases = {{"2026-12-31T23:58:30Z", "2027-01-01T00:00:00Z"}, {"2028-06-30T23:58:30Z",
                "2028-07-01T00:00:00Z"}};
        for (String[] c : cases) {
            for (int kernelOffset : new int[] {0, 37}) {
                FakeKernelClock kernel = new FakeKernelClock(Instant.parse(c[0]));
                long midnight = Instant.parse(c[1]).getEpochSecond() * SECOND;
                kernel.kernelTaiOffset = kernelOffset;
                kernel.status = KernelTimex.STA_INS | (kernelOffset == 0 ? KernelTimex.STA_UNSYNC : 0);
                kernel.state = kernelOffset == 0 ? KernelTimex.TIME_ERROR : KernelTimex.TIME_INS;
                SystemTimeSource source = source(kernel); // told by NTP; the table does not list it
                int warningsBefore = source.warningsLogged();
                Driver driver = new Driver(kernel, source);
                driver.advanceTo(midnight - 2 * SECOND, SECOND);
                driver.advanceTo(midnight + 5 * MS, 100_000);
                kernel.insertLeapSecond();
                driver.advanceTo(kernel.realtimeNanos + 3 * 3600 * SECOND, 100 * MS);
                String what = c[1] + ", kernel offset " + kernelOffset;
                assertEquals(0, driver.maxJumpNanos, what + ": TAI never went back");
                assertEquals(38, source.taiOffset(), what);
                assertEquals(kernel.realtimeNanos + 38 * SECOND, source.taiNanos(), what);
                assertEquals(warningsBefore + 1, source.warningsLogged(), what + ": one WARN naming the table");
                assertEquals(kernelOffset == 37 ? TaiSource.KERNEL : TaiSource.LEAP_SECOND_TABLE,
                        source.status().taiSource(), what);
            }
        }
    }

    @Test
    void aLeapSecondOfTheTableThatTheKernelMissesIsTheTablesAfterTheWindowWithOneWarn() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:59:30Z"));
        kernel.kernelTaiOffset = 37; // right until midnight; nobody told it of the leap second
        SystemTimeSource source = new SystemTimeSource(kernel, TABLE.withLeapSecond(LEAP_DAY, true), "test", null);
        Driver driver = new Driver(kernel, source);
        driver.advanceTo(MIDNIGHT + 500 * MS, MS);
        assertEquals(0, driver.maxJumpNanos, "continuous while the kernel may still step");
        driver.advanceTo(MIDNIGHT + 3 * SECOND, MS);
        assertEquals(SECOND, driver.maxJumpNanos, "one second forward at the check after the window");
        assertEquals(kernel.realtimeNanos + 38 * SECOND, source.taiNanos());
        assertEquals(TaiSource.LEAP_SECOND_TABLE, source.status().taiSource());
        assertEquals(1, source.warningsLogged());
    }

    @Test
    void statusInsideTheRepeatedSecondOfAnUnsynchronisedKernelSaysInProgress() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:59:30Z"));
        kernel.state = KernelTimex.TIME_ERROR;
        kernel.status = KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
        SystemTimeSource source = new SystemTimeSource(kernel, TABLE.withLeapSecond(LEAP_DAY, true), "test", null);
        Driver driver = new Driver(kernel, source);
        driver.advanceTo(MIDNIGHT + 2 * MS, MS);
        kernel.insertLeapSecond();
        long t1 = driver.advance(200 * MS);
        assertEquals(LeapState.IN_PROGRESS, source.status().leapState(), "seen although adjtimex says TIME_ERROR");
        assertEquals(t1 + 100 * MS, driver.advance(100 * MS));
        assertEquals(38, source.taiOffset());
        assertEquals(0, driver.maxJumpNanos);
    }

    @Test
    void sourceBuiltInsideTheLeapSecondUsesAdjtimexAndNeverGoesBack() {
        LeapSecondTable table = TABLE.withLeapSecond(LEAP_DAY, true);
        // utc, stepped already?, synchronised?, TAI right from the start?
        Object[][] cases = {
            {"2027-01-01T00:00:00.004Z", false, false, true},  // step pending: adjtimex says TIME_OOP
            {"2027-01-01T00:00:00.400Z", true, true, true},    // repeating, synchronised: TIME_OOP
            {"2027-01-01T00:00:00.400Z", true, false, false},  // repeating, unsynchronised: TIME_ERROR, the limit
        };
        for (Object[] c : cases) {
            FakeKernelClock kernel = new FakeKernelClock(Instant.parse((String) c[0]));
            boolean stepped = (Boolean) c[1];
            boolean synced = (Boolean) c[2];
            kernel.state = synced ? KernelTimex.TIME_INS : KernelTimex.TIME_ERROR;
            kernel.status = synced ? KernelTimex.STA_INS : KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
            long trueTai = kernel.realtimeNanos + 37 * SECOND;
            if (stepped) {
                kernel.insertLeapSecond();
            } else {
                kernel.leapPending = true;
            }
            SystemTimeSource source = new SystemTimeSource(kernel, table, "test", null);
            Driver driver = new Driver(kernel, source);
            String what = c[0] + " stepped " + stepped + " synced " + synced;
            assertEquals((Boolean) c[3] ? trueTai : trueTai - SECOND, driver.lastTai, what);
            if (!stepped) {
                driver.advance(5 * MS);
                kernel.insertLeapSecond();
            }
            driver.advanceTo(MIDNIGHT + 2 * SECOND, MS);
            assertEquals((Boolean) c[3] ? 0 : SECOND, driver.maxJumpNanos, what + ": forward only, if at all");
            assertEquals(kernel.realtimeNanos + 38 * SECOND, source.taiNanos(), what);
        }
    }

    /** A review finding: the kernel's late tick landing between a reader's two reads must not make TAI a second early. */
    @Test
    void aLateStepBetweenAReadersTwoReadsDoesNotMakeTaiASecondEarly() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:59:57Z"));
        kernel.status = KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
        SystemTimeSource source = new SystemTimeSource(kernel, TABLE.withLeapSecond(LEAP_DAY, true), "test", null);
        kernel.advanceNanos(3 * SECOND + 3 * MS);
        kernel.leapPending = true;
        long trueTai = kernel.realtimeNanos + 37 * SECOND;
        kernel.afterNextMonotonic = kernel::insertLeapSecond; // the tick, right after the reader's first read
        assertEquals(trueTai, source.taiNanos());
        assertEquals(trueTai, source.taiNanos());
    }

    @Test
    void aTableThatExpiresUnderARunningProcessDoesNotMoveTaiToAWrongKernel() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2027-06-27T23:00:00Z"));
        kernel.kernelTaiOffset = 36; // wrong by one before and after the table's expiry
        SystemTimeSource source = source(kernel);
        Driver driver = new Driver(kernel, source);
        driver.advanceTo(kernel.realtimeNanos + 2 * 3600 * SECOND, 100 * MS);
        assertEquals(37, source.taiOffset());
        assertEquals(0, driver.maxJumpNanos);
    }

    @Test
    void aKernelOffsetChangedAtNoonUnderAnExpiredTableDoesNotMoveTai() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2027-07-15T09:00:00Z"));
        kernel.kernelTaiOffset = 37;
        SystemTimeSource source = source(kernel);
        Driver driver = new Driver(kernel, source);
        driver.advanceTo(kernel.realtimeNanos + 3600 * SECOND, SECOND);
        kernel.kernelTaiOffset = 38;
        driver.advanceTo(kernel.realtimeNanos + 3600 * SECOND, SECOND);
        kernel.kernelTaiOffset = 37;
        driver.advanceTo(kernel.realtimeNanos + 3600 * SECOND, SECOND);
        assertEquals(37, source.taiOffset());
        assertEquals(0, driver.maxJumpNanos);
    }

    @Test
    void aSecondsStepAtAMidnightIsALeapSecondOnlyInTheDirectionExpected() {
        // Forward by 0.999 s just after a midnight where the table inserts (and the kernel does not): not a deletion.
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:59:30Z"));
        kernel.status = KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
        SystemTimeSource source = new SystemTimeSource(kernel, TABLE.withLeapSecond(LEAP_DAY, true), "test", null);
        Driver driver = new Driver(kernel, source);
        driver.advanceTo(MIDNIGHT + 200 * MS, MS);
        kernel.stepNanos(999 * MS);
        driver.read();
        driver.advanceTo(kernel.realtimeNanos + 10 * 60 * SECOND, 100 * MS);
        assertEquals(38, source.taiOffset());
        assertEquals(kernel.realtimeNanos + 38 * SECOND, source.taiNanos());

        // Back by 1 s before an ordinary midnight, on a synchronised kernel with nothing armed: a step, not a leap.
        FakeKernelClock ordinary = new FakeKernelClock(Instant.parse("2026-11-21T23:59:30Z"));
        ordinary.kernelTaiOffset = 37;
        ordinary.state = KernelTimex.TIME_OK;
        ordinary.status = 0;
        SystemTimeSource plain = source(ordinary);
        Driver second = new Driver(ordinary, plain);
        long midnight = Instant.parse("2026-11-22T00:00:00Z").getEpochSecond() * SECOND;
        second.advanceTo(midnight - 1_500 * MS, MS);
        ordinary.stepNanos(-SECOND);
        second.read();
        second.advanceTo(ordinary.realtimeNanos + 10 * 60 * SECOND, 100 * MS);
        assertEquals(37, plain.taiOffset());
        assertEquals(0, plain.warningsLogged(), "no 'the kernel inserted a leap second'");
    }

    @Test
    void aProcessStartedInsideTheRepeatIsNotToldTheKernelMissedTheLeap() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2027-01-01T00:00:00.400Z"));
        kernel.state = KernelTimex.TIME_ERROR;
        kernel.status = KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
        kernel.insertLeapSecond();
        SystemTimeSource source = new SystemTimeSource(kernel, TABLE.withLeapSecond(LEAP_DAY, true), "test", null);
        int warnings = source.warningsLogged();
        new Driver(kernel, source).advanceTo(MIDNIGHT + 5 * SECOND, MS);
        assertEquals(warnings, source.warningsLogged());
    }

    @Test
    void theKernelsOffsetMovingWithTheLeapIsNotReportedAsAChange() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-12-31T23:59:30Z"));
        kernel.status = KernelTimex.STA_INS | KernelTimex.STA_UNSYNC;
        SystemTimeSource source = new SystemTimeSource(kernel, TABLE.withLeapSecond(LEAP_DAY, true), "test", null);
        Driver driver = new Driver(kernel, source);
        driver.advanceTo(MIDNIGHT + 3 * MS, MS / 2);
        kernel.insertLeapSecond(); // the table path's kernel offset goes 0 -> 1, as a real kernel's does
        driver.advanceTo(MIDNIGHT + 10 * SECOND, MS);
        assertEquals(0, source.infosLogged());
        assertEquals(1, source.warningsLogged(), "the first decision's, nothing more");
    }

    // ------------------------------------------------------------------------------------------------ steps

    @Test
    void clockStepsMoveTaiByExactlyTheStep() {
        for (long stepNanos : new long[] {SECOND, -SECOND, 3600 * SECOND, -3600 * SECOND, 150 * MS}) {
            FakeKernelClock kernel = new FakeKernelClock(NOW);
            SystemTimeSource source = source(kernel);
            Driver driver = new Driver(kernel, source);
            driver.advance(SECOND);
            long before = source.taiNanos();
            kernel.stepNanos(stepNanos);
            assertEquals(before + stepNanos, source.taiNanos(), "step " + stepNanos + ", before any check");
            driver.read();
            driver.advanceTo(kernel.realtimeNanos + 3 * 60 * SECOND, SECOND);
            assertEquals(kernel.realtimeNanos + tableOffset(kernel) * SECOND, source.taiNanos(), "step " + stepNanos);
        }
    }

    @Test
    void aStepInTheSecondBeforeMidnightFallsBackToTheTableAndAsksForACheck() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2026-11-21T23:59:58.5Z"));
        SystemTimeSource source = source(kernel);
        kernel.advanceNanos(SECOND); // 23:59:59.5: the slow path
        kernel.stepNanos(-2 * SECOND);
        assertEquals(kernel.realtimeNanos + tableOffset(kernel) * SECOND, source.taiNanos());
        int checks = source.checksRun();
        source.check();
        assertEquals(checks + 1, source.checksRun());
        assertEquals(kernel.realtimeNanos + tableOffset(kernel) * SECOND, source.taiNanos());
    }

    @Test
    @Timeout(120) // bounds a hang if the thread were never woken; not a timing goal
    void theCheckThreadIsWokenByAReaderThatSawAStep() throws InterruptedException {
        FakeKernelClock kernel = new FakeKernelClock(NOW);
        SystemTimeSource source = source(kernel).startChecking();
        try {
            Thread checker = source.checkerThread();
            assertNotNull(checker);
            assertTrue(checker.isDaemon());
            assertEquals(ClockChecker.THREAD_NAME, checker.getName());
            int checks = source.checksRun();
            kernel.stepNanos(-27 * 3600 * SECOND); // out of the day: the slow path, which fails to verify
            assertEquals(kernel.realtimeNanos + tableOffset(kernel) * SECOND, source.taiNanos());
            while (source.checksRun() == checks) { // no duration asserted: @Timeout only bounds a hang
                Thread.sleep(1);
                source.taiNanos();
            }
            assertEquals(kernel.realtimeNanos + tableOffset(kernel) * SECOND, source.taiNanos());
        } finally {
            source.stopChecking();
        }
    }

    // -------------------------------------------------------------------------------- table expiry, backends

    @Test
    void aTableThatExpiresWhileTheProcessRunsIsWarnedOnceAtTheNextCheck() {
        // The bundled table expires on 2027-06-28.
        FakeKernelClock kernel = new FakeKernelClock(Instant.parse("2027-06-27T23:00:00Z"));
        SystemTimeSource source = source(kernel);
        Driver driver = new Driver(kernel, source);
        assertEquals(1, source.warningsLogged(), "the kernel-offset WARN");
        driver.advanceTo(kernel.realtimeNanos + 2 * 3600 * SECOND, 10 * SECOND);
        assertEquals(2, source.warningsLogged(), "plus one for the expiry");
        FakeKernelClock later = new FakeKernelClock(Instant.parse("2027-07-27T23:00:00Z"));
        SystemTimeSource expiredFromTheStart = source(later);
        new Driver(later, expiredFromTheStart).advanceTo(later.realtimeNanos + 3600 * SECOND, 10 * SECOND);
        assertEquals(1, expiredFromTheStart.warningsLogged(), "named when the table was loaded, not again here");
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
        assertEquals(TABLE.taiMinusUtcAtUtcNanos(source.utcNanos()), source.taiOffset());
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
        kernel.kernelTaiOffset = tableOffset(kernel);
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
        long utc = source.utcNanos();
        assertEquals(TABLE.taiMinusUtcAtUtcNanos(utc) * SECOND, source.taiNanos() - utc, 100_000_000);
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
        // FFM asked for on a JDK without it: JNA (the next best native binding), with one WARN that says why.
        FakeKernelClock jna = new FakeKernelClock(Instant.now());
        jna.kernelTaiOffset = tableOffset(jna);
        SystemTimeSource forcedFfmOn17 = SystemTimeSource.create("ffm", 17, "Linux", TABLE, fails, () -> jna);
        assertEquals(ClockBackend.JNA, forcedFfmOn17.status().backend());
        assertEquals(1, forcedFfmOn17.warningsLogged());
        assertEquals("obstime clock: using JNA because -Dobstime.clock.backend=ffm: the FFM backend needs JDK 22+, "
                + "this is JDK 17", forcedFfmOn17.lastWarning());
        assertEquals("JNA: -Dobstime.clock.backend=ffm needs JDK 22+, JNA instead on JDK 17", forcedFfmOn17.selection());
        assertEquals(0, SystemTimeSource.create("fallback", 25, "Linux", TABLE, fails, fails).warningsLogged());
    }

    @Test
    void unknownBackendValueIsWarnedAndIgnored() {
        FakeKernelClock kernel = new FakeKernelClock(Instant.now());
        kernel.kernelTaiOffset = tableOffset(kernel);
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
