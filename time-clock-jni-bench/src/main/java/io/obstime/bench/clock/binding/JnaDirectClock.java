package io.obstime.bench.clock.binding;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * CLOCK_TAI through JNA direct mapping ({@link Native#register}): a {@code static native} method whose pointer
 * argument is a raw native address ({@code long}), so JNA converts nothing and allocates nothing per call. The
 * {@code struct timespec} is a 16-byte native buffer owned by one {@link Reader} (one per thread), read back through a
 * direct {@link ByteBuffer} view (no JNI call per field).
 */
public final class JnaDirectClock {

    static {
        Native.register("c");
    }

    private JnaDirectClock() {
    }

    private static native int clock_gettime(int clockId, long timespecAddress);

    /** A per-thread reader: owns the native {@code struct timespec}. Not thread-safe. */
    public static final class Reader {
        private final Memory timespec = new Memory(16);
        private final long address = Pointer.nativeValue(timespec);
        private final ByteBuffer view = timespec.getByteBuffer(0, 16).order(ByteOrder.nativeOrder());

        /** @return CLOCK_TAI in nanoseconds since 1970 (the kernel's reading) */
        public long taiNanos() {
            int rc = clock_gettime(ClockIds.CLOCK_TAI, address);
            if (rc != 0) {
                throw ClockIds.failure("JNA direct", ClockIds.CLOCK_TAI, rc, Native.getLastError());
            }
            return ClockIds.toNanos(view.getLong(0), view.getLong(8));
        }
    }
}
