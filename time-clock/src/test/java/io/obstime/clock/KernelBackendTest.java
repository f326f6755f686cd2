package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.internal.linux.JnaKernelClock;
import io.obstime.clock.internal.linux.KernelCallException;
import io.obstime.clock.internal.linux.KernelClock;
import io.obstime.clock.internal.linux.KernelTimex;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.condition.OS;

/**
 * The real kernel through each binding, constructed directly (not through the process-wide singleton). The FFM
 * binding exists only on JDK 22+ (the JDK 25 run of CI exercises it); these tests name it by class, as the main code
 * does, because the test sources are Java 17.
 *
 * <p>The time sources get {@link #TABLE}, the bundled history with an expiry far away, rather than
 * {@link LeapSecondTable#system()}: which table wins there depends on the host's tzdata, and once a table has expired
 * a kernel one second off it is trusted, so the outcome would depend on the day. TAI − UTC is expected to be that
 * table's offset at the instant read, not a constant, so the tests hold after a future leap second.
 */
@EnabledOnOs(OS.LINUX)
class KernelBackendTest {

    private static final long SECOND = 1_000_000_000L;
    private static final LeapSecondTable TABLE = farExpiryCopyOfTheBundledHistory();

    private static LeapSecondTable farExpiryCopyOfTheBundledHistory() {
        try {
            return LeapFiles.copyOf(LeapSecondTable.bundled()).expires(LocalDate.of(2200, 1, 1))
                    .parse("bundled history, expiring 2200-01-01");
        } catch (LeapSecondFileException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void jnaReadsTheKernel() {
        checkBinding(JnaKernelClock.create(), ClockBackend.JNA);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_22)
    void ffmReadsTheKernel() throws Exception {
        KernelClock ffm = (KernelClock) Class.forName("io.obstime.clock.internal.linux.FfmKernelClock")
                .getMethod("create").invoke(null);
        checkBinding(ffm, ClockBackend.FFM);
    }

    @Test
    void jnaReadsFromManyThreadsAtOnceStayCorrect() throws InterruptedException {
        checkConcurrentReads(JnaKernelClock.create());
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_22)
    void ffmReadsFromManyThreadsAtOnceStayCorrect() throws Exception {
        checkConcurrentReads((KernelClock) Class.forName("io.obstime.clock.internal.linux.FfmKernelClock")
                .getMethod("create").invoke(null));
    }

    /**
     * Each thread brackets every CLOCK_TAI reading between two CLOCK_REALTIME readings: a buffer shared between
     * threads would hand one thread another's numbers, far outside the bracket.
     */
    private static void checkConcurrentReads(KernelClock kernel) throws InterruptedException {
        long offsetNanos = kernel.adjtimex().taiOffset() * SECOND;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < 50_000; i++) {
                        long before = kernel.realtimeNanos();
                        long taiAsUtc = kernel.taiNanos() - offsetNanos;
                        long after = kernel.realtimeNanos();
                        if (taiAsUtc < before - 1_000_000 || taiAsUtc > after + 1_000_000) {
                            throw new AssertionError("CLOCK_TAI − offset " + taiAsUtc + " outside " + before + ".."
                                    + after + " on " + Thread.currentThread().getName());
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "clock-reader-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void jnaTimeSourceDeliversTaiAsUtcPlusTheTableOffset() {
        checkTimeSource("jna", ClockBackend.JNA);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_22)
    void ffmTimeSourceDeliversTaiAsUtcPlusTheTableOffset() {
        checkTimeSource("ffm", ClockBackend.FFM);
    }

    @Test
    void automaticChoiceIsFfmFrom22AndJnaBefore() {
        SystemTimeSource source = SystemTimeSource.create(null, Runtime.version().feature(), "Linux", TABLE);
        ClockBackend expected = Runtime.version().feature() >= 22 ? ClockBackend.FFM : ClockBackend.JNA;
        assertEquals(expected, source.status().backend(), source.selection());
    }

    @Test
    void forcedFallbackReadsInstantNowPlusTheTable() {
        SystemTimeSource source = SystemTimeSource.create("fallback", Runtime.version().feature(), "Linux", TABLE);
        ClockStatus status = source.status();
        assertEquals(ClockBackend.FALLBACK, status.backend());
        assertEquals(LeapState.UNKNOWN, status.leapState());
        assertEquals(TaiSource.LEAP_SECOND_TABLE, status.taiSource());
        int offset = assertTaiIsUtcPlusTheTableOffset(source);
        assertEquals(offset, source.taiOffset());
        assertNanosecondPrecision(source::utcNanos);
    }

    /**
     * TAI − the table's offset at the first UTC reading lies between two UTC readings taken around it, within 1 ms.
     * Bracketing, not a difference of two reads: a thread descheduled between two reads (this VM stalls for
     * milliseconds) cannot fail it.
     *
     * @return the table's TAI − UTC at the first reading, in seconds
     */
    static int assertTaiIsUtcPlusTheTableOffset(TimeSource source) {
        long utcBefore = source.utcNanos();
        long tai = source.taiNanos();
        long utcAfter = source.utcNanos();
        int offset = TABLE.taiMinusUtcAtUtcNanos(utcBefore);
        long taiAsUtc = tai - offset * SECOND;
        assertTrue(taiAsUtc >= utcBefore - 1_000_000 && taiAsUtc <= utcAfter + 1_000_000, "TAI − " + offset
                + " s = " + taiAsUtc + " not within 1 ms of UTC readings " + utcBefore + ".." + utcAfter);
        return offset;
    }

    private static void checkTimeSource(String forced, ClockBackend backend) {
        SystemTimeSource source = SystemTimeSource.create(forced, Runtime.version().feature(), "Linux", TABLE);
        ClockStatus status = source.status();
        assertEquals(backend, status.backend(), source.selection());
        // UTC + the table's offset, whichever way TAI is obtained on this machine
        int offset = 0;
        for (int i = 0; i < 1_000; i++) {
            offset = assertTaiIsUtcPlusTheTableOffset(source);
        }
        assertEquals(offset, source.taiOffset());
        assertEquals(offset, status.taiOffset());
        if (status.kernelTaiOffset() == 0) { // our dev and CI machines: nothing sets the kernel's offset
            assertEquals(TaiSource.LEAP_SECOND_TABLE, status.taiSource());
            assertEquals(1, source.warningsLogged());
        } else if (status.kernelTaiOffset() == offset) { // chrony/ptp4l has set it
            assertEquals(TaiSource.KERNEL, status.taiSource());
        }
        assertNanosecondPrecision(source::taiNanos);
        assertNanosecondPrecision(source::utcNanos);
    }

    private static void checkBinding(KernelClock kernel, ClockBackend backend) {
        assertEquals(backend, kernel.backend());
        SystemTimeSource.probe(kernel);
        long millis = System.currentTimeMillis();
        long realtime = kernel.realtimeNanos();
        assertEquals(millis, realtime / 1_000_000, 1_000);
        KernelTimex tx = kernel.adjtimex();
        assertTrue(tx.state() >= KernelTimex.TIME_OK && tx.state() <= KernelTimex.TIME_ERROR, tx.toString());
        assertEquals(realtime, tx.timeUtcNanos(), SECOND);
        long before = kernel.realtimeNanos();
        long taiAsUtc = kernel.taiNanos() - tx.taiOffset() * SECOND;
        long after = kernel.realtimeNanos();
        assertTrue(taiAsUtc >= before - 1_000_000 && taiAsUtc <= after + 1_000_000,
                "CLOCK_TAI − timex.tai s = " + taiAsUtc + " not within 1 ms of CLOCK_REALTIME " + before + ".." + after);
        assertNanosecondPrecision(kernel::realtimeNanos);
        assertNanosecondPrecision(kernel::taiNanos);
        assertRealtimeIsTheBindingsClockRealtime(kernel);
        long previous = kernel.taiNanos();
        for (int i = 0; i < 10_000; i++) { // a clock step during the test would break this; none is expected here
            long now = kernel.taiNanos();
            assertTrue(now >= previous - SECOND / 10, "went back: " + previous + " -> " + now);
            previous = now;
        }
        checkTimerSlackOnOwnThread(kernel);
        checkErrorsAreLoud(kernel);
    }

    /**
     * {@code realtimeNanos()} is the clock the binding's own
     * {@code clock_gettime(CLOCK_REALTIME)} reads: every kernel reading lies between the two around it, to the
     * nanosecond (the same clock read in sequence by one thread; a clock step during the test would break this).
     */
    private static void assertRealtimeIsTheBindingsClockRealtime(KernelClock kernel) {
        for (int i = 0; i < 10_000; i++) {
            long before = kernel.realtimeNanos();
            long viaBinding = kernel.clockNanos(KernelClock.CLOCK_REALTIME);
            long after = kernel.realtimeNanos();
            assertTrue(before <= viaBinding && viaBinding <= after, "clock_gettime(CLOCK_REALTIME) = " + viaBinding
                    + " not within realtimeNanos() readings " + before + ".." + after);
        }
    }

    /** A failed call is loud: the symbol, the clock and errno in the message, never a 0 reading. */
    private static void checkErrorsAreLoud(KernelClock kernel) {
        KernelCallException e = assertThrows(KernelCallException.class, () -> kernel.clockNanos(1_000));
        assertEquals(KernelCallException.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("clock_gettime(clock=1000") && e.getMessage().contains("EINVAL (22)"),
                e.getMessage());
        long monotonic = kernel.clockNanos(1); // CLOCK_MONOTONIC, the same clock as System.nanoTime()
        assertEquals(System.nanoTime(), monotonic, SECOND);
    }

    /** Sets and reads the slack on a thread of the test's own, so the runner's threads keep theirs. */
    private static void checkTimerSlackOnOwnThread(KernelClock kernel) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long callerSlack = kernel.timerSlackNanos();
        Thread t = new Thread(() -> {
            try {
                long before = kernel.timerSlackNanos();
                assertTrue(before > 0, "default slack " + before);
                kernel.setTimerSlackNanos(1);
                assertEquals(1, kernel.timerSlackNanos());
                kernel.setTimerSlackNanos(123_456);
                assertEquals(123_456, kernel.timerSlackNanos());
                assertThrows(IllegalArgumentException.class, () -> kernel.setTimerSlackNanos(0));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "timer-slack-test");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(callerSlack, kernel.timerSlackNanos(), "another thread's prctl must not touch this thread");
    }

    /** Not every reading a multiple of 1000 ns: the clock is read with nanoseconds, not microseconds. */
    static void assertNanosecondPrecision(java.util.function.LongSupplier clock) {
        int notWholeMicros = 0;
        for (int i = 0; i < 1_000; i++) {
            if (clock.getAsLong() % 1_000 != 0) {
                notWholeMicros++;
            }
        }
        assertTrue(notWholeMicros > 900, "only " + notWholeMicros + " of 1000 readings had sub-µs digits");
    }
}
