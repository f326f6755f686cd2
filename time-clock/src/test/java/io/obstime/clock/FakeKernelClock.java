package io.obstime.clock;

import io.obstime.clock.internal.linux.KernelCallException;
import io.obstime.clock.internal.linux.KernelClock;
import io.obstime.clock.internal.linux.KernelTimex;
import java.time.Instant;

/**
 * A kernel under the test's control: CLOCK_REALTIME is whatever the test sets, CLOCK_TAI is REALTIME plus the
 * kernel TAI offset (exactly, as in the kernel: obstime never reads it for TAI, only to probe), adjtimex reports
 * the state the test sets. Like the kernel, {@link #insertLeapSecond()} steps REALTIME back one second, adds 1 to the
 * TAI offset and enters TIME_OOP. CLOCK_MONOTONIC is REALTIME minus {@link #realtimeMinusMonotonicNanos}: setting or
 * advancing {@link #realtimeNanos} is time passing, and only a leap second or {@link #stepNanos(long)} (a clock step)
 * moves REALTIME without MONOTONIC.
 */
final class FakeKernelClock implements KernelClock {

    static final long SECOND = 1_000_000_000L;

    volatile long realtimeNanos;
    volatile int kernelTaiOffset;
    volatile int state = KernelTimex.TIME_ERROR;
    volatile int status = KernelTimex.STA_UNSYNC;
    volatile boolean taiEinval;
    volatile int adjtimexCalls;
    volatile long timerSlackNanos = 50_000;
    volatile long realtimeMinusMonotonicNanos = 1_700_000_000L * SECOND;

    FakeKernelClock(Instant utc) {
        realtimeNanos = utc.getEpochSecond() * SECOND + utc.getNano();
    }

    FakeKernelClock advanceNanos(long nanos) {
        realtimeNanos += nanos;
        return this;
    }

    FakeKernelClock advanceSeconds(double seconds) {
        return advanceNanos(Math.round(seconds * SECOND));
    }

    /** A simulated clock step (nothing real is stepped): REALTIME and TAI move, MONOTONIC does not. */
    FakeKernelClock stepNanos(long nanos) {
        realtimeNanos += nanos;
        realtimeMinusMonotonicNanos += nanos;
        return this;
    }

    /**
     * What the kernel does at the first timer tick after the leap midnight with STA_INS set: 23:59:59 again, TAI
     * counter + 1, TIME_OOP. A real kernel does it 0.4-9.7 ms after midnight: advance past midnight first, with
     * {@link #leapPending} set in between, to reproduce that.
     */
    void insertLeapSecond() {
        leapPending = false;
        stepNanos(-SECOND);
        kernelTaiOffset++;
        if (state != KernelTimex.TIME_ERROR) {
            state = KernelTimex.TIME_OOP;
        }
    }

    /** What the kernel does at the first tick after 23:59:59 with STA_DEL set: 00:00:00 at once, TAI counter − 1. */
    void deleteLeapSecond() {
        leapPending = false;
        stepNanos(SECOND);
        kernelTaiOffset--;
        if (state != KernelTimex.TIME_ERROR) {
            state = KernelTimex.TIME_WAIT;
        }
    }

    /**
     * Past the leap boundary, before the tick that steps CLOCK_REALTIME: adjtimex already answers as if stepped (the
     * kernel's {@code __do_adjtimex} adjusts its copy: TIME_OOP, time one second back, tai + 1, for an insertion;
     * TIME_WAIT, one second on, tai − 1, for a deletion), while CLOCK_REALTIME and CLOCK_TAI do not show it yet.
     */
    volatile boolean leapPending;
    /** Whether the pending leap is a deletion. */
    volatile boolean pendingIsDeletion;

    @Override
    public io.obstime.clock.ClockBackend backend() {
        return ClockBackend.JNA;
    }

    @Override
    public long realtimeNanos() {
        return realtimeNanos;
    }

    /** Something a test runs inside a clock read (may block, to hold the reader there). */
    interface Hook {
        void run() throws InterruptedException;
    }

    /** Runs inside every CLOCK_TAI read while set. */
    volatile Hook onTaiRead;

    @Override
    public long taiNanos() {
        Hook hook = onTaiRead;
        if (hook != null) {
            onTaiRead = null;
            try {
                hook.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        if (taiEinval) {
            throw new KernelCallException("clock_gettime(CLOCK_TAI=11, &ts)", KernelCallException.EINVAL,
                    "returned -1");
        }
        return realtimeNanos + kernelTaiOffset * SECOND;
    }

    /** Runs once right after the next CLOCK_MONOTONIC reading: what the kernel does between two reads. */
    volatile Runnable afterNextMonotonic;

    @Override
    public long monotonicNanos() {
        long monotonic = realtimeNanos - realtimeMinusMonotonicNanos;
        Runnable after = afterNextMonotonic;
        afterNextMonotonic = null;
        if (after != null) {
            after.run();
        }
        return monotonic;
    }

    @Override
    public long clockNanos(int clockId) {
        if (clockId == CLOCK_REALTIME) {
            return realtimeNanos();
        }
        if (clockId == CLOCK_TAI) {
            return taiNanos();
        }
        throw new KernelCallException("clock_gettime(clock=" + clockId + ", &ts)", KernelCallException.EINVAL,
                "returned -1");
    }

    /** Runs once right after the next adjtimex snapshot is taken: what the kernel does between two calls. */
    volatile Runnable afterNextAdjtimex;

    @Override
    public KernelTimex adjtimex() {
        adjtimexCalls++;
        int sign = pendingIsDeletion ? -1 : 1;
        KernelTimex tx = leapPending
                ? new KernelTimex(sign > 0 ? KernelTimex.TIME_OOP : KernelTimex.TIME_WAIT, status, 16_000_000,
                        16_000_000, kernelTaiOffset + sign, (realtimeNanos - sign * SECOND) / 1000 * 1000)
                : new KernelTimex(state, status, 16_000_000, 16_000_000, kernelTaiOffset,
                        realtimeNanos / 1000 * 1000); // microseconds, as without STA_NANO
        Runnable after = afterNextAdjtimex;
        afterNextAdjtimex = null;
        if (after != null) {
            after.run();
        }
        return tx;
    }

    @Override
    public void setTimerSlackNanos(long slackNanos) {
        timerSlackNanos = slackNanos;
    }

    @Override
    public long timerSlackNanos() {
        return timerSlackNanos;
    }

    @Override
    public String toString() {
        return "fake kernel";
    }
}
