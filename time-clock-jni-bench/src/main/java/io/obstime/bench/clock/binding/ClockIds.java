package io.obstime.bench.clock.binding;

/** Linux clock ids ({@code <linux/time.h>}). */
public final class ClockIds {
    /** POSIX UTC: nanoseconds since 1970-01-01T00:00:00Z, leap seconds not counted. */
    public static final int CLOCK_REALTIME = 0;
    /** CLOCK_REALTIME + the kernel's TAI offset (0 unless chrony or ptp4l set it). */
    public static final int CLOCK_TAI = 11;

    private ClockIds() {
    }

    static long toNanos(long seconds, long nanoseconds) {
        return seconds * 1_000_000_000L + nanoseconds;
    }

    static IllegalStateException failure(String route, int clockId, int rc, int errno) {
        return new IllegalStateException(
                route + ": clock_gettime(clockId=" + clockId + ") returned " + rc + ", errno " + errno);
    }
}
