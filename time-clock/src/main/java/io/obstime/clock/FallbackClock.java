package io.obstime.clock;

import io.obstime.clock.internal.linux.KernelClock;
import io.obstime.clock.internal.linux.KernelTimex;
import java.time.Instant;

/**
 * UTC from {@link Instant#now()} ({@link KernelClock#javaTimeRealtimeNanos()}: CLOCK_REALTIME with nanosecond
 * precision on Linux since JDK 15) where the kernel cannot be reached: non-Linux, JNA not loadable, native access
 * denied, CLOCK_TAI rejected, or forced. It has no TAI and no clock state: {@link SystemTimeSource} never asks it for
 * them.
 */
final class FallbackClock implements KernelClock {

    static final FallbackClock INSTANCE = new FallbackClock();

    private FallbackClock() {
    }

    @Override
    public ClockBackend backend() {
        return ClockBackend.FALLBACK;
    }

    @Override
    public long realtimeNanos() {
        return KernelClock.javaTimeRealtimeNanos();
    }

    @Override
    public long taiNanos() {
        throw new UnsupportedOperationException("the fallback clock has no CLOCK_TAI");
    }

    @Override
    public long clockNanos(int clockId) {
        throw new UnsupportedOperationException("the fallback clock has no clock_gettime");
    }

    @Override
    public KernelTimex adjtimex() {
        throw new UnsupportedOperationException("the fallback clock has no adjtimex");
    }

    @Override
    public void setTimerSlackNanos(long slackNanos) {
        throw new UnsupportedOperationException("the fallback clock has no prctl");
    }

    @Override
    public long timerSlackNanos() {
        throw new UnsupportedOperationException("the fallback clock has no prctl");
    }

    @Override
    public String toString() {
        return "java.time.Instant.now()";
    }
}
