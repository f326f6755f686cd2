package io.obstime.bench.clock.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Bench-only FFM (JDK 22+) binding of {@code clock_gettime}, in two flavours: an ordinary downcall and a
 * {@link Linker.Option#critical critical} one (no thread-state transition; fine for a call that never blocks). Each
 * {@link Reader} owns one reused native {@code struct timespec}. The return code is checked; errno is fetched only
 * on failure, by repeating the call through a handle that captures it, so the fast path stays a plain downcall.
 */
public final class FfmClock {

    static final int CLOCK_TAI = 11;

    /*
     * struct timespec (LP64 Linux), 16 bytes:
     *   offset 0: time_t tv_sec   (8)
     *   offset 8: long   tv_nsec  (8)
     */
    private static final StructLayout TIMESPEC = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("tv_sec"), ValueLayout.JAVA_LONG.withName("tv_nsec"));
    private static final VarHandle TV_SEC =
            TIMESPEC.varHandle(MemoryLayout.PathElement.groupElement("tv_sec"));
    private static final VarHandle TV_NSEC =
            TIMESPEC.varHandle(MemoryLayout.PathElement.groupElement("tv_nsec"));

    private static final FunctionDescriptor CLOCK_GETTIME_DESCRIPTOR =
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS);
    private static final MemorySegment CLOCK_GETTIME_SYMBOL = Linker.nativeLinker().defaultLookup()
            .find("clock_gettime")
            .orElseThrow(() -> new IllegalStateException("FFM: symbol clock_gettime not found in the C library"));
    private static final MethodHandle CLOCK_GETTIME =
            Linker.nativeLinker().downcallHandle(CLOCK_GETTIME_SYMBOL, CLOCK_GETTIME_DESCRIPTOR);
    private static final MethodHandle CLOCK_GETTIME_CRITICAL = Linker.nativeLinker()
            .downcallHandle(CLOCK_GETTIME_SYMBOL, CLOCK_GETTIME_DESCRIPTOR, Linker.Option.critical(false));
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final MethodHandle CLOCK_GETTIME_ERRNO = Linker.nativeLinker().downcallHandle(
            CLOCK_GETTIME_SYMBOL,
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
            Linker.Option.captureCallState("errno"));
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private FfmClock() {
    }

    /** A per-thread reader owning one native {@code struct timespec}. Not thread-safe. */
    public static final class Reader {
        private final MemorySegment timespec = Arena.ofAuto().allocate(TIMESPEC);

        /** @return CLOCK_TAI in nanoseconds since 1970 (the kernel's reading), ordinary downcall */
        public long taiNanos() {
            int rc;
            try {
                rc = (int) CLOCK_GETTIME.invokeExact(CLOCK_TAI, timespec);
            } catch (Throwable t) {
                throw new IllegalStateException("FFM downcall clock_gettime failed", t);
            }
            return toNanos(rc);
        }

        /** @return CLOCK_TAI in nanoseconds since 1970 (the kernel's reading), critical downcall */
        public long taiNanosCritical() {
            int rc;
            try {
                rc = (int) CLOCK_GETTIME_CRITICAL.invokeExact(CLOCK_TAI, timespec);
            } catch (Throwable t) {
                throw new IllegalStateException("FFM critical downcall clock_gettime failed", t);
            }
            return toNanos(rc);
        }

        private long toNanos(int rc) {
            if (rc != 0) {
                throw failure(rc);
            }
            return (long) TV_SEC.get(timespec, 0L) * 1_000_000_000L + (long) TV_NSEC.get(timespec, 0L);
        }

        private IllegalStateException failure(int rc) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(CALL_STATE);
                int again = (int) CLOCK_GETTIME_ERRNO.invokeExact(state, CLOCK_TAI, timespec);
                return new IllegalStateException("FFM: clock_gettime(clockId=" + CLOCK_TAI + ") returned " + rc
                        + "; repeated: " + again + ", errno " + (int) ERRNO.get(state, 0L));
            } catch (Throwable t) {
                return new IllegalStateException(
                        "FFM: clock_gettime(clockId=" + CLOCK_TAI + ") returned " + rc + " (errno unavailable)", t);
            }
        }
    }
}
