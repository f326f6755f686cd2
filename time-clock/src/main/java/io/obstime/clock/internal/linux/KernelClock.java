package io.obstime.clock.internal.linux;

import io.obstime.clock.ClockBackend;

/**
 * The Linux kernel's clocks as primitives: what {@code io.obstime.clock.SystemTimeSource} reads. Tests of the TAI
 * decision logic pass a fake.
 *
 * <p>Implementations are thread-safe; {@link #realtimeNanos()} and {@link #taiNanos()} allocate nothing and take no
 * lock. Every method throws {@link KernelCallException} when the kernel call fails, never a made-up value.
 */
public interface KernelClock {

    /** {@code CLOCK_REALTIME} from {@code <time.h>}. */
    int CLOCK_REALTIME = 0;
    /** {@code CLOCK_TAI} from {@code <time.h>} (Linux 3.10+). */
    int CLOCK_TAI = 11;
    /** {@code PR_SET_TIMERSLACK} from {@code <linux/prctl.h>}. */
    int PR_SET_TIMERSLACK = 29;
    /** {@code PR_GET_TIMERSLACK} from {@code <linux/prctl.h>}. */
    int PR_GET_TIMERSLACK = 30;

    /** @return which binding this is ({@link ClockBackend#JNA} or {@link ClockBackend#FFM} for the real ones) */
    ClockBackend backend();

    /** @return {@code clock_gettime(CLOCK_REALTIME)}: nanoseconds since 1970-01-01T00:00:00Z, POSIX UTC */
    long realtimeNanos();

    /**
     * @return {@code clock_gettime(CLOCK_TAI)}: CLOCK_REALTIME plus the kernel's TAI offset, in nanoseconds (right
     *         TAI only when something has set that offset)
     */
    long taiNanos();

    /**
     * {@code CLOCK_MONOTONIC}: HotSpot's {@link System#nanoTime()} is {@code clock_gettime(CLOCK_MONOTONIC)} on Linux,
     * served by the vDSO with no system call and no allocation, the cheapest read there is. A step of CLOCK_REALTIME
     * (an inserted leap second repeating 23:59:59, settimeofday) does not move it, so CLOCK_REALTIME − CLOCK_MONOTONIC
     * drops by one second when the kernel inserts a leap second, whether or not it is synchronised.
     *
     * @return CLOCK_MONOTONIC in nanoseconds (arbitrary origin)
     */
    default long monotonicNanos() {
        return System.nanoTime();
    }

    /**
     * {@code clock_gettime} on any clock, as the two reads above do (allocation-free, thread-safe).
     *
     * @param clockId a {@code clockid_t}: {@link #CLOCK_REALTIME}, {@link #CLOCK_TAI}, CLOCK_MONOTONIC = 1, or a
     *                dynamic clock such as a PTP hardware clock ({@code ((~fd) << 3) | 3})
     * @return that clock's reading in nanoseconds
     * @throws KernelCallException if the kernel rejects the clock (EINVAL), with errno in the message
     */
    long clockNanos(int clockId);

    /** @return {@code adjtimex} with {@code modes = 0}: the kernel's clock state, read only */
    KernelTimex adjtimex();

    /**
     * {@code prctl(PR_SET_TIMERSLACK, slackNanos)} for the calling thread only.
     *
     * @param slackNanos the calling thread's new timer slack, nanoseconds, at least 1
     */
    void setTimerSlackNanos(long slackNanos);

    /**
     * @return {@code prctl(PR_GET_TIMERSLACK)}: the calling thread's timer slack in nanoseconds (the kernel returns it
     *         as a C {@code int}, so values above 2^31 - 1 ns are not representable and are reported as an error)
     */
    long timerSlackNanos();
}
