package io.obstime.clock.internal.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.obstime.clock.ClockBackend;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The kernel's clocks through the Foreign Function &amp; Memory API (JDK 22+): about the cost of
 * {@code System.nanoTime()}, both being vDSO calls.
 *
 * <p>This class exists only in {@code META-INF/versions/22} of the multi-release jar and has no base-version twin:
 * {@code SystemTimeSource} loads it by name on JDK 22+. Everything is built once in static finals.
 *
 * <p><b>Clock reads.</b> {@code clock_gettime} is bound as a <em>critical</em> function with heap access
 * ({@code Linker.Option.critical(true)}): it neither blocks nor calls back into Java (the vDSO reads the clock
 * from shared memory; clocks the vDSO lacks take a short system call), so the thread need not change state, and the
 * kernel may write straight into a Java {@code long[2]}. Each thread owns one such array and its segment, created on
 * its first read (a {@code ThreadLocal}): threads never share the buffer, nothing is allocated per read, and no
 * native memory has to be freed when a thread ends. The values are read back with plain array loads. A virtual
 * thread's first read creates its own array (heap only): see the package comment on platform and virtual threads.
 *
 * <p><b>errno.</b> The read binding captures no errno (that costs a store per call and needs a native segment);
 * when a read returns non-zero, the same call is repeated through a twin handle with
 * {@code Linker.Option.captureCallState("errno")}, and that errno is reported. {@code clock_gettime}'s errors
 * (EINVAL for an unknown clock, EFAULT) are deterministic, so the repeat names the real cause. {@code adjtimex} and
 * {@code prctl} always capture errno.
 */
public final class FfmKernelClock implements KernelClock {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();

    /*
     * struct timespec (64-bit Linux), 16 bytes:
     *   offset 0  time_t tv_sec   (8 B)
     *   offset 8  long   tv_nsec  (8 B)
     * As a Java long[2]: element 0 = tv_sec, element 1 = tv_nsec.
     */
    private static final int TIMESPEC_LONGS = 2;

    /*
     * struct timex (glibc <sys/timex.h>, 64-bit Linux), 208 bytes:
     *   offset   0  int  modes        (0 before the call: read only, never set anything)
     *   offset   8  long offset       offset  16  long freq
     *   offset  24  long maxerror µs  offset  32  long esterror µs
     *   offset  40  int  status       offset  48  long constant
     *   offset  56  long precision    offset  64  long tolerance
     *   offset  72  struct timeval time { tv_sec @72 (8 B), tv_usec @80 (8 B; ns if STA_NANO) }
     *   offset  88  long tick         offset  96  long ppsfreq     offset 104 long jitter
     *   offset 112  int  shift        offset 120  long stabil      offset 128 long jitcnt
     *   offset 136  long calcnt       offset 144  long errcnt      offset 152 long stbcnt
     *   offset 160  int  tai
     *   offset 164  44 bytes of padding (11 reserved ints)
     */
    private static final long TIMEX_SIZE = 208;
    private static final long TIMEX_MODES = 0;
    private static final long TIMEX_MAXERROR = 24;
    private static final long TIMEX_ESTERROR = 32;
    private static final long TIMEX_STATUS = 40;
    private static final long TIMEX_TIME_SEC = 72;
    private static final long TIMEX_TIME_FRAC = 80;
    private static final long TIMEX_TAI = 160;

