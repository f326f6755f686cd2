package io.obstime.clock.internal.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.obstime.clock.ClockBackend;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The kernel's clocks through JNA direct mapping ({@code Native.register}): static native methods with primitive and
 * raw-address ({@code long}) arguments, the fastest route JNA offers (about 110-120 ns a read here, against 520+ ns and
 * 224+ bytes for a reused {@code Structure}).
 *
 * <p><b>CLOCK_REALTIME goes through JNA too</b>, although {@code Instant.now()} reads the same clock for a third of the
 * cost: its {@code Instant} is only scalar-replaced when C2 inlines the whole call chain, and in a fresh-clone test run
 * it was not (96 bytes per (utcNanos, taiNanos) pair, every round). A clock read that allocates depending on the
 * caller's inlining budget is not allocation-free, so JNA's 110-120 ns it is.
 *
 * <p>Each thread owns a 16-byte direct buffer for {@code struct timespec}, created on its first read: the kernel
 * writes into it and the JIT reads it back with plain loads ({@code ByteBuffer.getLong} is intrinsic, unlike JNA's
 * {@code Pointer.getLong}, which is a JNI call). The buffer is freed by its cleaner when the thread is gone. A
 * virtual thread gets a buffer of its own too: see the package comment on platform and virtual threads.
 *
 * <p>errno: the clock reads are bound without errno capture (it costs a thread-local store per call); when one
 * returns non-zero, the same call is repeated through a twin binding declared {@code throws LastErrorException}, and
 * that errno is reported. The errors {@code clock_gettime} can give (EINVAL for an unknown clock, EFAULT) are
 * deterministic, so the repeat reports the real cause. {@code adjtimex} and {@code prctl} always capture errno.
 */
public final class JnaKernelClock implements KernelClock {

    /** The hot-path bindings: no errno capture. */
    private static final class Libc {
        static {
            Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private Libc() { }

        /** {@code int clock_gettime(clockid_t clockid, struct timespec *tp)}. */
        static native int clock_gettime(int clockId, long timespecAddress);
    }

