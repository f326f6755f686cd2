package io.obstime.bench.clock.binding;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

/**
 * CLOCK_TAI through a JNA interface mapping with a {@code struct timespec} {@link Structure} allocated for every
 * read: the route of the TMT CSW time service (its {@code TimeSpec} structure and {@code clock_gettime} in a JNA
 * {@code Library} interface), written here from the JNA documentation. Each call allocates the Structure (and JNA's
 * per-call bookkeeping) and converts arguments by reflection.
 */
public final class JnaStructureClock {

    /** {@code int clock_gettime(clockid_t, struct timespec *)} from libc, interface-mapped. */
    public interface LibC extends Library {
        int clock_gettime(int clockId, TimeSpec timeSpec);
    }

    /** {@code struct timespec { time_t tv_sec; long tv_nsec; }}: 16 bytes on LP64 Linux. */
    @Structure.FieldOrder({"tv_sec", "tv_nsec"})
    public static final class TimeSpec extends Structure {
        public NativeLong tv_sec;
        public NativeLong tv_nsec;
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private JnaStructureClock() {
    }

    /** @return CLOCK_TAI in nanoseconds since 1970 (the kernel's reading: TAI only if its offset is set) */
    public static long taiNanos() {
        TimeSpec timeSpec = new TimeSpec();
        int rc = LIBC.clock_gettime(ClockIds.CLOCK_TAI, timeSpec);
        if (rc != 0) {
            throw ClockIds.failure("JNA Structure", ClockIds.CLOCK_TAI, rc, Native.getLastError());
        }
        return ClockIds.toNanos(timeSpec.tv_sec.longValue(), timeSpec.tv_nsec.longValue());
    }
}
