package io.obstime.clock.internal.linux;

import io.obstime.clock.ClockBackend;
import java.time.Instant;

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

    /**
     * {@code CLOCK_REALTIME}: the kernel bindings read it with their own {@code clock_gettime}; the fallback through
     * {@link #javaTimeRealtimeNanos()}.
     *
     * @return {@code clock_gettime(CLOCK_REALTIME)}: nanoseconds since 1970-01-01T00:00:00Z, POSIX UTC
     */
    long realtimeNanos();

    /**
     * {@code CLOCK_REALTIME} read by the JDK itself: {@link Instant#now()} as nanoseconds since 1970-01-01T00:00:00Z.
     * The one place obstime reads UTC through {@code java.time}; used by the fallback.
     *
     * <p><b>Exactly CLOCK_REALTIME on Linux.</b> {@code Instant.now()} (the system UTC clock, {@code Clock.systemUTC()})
     * takes its seconds and nanoseconds from {@code jdk.internal.misc.VM.getNanoTimeAdjustment}, which HotSpot answers
     * with {@code os::javaTimeSystemUTC}: on Linux {@code clock_gettime(CLOCK_REALTIME, &ts)}, {@code ts.tv_sec} and
     * {@code ts.tv_nsec} unchanged ({@code src/hotspot/os/posix/os_posix.cpp} in JDK 17; nanosecond precision on Linux
     * since JDK 15). So it is the kernel's CLOCK_REALTIME, served by the vDSO, with all nine digits (checked here:
     * 99.9 % of 100 000 readings are not whole microseconds on JDK 17.0.15 and 25.0.3). Elsewhere (the fallback on
     * other systems) it is that platform's system UTC clock, at its precision.
     *
     * <p><b>Allocation.</b> None only where C2 inlines all of {@code Instant.now()} into the caller and scalar-replaces
     * the {@code Instant}; interpreted or C1 code, or a caller out of inlining budget, allocates a 24-byte
     * {@code Instant} per call. That is why the JNA binding does not use this read (about 35 ns against its 110-120 ns
     * on JDK 17): its reads must allocate nothing, whoever calls them.
     *
     * @return {@code CLOCK_REALTIME} in nanoseconds since 1970-01-01T00:00:00Z, POSIX UTC
     */
    static long javaTimeRealtimeNanos() {
        Instant now = Instant.now(); // HotSpot: clock_gettime(CLOCK_REALTIME); the Instant is scalar-replaced by C2
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * @return {@code clock_gettime(CLOCK_TAI)}: CLOCK_REALTIME plus the kernel's TAI offset, in nanoseconds (right
     *         TAI only when something has set that offset)
     */
    long taiNanos();

    /**
     * {@code CLOCK_MONOTONIC}: HotSpot's {@link System#nanoTime()} is {@code clock_gettime(CLOCK_MONOTONIC)} on Linux,
     * served by the vDSO with no system call and no allocation, the cheapest read there is. A step of CLOCK_REALTIME
     * (an inserted leap second repeating 23:59:59, a clock step) does not move it, so CLOCK_REALTIME − CLOCK_MONOTONIC
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