    /** The same functions with errno captured: JNA throws LastErrorException when errno is set after the call. */
    private static final class LibcErrno {
        static {
            Native.register(LibcErrno.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private LibcErrno() { }

        static native int clock_gettime(int clockId, long timespecAddress) throws LastErrorException;

        /** {@code int adjtimex(struct timex *buf)}; only ever called with {@code buf->modes == 0} (read only). */
        static native int adjtimex(long timexAddress) throws LastErrorException;

        /**
         * {@code int prctl(int option, unsigned long arg2, ...)}. Variadic in C; passing all four longs is what the
         * x86-64 and AArch64 calling conventions expect for integer arguments, and the kernel reads them as such.
         */
        static native int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;
    }

    /** {@code struct timespec} on 64-bit Linux: {@code tv_sec}@0 (time_t, 8 B), {@code tv_nsec}@8 (long, 8 B). */
    private static final int TIMESPEC_SIZE = 16;

    /*
     * struct timex on 64-bit Linux (glibc, <sys/timex.h>), 208 bytes; the fields obstime reads:
     *   offset   0  int   modes      (written 0 before the call: read only)
     *   offset  24  long  maxerror   (µs)
     *   offset  32  long  esterror   (µs)
     *   offset  40  int   status
     *   offset  72  struct timeval time: tv_sec@72 (8 B), tv_usec@80 (8 B; ns if STA_NANO)
     *   offset 160  int   tai
     * the rest (offset@8, freq@16, constant@48, ... stbcnt@152, 44 bytes of padding after tai) is not read.
     */
    static final int TIMEX_SIZE = 208;
    static final int TIMEX_MODES = 0;
    static final int TIMEX_MAXERROR = 24;
    static final int TIMEX_ESTERROR = 32;
    static final int TIMEX_STATUS = 40;
    static final int TIMEX_TIME_SEC = 72;
    static final int TIMEX_TIME_FRAC = 80;
    static final int TIMEX_TAI = 160;

    /** A thread's timespec buffer and its native address, looked up once per read. */
    private static final class Timespec {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(TIMESPEC_SIZE).order(ByteOrder.nativeOrder());
        final long address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
    }

    // Per thread, so reads from many threads never share memory; the lookup costs a few ns next to the JNA call.
    private static final ThreadLocal<Timespec> TIMESPEC = ThreadLocal.withInitial(Timespec::new);

    private static final JnaKernelClock INSTANCE = new JnaKernelClock();

    private JnaKernelClock() {
    }

    /**
     * Binds libc through JNA.
     *
     * @return the JNA binding
     * @throws LinkageError when JNA or its native part cannot be loaded (JNA missing, unsupported platform, native
     *                      access denied)
     * @throws IllegalStateException on a platform that is not 64-bit (the struct layouts would be wrong)
     */
    public static JnaKernelClock create() {
        if (Native.LONG_SIZE != 8 || Native.POINTER_SIZE != 8) {
            throw new IllegalStateException("the struct layouts here are those of 64-bit Linux; this C long is "
                    + Native.LONG_SIZE + " bytes");
        }
        return INSTANCE;
    }

    @Override
    public ClockBackend backend() {
        return ClockBackend.JNA;
    }

    @Override
    public long realtimeNanos() {
        return read(CLOCK_REALTIME);
    }

    @Override
    public long taiNanos() {
        return read(CLOCK_TAI);
    }

    @Override
    public long clockNanos(int clockId) {
        return read(clockId);
    }

    private static long read(int clockId) {
        Timespec ts = TIMESPEC.get();
        if (Libc.clock_gettime(clockId, ts.address) != 0) {
            throw failure(clockId, ts.address);
        }
        ByteBuffer b = ts.buffer;
        return b.getLong(0) * 1_000_000_000L + b.getLong(8);
    }

    /** Out of line, so the hot path stays small: repeats the call with errno captured to name the cause. */
    private static KernelCallException failure(int clockId, long address) {
        String call = KernelCallException.clockCall(clockId);
        try {
            int rc = LibcErrno.clock_gettime(clockId, address);
            return new KernelCallException(call, 0, "returned non-zero, then " + rc + " without errno when repeated");
        } catch (LastErrorException e) {
            return new KernelCallException(call, e.getErrorCode(), "returned -1");
        }
    }

    @Override
    public KernelTimex adjtimex() {
        ByteBuffer b = ByteBuffer.allocateDirect(TIMEX_SIZE).order(ByteOrder.nativeOrder());
        b.putInt(TIMEX_MODES, 0); // modes = 0: read only, never set anything
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(b));
        int state;
        try {
            state = LibcErrno.adjtimex(address);
        } catch (LastErrorException e) {
            throw new KernelCallException("adjtimex(&tx /* modes=0 */)", e.getErrorCode(), "failed");
        }
        if (state < 0) {
            throw new KernelCallException("adjtimex(&tx /* modes=0 */)", 0, "returned " + state);
        }
        int status = b.getInt(TIMEX_STATUS);
        return new KernelTimex(state, status, b.getLong(TIMEX_MAXERROR), b.getLong(TIMEX_ESTERROR),
                b.getInt(TIMEX_TAI), KernelTimex.timeNanos(b.getLong(TIMEX_TIME_SEC), b.getLong(TIMEX_TIME_FRAC), status));
    }

    @Override
    public void setTimerSlackNanos(long slackNanos) {
        if (slackNanos < 1) {
            throw new IllegalArgumentException("slackNanos must be at least 1 (0 would restore the default): " + slackNanos);
        }
        String call = "prctl(PR_SET_TIMERSLACK=" + PR_SET_TIMERSLACK + ", " + slackNanos + ")";
        try {
            int rc = LibcErrno.prctl(PR_SET_TIMERSLACK, slackNanos, 0L, 0L, 0L);
            if (rc != 0) {
                throw new KernelCallException(call, 0, "returned " + rc);
            }
        } catch (LastErrorException e) {
            throw new KernelCallException(call, e.getErrorCode(), "failed");
        }
    }

    @Override
    public long timerSlackNanos() {
        String call = "prctl(PR_GET_TIMERSLACK=" + PR_GET_TIMERSLACK + ")";
        try {
            int rc = LibcErrno.prctl(PR_GET_TIMERSLACK, 0L, 0L, 0L, 0L);
            if (rc < 0) {
                throw new KernelCallException(call, 0, "returned " + rc + " (slack above 2^31-1 ns or an error)");
            }
            return rc;
        } catch (LastErrorException e) {
            throw new KernelCallException(call, e.getErrorCode(), "failed");
        }
    }

    @Override
    public String toString() {
        return "JNA " + Native.VERSION + " direct mapping of lib" + Platform.C_LIBRARY_NAME;
    }
}
