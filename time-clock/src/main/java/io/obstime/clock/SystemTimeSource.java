package io.obstime.clock;

import io.obstime.clock.internal.linux.KernelCallException;
import io.obstime.clock.internal.linux.KernelClock;
import io.obstime.clock.internal.linux.KernelTimex;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine's clocks: UTC from CLOCK_REALTIME, TAI from CLOCK_TAI when the kernel's TAI offset agrees with the
 * leap-second table, otherwise UTC plus the table's offset.
 *
 * <h2>Backend</h2>
 * Chosen once, on first use: the system property {@value #BACKEND_PROPERTY} = {@code ffm | jna | fallback} forces
 * one; otherwise FFM on JDK 22+, else JNA, else the fallback ({@code Instant.now()} for UTC, TAI from the table, clock
 * status unknown). Each candidate is probed (CLOCK_REALTIME must agree with {@code System.currentTimeMillis()} within
 * a second, CLOCK_TAI and adjtimex must answer); a candidate that fails is logged with one WARN naming the reason, and
 * the next is tried. A kernel that rejects CLOCK_TAI (EINVAL: Linux before 3.10) sends every backend to the fallback.
 * A forced backend that cannot be used gives the fallback with one WARN, never another native backend.
 *
 * <h2>TAI: kernel or table</h2>
 * The kernel's TAI offset is 0 unless chrony ({@code leapsectz right/UTC} or {@code leapseclist}, with
 * {@code leapsecmode system}) or ptp4l/phc2sys sets it; then CLOCK_TAI is just UTC. So at each check this class
 * compares CLOCK_TAI with CLOCK_REALTIME + table offset (at that UTC instant) and reads CLOCK_TAI directly only when
 * <ul>
 *   <li>they agree within {@link #KERNEL_TOLERANCE_NANOS} (0.1 s, the time between the reads); or</li>
 *   <li>the kernel is one second (± 0.1 s) <em>ahead</em> while UTC is within [M − 1 s, M + 1 s) of a leap midnight M
 *       at which the table inserts a second, or while adjtimex says TIME_OOP: the kernel repeating 23:59:59 has
 *       already counted the leap second, the table names the old offset for 23:59:59; or</li>
 *   <li>the kernel is one second (± 0.1 s) off a table that has <em>expired</em>: its leap source may know a leap
 *       second announced after the table (either sign: a deleted second is possible). It is trusted, with one WARN
 *       naming the table to update.</li>
 * </ul>
 * Otherwise TAI = UTC + table offset, with one WARN naming the remedy. In particular a kernel offset one second off a
 * valid table at an ordinary instant (a PTP grandmaster with a stale UTC offset, a leap second chrony or ptp4l did not
 * apply) is not trusted: the table is right (tables only grow).
 *
 * <h2>Hot path and re-check</h2>
 * The decision lives in an immutable {@link TaiState} published through one volatile field. A read loads it, reads
 * one clock and checks with a single unsigned comparison that the reading lies in the state's validity window; the
 * table path then adds a cached offset. No lock, no allocation, no table lookup. The window closes 60 s after the
 * check ({@link #RECHECK_INTERVAL_NANOS}), one second before a leap second in the table (table path) or one second
 * after it (kernel path: a kernel that missed it is caught then), or when the clock is stepped back before the start
 * of the UTC day; the first read past it takes the slow path. The thread that claims the re-check (a CAS on an
 * AtomicBoolean, never a wait) re-decides and logs after releasing it; threads racing it do not wait for it: they
 * read with the state in force (CLOCK_TAI on the kernel path, else the leap-window reading or the table's own
 * mapping, which needs no cached state). So a process started before chrony set the offset switches to the kernel
 * within a minute by itself (logged at INFO). The re-check rides on the reads
 * rather than a daemon thread: no thread to own, start or stop in a library, and no re-check is needed while nobody
 * reads the time.
 *
 * <h2>Leap seconds</h2>
 * With the kernel as source, CLOCK_TAI is continuous through a leap second. With the table as source, the state
 * built before an inserted leap second of the table records CLOCK_REALTIME − CLOCK_MONOTONIC (the baseline). Each
 * read in the two seconds around that leap midnight reads CLOCK_MONOTONIC and CLOCK_REALTIME (both vDSO: no system
 * call, no allocation): when the kernel repeats 23:59:59, REALTIME − MONOTONIC has dropped by one second against the
 * baseline, synchronised or not (adjtimex says TIME_OOP only when synchronised). While it repeats, the new offset
 * applies, so TAI stays continuous and {@link #taiOffset()} says the new offset, as the kernel does; otherwise TAI is
 * {@link LeapSecondTable#utcToTaiNanos(long)}. The baseline is never sampled inside those two seconds while a
 * baseline from before them exists, and {@link #status()} does not re-decide, so neither can make TAI go back.
 * Limits: a baseline older than {@link #BASELINE_MAX_AGE_NANOS} (nobody read the time in the minute before the leap)
 * is replaced by one sampled inside the window; a source first built inside the repeated second sees the repeat
 * only through adjtimex's TIME_OOP: on an unsynchronised kernel its TAI is then one second early until 00:00:00,
 * where it jumps one second forward (never back). A kernel that was not told of the leap second does not repeat
 * 23:59:59; then TAI follows the table at whatever UTC the kernel shows (its UTC is a second off until it is
 * stepped). A clock step of about −1 s inside the last second before the leap midnight looks like the repeat.
 *
 * <h2>Native access (JDK 24+)</h2>
 * The first use of JNA ({@code System.load}) or FFM ({@code Linker.downcallHandle}) is a restricted method call;
 * JDK 24+ prints {@code WARNING: A restricted method in java.lang.System has been called} (or {@code in
 * java.lang.foreign.Linker}) {@code ... Use --enable-native-access=ALL-UNNAMED to avoid a warning for callers in this
 * module}. Start the JVM with {@code --enable-native-access=ALL-UNNAMED} (or, on the module path,
 * {@code --enable-native-access=io.obstime.clock,com.sun.jna}), or put {@code Enable-Native-Access: ALL-UNNAMED} in
 * the manifest of an executable jar, as time-clock.jar does. With {@code --illegal-native-access=deny} both
 * bindings fail and the fallback is used, with one WARN naming the flag.
 *
 * <p>Thread-safe. {@link #utcNanos()}, {@link #taiNanos()} and {@link #taiOffset()} allocate nothing (the
 * once-a-minute re-check and the log messages aside) and never block. "Nothing" is per thread after its first read,
 * which creates the binding's per-thread buffer; a fresh virtual thread pays that first read each time (see
 * {@code io.obstime.clock.internal.linux}).
 */
final class SystemTimeSource implements TimeSource {

    /** The system property that forces a backend: {@code ffm}, {@code jna} or {@code fallback}. */
    static final String BACKEND_PROPERTY = "obstime.clock.backend";
    /** How often the choice between CLOCK_TAI and the table is re-checked while the time is being read. */
    static final long RECHECK_INTERVAL_NANOS = 60_000_000_000L;
    /**
     * How far CLOCK_TAI − (UTC + table offset) may be from 0 (or from ±1 s where a second is allowed) for CLOCK_TAI to
     * be trusted: the time between the two reads.
     */
    static final long KERNEL_TOLERANCE_NANOS = 100_000_000L;
    /**
     * How far the fall of CLOCK_REALTIME − CLOCK_MONOTONIC may be from exactly one second and still be the kernel's
     * repeat of 23:59:59 (frequency slew over the baseline's age: at most 500 ppm × 65 s = 33 ms; read skew).
     */
    static final long LEAP_DROP_TOLERANCE_NANOS = 250_000_000L;
    /** The oldest (by CLOCK_MONOTONIC) baseline of CLOCK_REALTIME − CLOCK_MONOTONIC used in a leap window. */
    static final long BASELINE_MAX_AGE_NANOS = RECHECK_INTERVAL_NANOS + 5_000_000_000L;
    /** Two CLOCK_MONOTONIC reads around a CLOCK_REALTIME read further apart than this (preempted) are retried. */
    private static final long BRACKET_LIMIT_NANOS = 1_000_000L;
    private static final int BRACKET_TRIES = 3;
    /** What {@link #leapWindowTai} returns when the state's baseline is too old to tell a repeat. */
    private static final long STALE = Long.MIN_VALUE;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_DAY = 86_400L * NANOS_PER_SECOND;
    private static final long NO_LEAP = Long.MIN_VALUE;
    private static final int MAX_CAUSES = 8;
    private static final String FFM_CLASS = "io.obstime.clock.internal.linux.FfmKernelClock";
    // By name too: a direct reference would link JnaKernelClock, and with it com.sun.jna, outside the loader's try.
    private static final String JNA_CLASS = "io.obstime.clock.internal.linux.JnaKernelClock";

    private static final Logger LOG = LoggerFactory.getLogger(SystemTimeSource.class);

    private final KernelClock kernel;
    private final LeapSecondTable table;
    private final String selection;

    // The right to re-decide: claimed by CAS, never waited for (no reader blocks behind another's re-check).
    // Its CAS (acquire) and release store order the deciders' writes of the plain fields below one after another.
    private final AtomicBoolean deciding = new AtomicBoolean();

    // volatile: readers see a fully built immutable TaiState; written only by the thread holding `deciding`
    private volatile TaiState state;

    // Written only by the thread holding `deciding` (or the constructor): one WARN per kind, messages to log once
    // `deciding` is released (never log I/O while holding it).
    private boolean tableWarned;
    private boolean expiredTableWarned;
    private String pendingWarn;
    private String pendingInfo;
    // The table's expiry is checked at each re-check: a process that outlives it says so once (an already expired
    // table was named when it was loaded).
    private boolean expiryWarned;
    private String pendingExpiryWarn;

    // "logged once" counters for the tests
    private final AtomicInteger warnings = new AtomicInteger();
    private final AtomicInteger infos = new AtomicInteger();

    /**
     * @param kernel    the clocks to read; {@link FallbackClock} for the fallback
     * @param table     the leap-second table TAI follows
     * @param selection how the backend was chosen, for the log and the report (e.g. "JNA: automatic on JDK 17")
     * @param warning   a WARN to log once now (why a better backend was not used), or null
     */
    SystemTimeSource(KernelClock kernel, LeapSecondTable table, String selection, String warning) {
        this.kernel = kernel;
        this.table = table;
        this.selection = selection;
        if (warning != null) {
            warn(warning);
        }
        if (refresh(true) == null) {
            throw new AssertionError("an unpublished source cannot be deciding already");
        }
    }

    /** @return the process-wide instance, built on first use */
    static TimeSource instance() {
        return Holder.INSTANCE;
    }

    /** @return the process-wide instance's kernel binding, or null when it is the fallback */
    static KernelClock nativeKernel() {
        KernelClock k = Holder.INSTANCE.kernel;
        return k.backend() == ClockBackend.FALLBACK ? null : k;
    }

    private static final class Holder {
        static final SystemTimeSource INSTANCE = create(System.getProperty(BACKEND_PROPERTY),
                Runtime.version().feature(), System.getProperty("os.name", ""), LeapSecondTable.system());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Backend selection
    // ---------------------------------------------------------------------------------------------------------

    /** Loads a binding; may throw anything a missing library or denied native access throws. */
    interface Loader {
        KernelClock load() throws Exception;
    }

    /**
     * Chooses and probes the backend.
     *
     * @param forced     the value of {@value #BACKEND_PROPERTY}, or null
     * @param jdkFeature the running JDK's feature version
     * @param osName     the {@code os.name} property
     * @param table      the leap-second table
     * @return the time source
     */
    static SystemTimeSource create(String forced, int jdkFeature, String osName, LeapSecondTable table) {
        return create(forced, jdkFeature, osName, table, SystemTimeSource::loadFfm, SystemTimeSource::loadJna);
    }

    static SystemTimeSource create(String forced, int jdkFeature, String osName, LeapSecondTable table,
                                   Loader ffm, Loader jna) {
        List<String> problems = new ArrayList<>();
        List<ClockBackend> candidates = new ArrayList<>();
        String how;
        String choice = forced == null ? "" : forced.trim().toLowerCase(Locale.ROOT);
        switch (choice) {
            case "":
                how = "automatic on JDK " + jdkFeature;
                if (jdkFeature >= 22) {
                    candidates.add(ClockBackend.FFM);
                }
                candidates.add(ClockBackend.JNA);
                break;
            case "ffm":
                how = "forced by -D" + BACKEND_PROPERTY + "=" + forced;
                if (jdkFeature >= 22) {
                    candidates.add(ClockBackend.FFM);
                } else {
                    problems.add("FFM needs JDK 22+, this is JDK " + jdkFeature);
                }
                break;
            case "jna":
                how = "forced by -D" + BACKEND_PROPERTY + "=" + forced;
                candidates.add(ClockBackend.JNA);
                break;
            case "fallback":
                return new SystemTimeSource(FallbackClock.INSTANCE, table, "FALLBACK: forced by -D"
                        + BACKEND_PROPERTY + "=" + forced, null);
            default:
                how = "automatic on JDK " + jdkFeature + " (ignoring unknown -D" + BACKEND_PROPERTY + "=" + forced
                        + "; expected ffm, jna or fallback)";
                problems.add("unknown -D" + BACKEND_PROPERTY + "=" + forced + " (expected ffm, jna or fallback)");
                if (jdkFeature >= 22) {
                    candidates.add(ClockBackend.FFM);
                }
                candidates.add(ClockBackend.JNA);
        }
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            problems.add("not Linux (os.name=" + osName + ")");
            candidates.clear();
        }
        for (ClockBackend candidate : candidates) {
            KernelClock kernel;
            try {
                kernel = (candidate == ClockBackend.FFM ? ffm : jna).load();
                probe(kernel);
            } catch (KernelCallException e) {
                if (e.errno() == KernelCallException.EINVAL && e.call().contains("CLOCK_TAI")) {
                    problems.add(e.getMessage() + ": the kernel has no CLOCK_TAI (Linux before 3.10)");
                    break; // the kernel's limit: no other binding can do better
                }
                problems.add(candidate + " unusable: " + e.getMessage());
                continue;
            } catch (Exception | LinkageError e) {
                String why = describe(e);
                problems.add(candidate + " unusable: " + why + (why.contains("IllegalCallerException")
                        ? " (native access denied: start the JVM with --enable-native-access=ALL-UNNAMED)" : ""));
                continue;
            }
            String warning = problems.isEmpty() ? null
                    : "obstime clock: using " + kernel.backend() + " because " + String.join("; ", problems);
            return new SystemTimeSource(kernel, table, kernel.backend() + ": " + how, warning);
        }
        return new SystemTimeSource(FallbackClock.INSTANCE, table, "FALLBACK: " + how,
                "obstime clock: no kernel clock access (" + String.join("; ", problems) + "); UTC comes from "
                        + "Instant.now(), TAI = UTC + leap-second table, clock status UNKNOWN");
    }

    /**
     * The exception and its causes in one line: an ExceptionInInitializerError alone says nothing. At most
     * {@value #MAX_CAUSES} causes, so a cycle of causes ({@code initCause} allows A -> B -> A) cannot loop.
     */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        if (cause != null) {
            text.append(" <- ...");
        }
        return text.toString();
    }

    private static KernelClock loadFfm() throws Exception {
        return loadByName(FFM_CLASS, "the FFM backend is not in this build (built on a JDK before 22)");
    }

    private static KernelClock loadJna() throws Exception {
        return loadByName(JNA_CLASS, "the JNA backend is not in this build");
    }

    /**
     * Loads a binding class by name and calls its static {@code create()}. Nothing in this class refers to a binding
     * directly, so a missing JNA jar (or FFM classes) surfaces here, inside the caller's try, as an exception or a
     * LinkageError such as {@code NoClassDefFoundError: com/sun/jna/LastErrorException}.
     */
    private static KernelClock loadByName(String className, String missing) throws Exception {
        Class<?> c;
        try {
            c = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(missing, e);
        }
        try {
            return (KernelClock) c.getMethod("create").invoke(null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    /**
     * Checks a binding end to end once: a wrong struct layout or symbol is loud here, not a wrong time later.
     * CLOCK_REALTIME is checked both as {@link KernelClock#realtimeNanos()} and
     * through the binding's own {@code clock_gettime}, whose {@code struct timespec} handling CLOCK_TAI shares.
     */
    static void probe(KernelClock kernel) {
        probeRealtime(kernel, "realtimeNanos()", kernel::realtimeNanos);
        long realtime = probeRealtime(kernel, "clock_gettime(CLOCK_REALTIME)",
                () -> kernel.clockNanos(KernelClock.CLOCK_REALTIME));
        kernel.taiNanos();
        KernelTimex tx = kernel.adjtimex();
        if (tx.state() > KernelTimex.TIME_ERROR || Math.abs(tx.timeUtcNanos() - realtime) > 2 * NANOS_PER_SECOND) {
            throw new IllegalStateException(kernel + ": adjtimex returned " + tx + " at CLOCK_REALTIME " + realtime
                    + " ns: binding defect");
        }
    }

    /** @return the reading, after checking it against {@code System.currentTimeMillis()} within a second */
    private static long probeRealtime(KernelClock kernel, String call, LongSupplier read) {
        long before = System.currentTimeMillis();
        long realtime = read.getAsLong();
        long after = System.currentTimeMillis();
        long realtimeMillis = Math.floorDiv(realtime, 1_000_000L);
        if (realtimeMillis < before - 1_000 || realtimeMillis > after + 1_000) {
            throw new IllegalStateException(kernel + ": " + call + " read " + realtime + " ns but "
                    + "System.currentTimeMillis() read " + before + ".." + after + " ms: binding defect");
        }
        return realtime;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reads
    // ---------------------------------------------------------------------------------------------------------

    @Override
    public long utcNanos() {
        return kernel.realtimeNanos();
    }

    @Override
    public long taiNanos() {
        TaiState s = state; // one volatile load; the snapshot it points to is immutable
        if (s.fromKernel) {
            long tai = kernel.taiNanos();
            if (s.covers(tai - s.offsetNanos)) {
                return tai;
            }
        } else {
            long utc = kernel.realtimeNanos();
            if (s.covers(utc)) {
                return utc + s.offsetNanos;
            }
            if (s.inLeapWindow(utc)) {
                long tai = leapWindowTai(s); // lock-free, allocation-free: three vDSO reads for two seconds
                if (tai != STALE) {
                    return tai;
                }
            }
        }
        return taiNanosSlow();
    }

    /**
     * Past the state's window: re-decide, then read once with the new state. A thread that finds another deciding
     * does not wait: it reads with the state in force (CLOCK_TAI on the kernel path, else the table's mapping).
     */
    private long taiNanosSlow() {
        TaiState decided = refresh(false);
        TaiState s = decided != null ? decided : state;
        if (s.fromKernel) {
            return kernel.taiNanos();
        }
        long utc = kernel.realtimeNanos();
        if (s.covers(utc)) {
            return utc + s.offsetNanos;
        }
        if (s.inLeapWindow(utc)) {
            long tai = leapWindowTai(s);
            if (tai != STALE) {
                return tai;
            }
        }
        // The clock left the fresh window already (stepped meanwhile): the table knows the answer, slowly.
        return table.utcToTaiNanos(utc);
    }

    /**
     * TAI in the two seconds around a leap midnight of the table, table path. Reads CLOCK_MONOTONIC, CLOCK_REALTIME,
     * CLOCK_MONOTONIC (again if the thread was preempted between them): REALTIME − the first MONOTONIC one second
     * below the state's baseline means the kernel is repeating 23:59:59. Should the kernel insert the second between
     * the reads, REALTIME is already the repeat and the comparison sees it.
     *
     * @return TAI, or {@link #STALE} when the baseline is too old to compare with
     */
    private long leapWindowTai(TaiState s) {
        if (s.offsetAfterLeap <= s.offsetSeconds) {
            // A deletion: nothing repeats, the table maps whatever the clock shows (a deleted second, should the
            // clock show it, maps to the start of the next day).
            return table.utcToTaiNanos(kernel.realtimeNanos());
        }
        long monotonic;
        long utc;
        int tries = 0;
        do {
            monotonic = kernel.monotonicNanos();
            utc = kernel.realtimeNanos();
        } while (kernel.monotonicNanos() - monotonic > BRACKET_LIMIT_NANOS && ++tries < BRACKET_TRIES);
        if (monotonic - s.baselineMonotonicNanos > BASELINE_MAX_AGE_NANOS) {
            return STALE;
        }
        return s.repeating(utc, monotonic) ? utc + s.offsetAfterLeap * NANOS_PER_SECOND : table.utcToTaiNanos(utc);
    }

    @Override
    public int taiOffset() {
        long utc = kernel.realtimeNanos();
        long tai = taiNanos();
        // Round to whole seconds: the reads are nanoseconds to microseconds apart.
        return (int) Math.floorDiv(tai - utc + NANOS_PER_SECOND / 2, NANOS_PER_SECOND);
    }

    @Override
    public LeapSecondTable leapSeconds() {
        return table;
    }

    @Override
    public ClockStatus status() {
        TaiState decided = refresh(false); // never re-decides while the state in force still holds
        TaiState s = decided != null ? decided : state;
        TaiSource source = s.fromKernel ? TaiSource.KERNEL : TaiSource.LEAP_SECOND_TABLE;
        int delivered = taiOffset();
        if (kernel.backend() == ClockBackend.FALLBACK) {
            return new ClockStatus(false, -1, -1, LeapState.UNKNOWN, -1, delivered, source, ClockBackend.FALLBACK);
        }
        KernelTimex tx = kernel.adjtimex();
        LeapState leap = leapState(tx.state(), tx.status());
        if (leap == LeapState.INSERT_PENDING && !s.fromKernel) {
            // An unsynchronised kernel says TIME_ERROR during the repeat too; the table path sees the repeat itself.
            long monotonic = kernel.monotonicNanos();
            long utc = kernel.realtimeNanos();
            if (s.inLeapWindow(utc) && monotonic - s.baselineMonotonicNanos <= BASELINE_MAX_AGE_NANOS
                    && s.repeating(utc, monotonic)) {
                leap = LeapState.IN_PROGRESS;
            }
        }
        return new ClockStatus(synchronised(tx), tx.maxErrorMicros(), tx.estErrorMicros(), leap, tx.taiOffset(),
                delivered, source, kernel.backend());
    }

    /** @return the backend, how it was chosen, and where TAI comes from now */
    @Override
    public String toString() {
        return "SystemTimeSource[" + selection + ", TAI from " + (state.fromKernel ? "CLOCK_TAI" : "UTC + "
                + table.sourceName()) + "]";
    }

    /** @return how the backend was chosen, e.g. {@code JNA: automatic on JDK 17} */
    String selection() {
        return selection;
    }

    /** @return the binding's own description */
    String kernelDescription() {
        return kernel.toString();
    }

    static boolean synchronised(KernelTimex tx) {
        return tx.state() != KernelTimex.TIME_ERROR && (tx.status() & KernelTimex.STA_UNSYNC) == 0;
    }

    /**
     * Maps adjtimex's return value to a {@link LeapState}. TIME_ERROR says only that the clock is unsynchronised
     * (the kernel returns it whatever the leap state); the STA_INS / STA_DEL bits still tell whether a leap second is
     * armed, so it maps to INSERT_PENDING / DELETE_PENDING, else NONE. An unsynchronised kernel's leap in progress
     * cannot be told apart this way; {@link #status()} tells it on the table path by the repeat of CLOCK_REALTIME.
     *
     * @param state  adjtimex's return value
     * @param status {@code timex.status}
     * @return the leap state
     */
    static LeapState leapState(int state, int status) {
        switch (state) {
            case KernelTimex.TIME_OK: return LeapState.NONE;
            case KernelTimex.TIME_INS: return LeapState.INSERT_PENDING;
            case KernelTimex.TIME_DEL: return LeapState.DELETE_PENDING;
            case KernelTimex.TIME_OOP: return LeapState.IN_PROGRESS;
            case KernelTimex.TIME_WAIT: return LeapState.OCCURRED;
            case KernelTimex.TIME_ERROR:
                if ((status & KernelTimex.STA_INS) != 0) {
                    return LeapState.INSERT_PENDING;
                }
                if ((status & KernelTimex.STA_DEL) != 0) {
                    return LeapState.DELETE_PENDING;
                }
                return LeapState.NONE;
            default: return LeapState.UNKNOWN;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The decision (slow path)
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Re-decides between CLOCK_TAI and the table and publishes the new state, if this thread wins the right to
     * decide; then logs what the decision found, outside it.
     *
     * @param force decide even if the current state still holds
     * @return the state in force, or null when another thread is deciding (the caller uses {@link #state})
     */
    private TaiState refresh(boolean force) {
        if (!deciding.compareAndSet(false, true)) { // volatile CAS: acquires the previous decider's writes
            return null;
        }
        TaiState decided;
        String warnNow;
        String infoNow;
        String expiryWarnNow;
        try {
            pendingWarn = null;
            pendingInfo = null;
            pendingExpiryWarn = null;
            decided = refreshLocked(force);
            warnNow = pendingWarn;
            infoNow = pendingInfo;
            expiryWarnNow = pendingExpiryWarn;
        } finally {
            deciding.set(false); // volatile store: releases this decider's writes to the next
        }
        if (warnNow != null) {
            warn(warnNow);
        }
        if (infoNow != null) {
            info(infoNow);
        }
        if (expiryWarnNow != null) {
            warn(expiryWarnNow);
        }
        return decided;
    }

    private TaiState refreshLocked(boolean force) {
        TaiState current = state;
        long monotonic;
        long utc;
        int tries = 0;
        do {
            monotonic = kernel.monotonicNanos();
            utc = kernel.realtimeNanos();
        } while (kernel.monotonicNanos() - monotonic > BRACKET_LIMIT_NANOS && ++tries < BRACKET_TRIES);
        if (!force && current != null && current.holdsAt(utc, monotonic)) {
            return current;
        }
        Instant utcInstant = Instant.ofEpochSecond(Math.floorDiv(utc, NANOS_PER_SECOND));
        if (current == null) {
            expiryWarned = table.isExpiredAt(utcInstant); // expired already: LeapSecondTable.system() said so
        } else if (!expiryWarned && table.isExpiredAt(utcInstant)) {
            expiryWarned = true;
            pendingExpiryWarn = "obstime clock: the leap-second table " + table.sourceName() + " expired on "
                    + table.expires() + " while this process ran: a leap second announced since then is not known. "
                    + "Update tzdata (/usr/share/zoneinfo/leap-seconds.list) or -Dobstime.leapSecondsFile, and "
                    + "restart.";
        }
        int tableOffset = table.taiMinusUtcAtUtcNanos(utc);
        TaiState next;
        if (kernel.backend() == ClockBackend.FALLBACK) {
            next = tableState(utc, monotonic, tableOffset, current);
        } else {
            long utcBefore = kernel.realtimeNanos();
            long tai = kernel.taiNanos();
            long kernelOffsetNanos = tai - utcBefore;
            long disagreementNanos = kernelOffsetNanos - tableOffset * NANOS_PER_SECOND;
            KernelVerdict verdict = judgeKernel(disagreementNanos, utcBefore, table,
                    () -> kernel.adjtimex().state());
            if (verdict != KernelVerdict.REJECTED) {
                // Re-checked a second after a leap midnight of the table too: a kernel not told of it is caught then.
                long validUntil = utcBefore + RECHECK_INTERVAL_NANOS;
                long nextMidnight = (Math.floorDiv(utcBefore, NANOS_PER_DAY) + 1) * NANOS_PER_DAY;
                if (leapAt(nextMidnight)) {
                    validUntil = Math.min(validUntil, nextMidnight + NANOS_PER_SECOND);
                }
                long validFrom = utcBefore - RECHECK_INTERVAL_NANOS;
                next = new TaiState(true, kernelOffsetNanos, tableOffset, validFrom, validUntil - validFrom, NO_LEAP,
                        tableOffset, 0, monotonic);
                if (verdict == KernelVerdict.BEYOND_EXPIRED_TABLE && !expiredTableWarned) {
                    expiredTableWarned = true;
                    pendingWarn = "obstime clock: CLOCK_TAI − CLOCK_REALTIME is " + seconds(kernelOffsetNanos)
                            + " s but TAI − UTC is " + tableOffset + " s by the leap-second table ("
                            + table.sourceName() + "), which expired on " + table.expires() + ": trusting the "
                            + "kernel, whose leap source may know a leap second announced since. Update the table "
                            + "(tzdata's /usr/share/zoneinfo/leap-seconds.list, or -Dobstime.leapSecondsFile=...).";
                } else if (current != null && !current.fromKernel) {
                    pendingInfo = "obstime clock: the kernel's TAI offset now agrees with the leap-second table ("
                            + tableOffset + " s): reading CLOCK_TAI directly";
                }
            } else {
                next = tableState(utc, monotonic, tableOffset, current);
                if (current == null || current.fromKernel) {
                    String message = "obstime clock: CLOCK_TAI − CLOCK_REALTIME is "
                            + seconds(kernelOffsetNanos) + " s but TAI − UTC is " + tableOffset
                            + " s by the leap-second table (" + table.sourceName() + "): delivering TAI = UTC + "
                            + tableOffset + " s from the table. Set the kernel's TAI offset so that CLOCK_TAI is "
                            + "right for every program: chrony with `leapsectz right/UTC` (or `leapseclist "
                            + "/usr/share/zoneinfo/leap-seconds.list`) and `leapsecmode system`, or ptp4l/phc2sys on "
                            + "a PTP network. Re-checked every " + RECHECK_INTERVAL_NANOS / NANOS_PER_SECOND
                            + " s; CLOCK_TAI is used as soon as it agrees.";
                    if (tableWarned) {
                        pendingInfo = message;
                    } else {
                        tableWarned = true;
                        pendingWarn = message;
                    }
                }
            }
        }
        state = next; // volatile store: publishes the fully built snapshot to the lock-free readers
        return next;
    }

    /**
     * The table path's state for a decision taken at {@code utc}.
     *
     * @param utc       CLOCK_REALTIME at the decision
     * @param monotonic CLOCK_MONOTONIC read just before it
     * @param current   the state in force, or null
     */
    private TaiState tableState(long utc, long monotonic, int tableOffset, TaiState current) {
        long dayStart = Math.floorDiv(utc, NANOS_PER_DAY) * NANOS_PER_DAY;
        long nextMidnight = dayStart + NANOS_PER_DAY;
        long recheck = utc + RECHECK_INTERVAL_NANOS;
        long leapUtc = NO_LEAP;
        if (leapAt(dayStart) && utc < dayStart + NANOS_PER_SECOND) {
            leapUtc = dayStart;
        } else if (leapAt(nextMidnight)) {
            leapUtc = nextMidnight;
        }
        if (leapUtc == NO_LEAP) {
            return new TaiState(false, tableOffset * NANOS_PER_SECOND, tableOffset, dayStart, recheck - dayStart,
                    NO_LEAP, tableOffset, 0, monotonic);
        }
        int before = table.taiMinusUtcAtUtcNanos(leapUtc - 1);
        int after = table.taiMinusUtcAtUtcNanos(leapUtc);
        long windowStart = leapUtc - NANOS_PER_SECOND;
        // Valid up to the window; inside it every read compares REALTIME − MONOTONIC with the baseline.
        long end = Math.max(dayStart, Math.min(recheck, windowStart));
        long baseline = utc - monotonic;
        long baselineAt = monotonic;
        if (utc >= windowStart) {
            end = dayStart; // span 0: every read in the window takes the leap-window path
            if (current != null && !current.fromKernel && current.leapUtcNanos == leapUtc
                    && monotonic - current.baselineMonotonicNanos <= BASELINE_MAX_AGE_NANOS) {
                // Never sample inside the window while a baseline from before it holds: after the kernel's repeat
                // began, a new sample would hide it (TAI one second back).
                baseline = current.realtimeMinusMonotonicNanos;
                baselineAt = current.baselineMonotonicNanos;
            } else if (after > before && utc < leapUtc && kernel.backend() != ClockBackend.FALLBACK
                    && kernel.adjtimex().state() == KernelTimex.TIME_OOP) {
                baseline += NANOS_PER_SECOND; // built inside the repeat: only a synchronised kernel says so
            }
        }
        return new TaiState(false, before * NANOS_PER_SECOND, before, dayStart, end - dayStart, leapUtc, after,
                baseline, baselineAt);
    }

    /** What the decision makes of CLOCK_TAI. */
    enum KernelVerdict {
        /** Within 0.1 s of the table, or one second ahead during an inserted leap second: read CLOCK_TAI. */
        TRUSTED,
        /** One second off a table that has expired: read CLOCK_TAI, with one WARN. */
        BEYOND_EXPIRED_TABLE,
        /** Use UTC + table. */
        REJECTED
    }

    /**
     * The rule of the class comment.
     *
     * @param disagreementNanos CLOCK_TAI − (CLOCK_REALTIME + table offset at that UTC)
     * @param utcNanos          CLOCK_REALTIME at the check
     * @param table             the leap-second table
     * @param adjtimexState     adjtimex's return value, asked only for a kernel one second ahead outside a leap window
     * @return the verdict
     */
    static KernelVerdict judgeKernel(long disagreementNanos, long utcNanos, LeapSecondTable table,
                                     IntSupplier adjtimexState) {
        if (Math.abs(disagreementNanos) <= KERNEL_TOLERANCE_NANOS) {
            return KernelVerdict.TRUSTED;
        }
        if (Math.abs(Math.abs(disagreementNanos) - NANOS_PER_SECOND) > KERNEL_TOLERANCE_NANOS) {
            return KernelVerdict.REJECTED;
        }
        if (disagreementNanos > 0 && (inInsertionWindow(table, utcNanos)
                || adjtimexState.getAsInt() == KernelTimex.TIME_OOP)) {
            return KernelVerdict.TRUSTED;
        }
        Instant utc = Instant.ofEpochSecond(Math.floorDiv(utcNanos, NANOS_PER_SECOND));
        return table.isExpiredAt(utc) ? KernelVerdict.BEYOND_EXPIRED_TABLE : KernelVerdict.REJECTED;
    }

    /** @return utc lies in [M − 1 s, M + 1 s) of a midnight M at which the table inserts a second */
    static boolean inInsertionWindow(LeapSecondTable table, long utcNanos) {
        long midnight = Math.floorDiv(utcNanos + NANOS_PER_SECOND, NANOS_PER_DAY) * NANOS_PER_DAY;
        return utcNanos < midnight + NANOS_PER_SECOND
                && table.taiMinusUtcAtUtcNanos(midnight) > table.taiMinusUtcAtUtcNanos(midnight - 1);
    }

    private boolean leapAt(long midnightUtcNanos) {
        return table.taiMinusUtcAtUtcNanos(midnightUtcNanos - 1) != table.taiMinusUtcAtUtcNanos(midnightUtcNanos);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    private void warn(String message) {
        warnings.incrementAndGet();
        LOG.warn(message);
    }

    private void info(String message) {
        infos.incrementAndGet();
        LOG.info(message);
    }

    /** @return how many WARNs this instance has logged (tests check "once, not per call") */
    int warningsLogged() {
        return warnings.get();
    }

    /** @return how many INFOs this instance has logged */
    int infosLogged() {
        return infos.get();
    }

    /**
     * What the last decision found; immutable, published through the volatile {@link #state}.
     */
    private static final class TaiState {
        /** TAI is CLOCK_TAI (else UTC + {@link #offsetNanos}). */
        final boolean fromKernel;
        /**
         * Table path: TAI − UTC to add. Kernel path: CLOCK_TAI − CLOCK_REALTIME at the check, which maps a TAI reading
         * to the UTC window without a second clock read; should the kernel's offset change later, the re-check comes
         * that much earlier or later (37 s later if it were reset to 0).
         */
        final long offsetNanos;
        /** The table's TAI − UTC at the check, seconds. */
        final int offsetSeconds;
        /** Start of the UTC range in which reads may use this state without a re-check. */
        final long validFromUtcNanos;
        /** Length of that range; 0 inside a leap window. */
        final long validSpanNanos;
        /** Table path: the leap midnight whose surrounding two seconds are read via adjtimex, or NO_LEAP. */
        final long leapUtcNanos;
        /** The table's TAI − UTC from {@link #leapUtcNanos} on. */
        final int offsetAfterLeap;
        /** Table path: CLOCK_REALTIME − CLOCK_MONOTONIC before the leap (the kernel's repeat lowers it by 1 s). */
        final long realtimeMinusMonotonicNanos;
        /** CLOCK_MONOTONIC when that baseline was sampled. */
        final long baselineMonotonicNanos;

        TaiState(boolean fromKernel, long offsetNanos, int offsetSeconds, long validFromUtcNanos,
                 long validSpanNanos, long leapUtcNanos, int offsetAfterLeap, long realtimeMinusMonotonicNanos,
                 long baselineMonotonicNanos) {
            this.fromKernel = fromKernel;
            this.offsetNanos = offsetNanos;
            this.offsetSeconds = offsetSeconds;
            this.validFromUtcNanos = validFromUtcNanos;
            this.validSpanNanos = validSpanNanos;
            this.leapUtcNanos = leapUtcNanos;
            this.offsetAfterLeap = offsetAfterLeap;
            this.realtimeMinusMonotonicNanos = realtimeMinusMonotonicNanos;
            this.baselineMonotonicNanos = baselineMonotonicNanos;
        }

        /** The decision still holds: inside its window, or in its leap window with a fresh enough baseline. */
        boolean holdsAt(long utcNanos, long monotonicNanos) {
            return covers(utcNanos) || (!fromKernel && inLeapWindow(utcNanos)
                    && monotonicNanos - baselineMonotonicNanos <= BASELINE_MAX_AGE_NANOS);
        }

        /** The kernel is repeating 23:59:59 before this state's inserted leap second. */
        boolean repeating(long utcNanos, long monotonicNanos) {
            long drop = realtimeMinusMonotonicNanos - (utcNanos - monotonicNanos);
            return offsetAfterLeap > offsetSeconds && utcNanos < leapUtcNanos
                    && utcNanos >= leapUtcNanos - NANOS_PER_SECOND
                    && Math.abs(drop - NANOS_PER_SECOND) <= LEAP_DROP_TOLERANCE_NANOS;
        }

        /** One unsigned comparison: from <= utc < from + span. */
        boolean covers(long utcNanos) {
            return Long.compareUnsigned(utcNanos - validFromUtcNanos, validSpanNanos) < 0;
        }

        boolean inLeapWindow(long utcNanos) {
            return leapUtcNanos != NO_LEAP && utcNanos >= leapUtcNanos - NANOS_PER_SECOND
                    && utcNanos < leapUtcNanos + NANOS_PER_SECOND;
        }
    }
}