    /** int clock_gettime(clockid_t clockid, struct timespec *tp): critical, writes into a heap array. */
    private static final MethodHandle CLOCK_GETTIME = LINKER.downcallHandle(symbol("clock_gettime"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.critical(true));

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** The same with errno captured: for naming the cause of a failed read. */
    private static final MethodHandle CLOCK_GETTIME_ERRNO = LINKER.downcallHandle(symbol("clock_gettime"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.captureCallState("errno"));

    /** int adjtimex(struct timex *buf), with buf->modes == 0 only. */
    private static final MethodHandle ADJTIMEX = LINKER.downcallHandle(symbol("adjtimex"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS), Linker.Option.captureCallState("errno"));

    /** int prctl(int option, ...): variadic after the first argument; four unsigned longs follow. */
    private static final MethodHandle PRCTL = LINKER.downcallHandle(symbol("prctl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));

    /** A thread's timespec: the array the kernel writes and the heap segment that wraps it. */
    private static final class Timespec {
        final long[] values = new long[TIMESPEC_LONGS];
        final MemorySegment segment = MemorySegment.ofArray(values);
    }

    // Per thread, so reads from many threads never share memory; the lookup costs a few ns next to the call.
    private static final ThreadLocal<Timespec> TIMESPEC = ThreadLocal.withInitial(Timespec::new);

    private static final FfmKernelClock INSTANCE = new FfmKernelClock();

    private FfmKernelClock() {
    }

    /**
     * @return the FFM binding (its static initialisation links the functions: a missing symbol or denied native
     *         access throws here)
     */
    public static FfmKernelClock create() {
        long cLong = LINKER.canonicalLayouts().get("long").byteSize();
        if (cLong != 8 || ADDRESS.byteSize() != 8) {
            throw new IllegalStateException("the struct layouts here are those of 64-bit Linux; this C long is "
                    + cLong + " bytes");
        }
        return INSTANCE;
    }

    private static MemorySegment symbol(String name) {
        return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }

    @Override
    public ClockBackend backend() {
        return ClockBackend.FFM;
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
        int rc;
        try {
            rc = (int) CLOCK_GETTIME.invokeExact(clockId, ts.segment);
        } catch (Error e) {
            throw e; // StackOverflowError, OutOfMemoryError...: not a binding failure
        } catch (Throwable e) {
            throw new IllegalStateException(KernelCallException.clockCall(clockId) + " downcall failed", e);
        }
        if (rc != 0) {
            throw failure(clockId);
        }
        return ts.values[0] * 1_000_000_000L + ts.values[1];
    }

    /** Out of line, so the hot path stays small: repeats the call with errno captured to name the cause. */
    private static KernelCallException failure(int clockId) {
        String call = KernelCallException.clockCall(clockId);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment timespec = arena.allocate(JAVA_LONG, TIMESPEC_LONGS);
            int rc = (int) CLOCK_GETTIME_ERRNO.invokeExact(state, clockId, timespec);
            int errno = rc == 0 ? 0 : (int) ERRNO.get(state, 0L);
            return new KernelCallException(call, errno, rc == 0 ? "returned non-zero, then 0 when repeated"
                    : "returned " + rc);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return new KernelCallException(call, 0, "returned non-zero; repeating it failed too: " + e);
        }
    }

    @Override
    public KernelTimex adjtimex() {
        String call = "adjtimex(&tx /* modes=0 */)";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment tx = arena.allocate(TIMEX_SIZE, 8); // zeroed: modes = 0, read only
            tx.set(JAVA_INT, TIMEX_MODES, 0);
            int rc = (int) ADJTIMEX.invokeExact(state, tx);
            if (rc < 0) {
                throw new KernelCallException(call, (int) ERRNO.get(state, 0L), "returned " + rc);
            }
            int status = tx.get(JAVA_INT, TIMEX_STATUS);
            return new KernelTimex(rc, status, tx.get(JAVA_LONG, TIMEX_MAXERROR), tx.get(JAVA_LONG, TIMEX_ESTERROR),
                    tx.get(JAVA_INT, TIMEX_TAI), KernelTimex.timeNanos(tx.get(JAVA_LONG, TIMEX_TIME_SEC),
                            tx.get(JAVA_LONG, TIMEX_TIME_FRAC), status));
        } catch (KernelCallException e) {
            throw e;
        } catch (Error e) {
            throw e; // StackOverflowError, OutOfMemoryError...: not a binding failure
        } catch (Throwable e) {
            throw new IllegalStateException(call + " downcall failed", e);
        }
    }

    @Override
    public void setTimerSlackNanos(long slackNanos) {
        if (slackNanos < 1) {
            throw new IllegalArgumentException("slackNanos must be at least 1 (0 would restore the default): " + slackNanos);
        }
        int rc = prctl("prctl(PR_SET_TIMERSLACK=" + PR_SET_TIMERSLACK + ", " + slackNanos + ")",
                PR_SET_TIMERSLACK, slackNanos);
        if (rc != 0) {
            throw new KernelCallException("prctl(PR_SET_TIMERSLACK=" + PR_SET_TIMERSLACK + ", " + slackNanos + ")",
                    0, "returned " + rc);
        }
    }

    @Override
    public long timerSlackNanos() {
        return prctl("prctl(PR_GET_TIMERSLACK=" + PR_GET_TIMERSLACK + ")", PR_GET_TIMERSLACK, 0L);
    }

    private static int prctl(String call, int option, long arg2) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) PRCTL.invokeExact(state, option, arg2, 0L, 0L, 0L);
            if (rc < 0) {
                throw new KernelCallException(call, (int) ERRNO.get(state, 0L), "returned " + rc);
            }
            return rc;
        } catch (KernelCallException e) {
            throw e;
        } catch (Error e) {
            throw e; // StackOverflowError, OutOfMemoryError...: not a binding failure
        } catch (Throwable e) {
            throw new IllegalStateException(call + " downcall failed", e);
        }
    }

    @Override
    public String toString() {
        return "FFM (java.lang.foreign, JDK " + Runtime.version().feature() + ") downcalls into libc";
    }
}
