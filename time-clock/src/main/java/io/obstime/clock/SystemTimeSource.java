package io.obstime.clock;

import io.obstime.clock.internal.linux.KernelCallException;
import io.obstime.clock.internal.linux.KernelClock;
import io.obstime.clock.internal.linux.KernelTimex;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine's clocks: UTC from CLOCK_REALTIME, TAI as CLOCK_REALTIME plus an offset that a background check
 * decides, kept continuous through leap seconds by CLOCK_MONOTONIC.
 *
 * <h2>Backend</h2>
 * Chosen once, on first use: the system property {@value #BACKEND_PROPERTY} = {@code ffm | jna | fallback} forces
 * one; otherwise FFM on JDK 22+, else JNA, else the fallback ({@code Instant.now()} for UTC, TAI from the table, clock
 * status unknown). Each candidate is probed (CLOCK_REALTIME must agree with {@code System.currentTimeMillis()} within
 * a second, CLOCK_TAI and adjtimex must answer); a candidate that fails is logged with one WARN naming the reason, and
 * the next is tried. A kernel that rejects CLOCK_TAI (EINVAL: Linux before 3.10) sends every backend to the fallback.
 * A forced backend that cannot be used gives the fallback with one WARN, never another native backend, with one
 * exception: {@code ffm} on a JDK before 22 (where FFM does not exist) gives JNA, with one WARN saying FFM needs JDK
 * 22+.
 *
 * <h2>What TAI is, when the kernel and the table disagree</h2>
 * CLOCK_TAI is by definition CLOCK_REALTIME + the kernel's TAI offset (one integer, set by chrony or ptp4l/phc2sys,
 * 0 on most machines). So obstime never reads CLOCK_TAI for TAI: it reads CLOCK_REALTIME and adds an offset it has
 * decided, which is the same number whenever the kernel's offset is right. The offset is decided by the check
 * (below), in this order:
 * <ol>
 *   <li><b>Continuity across a midnight.</b> TAI is a continuous time scale: it never jumps because UTC gained or
 *       lost a second. When the kernel observably inserted (or deleted) a second at a midnight (CLOCK_REALTIME fell
 *       one second behind CLOCK_MONOTONIC there), the new offset is the old one plus (minus) one, <em>even if the
 *       leap-second table does not list that leap second</em> (a stale table, or one that has expired): the kernel
 *       was told by its time source, and going back one second would be wrong twice over. One WARN names the table
 *       to update; the correction is kept for the life of the process.</li>
 *   <li><b>A leap second of the table that the kernel did not apply</b> (nothing repeated 23:59:59): the table wins,
 *       with one WARN, and TAI jumps by that second a second after the midnight: the kernel's UTC is one second off
 *       until its time source steps it, and TAI (UTC + the table's offset) then steps with it.</li>
 *   <li><b>Otherwise the table's offset</b> for the UTC instant (plus any correction of rule 1), whatever the kernel's
 *       TAI offset says. A kernel offset that is 0, or changes under a running process (37 → 0 when a daemon
 *       restarts, 37 → 38 from a PTP grandmaster with a wrong UTC offset) does not move obstime's TAI at all: the
 *       table is right and tables only grow. {@link ClockStatus#taiSource()} says {@link TaiSource#KERNEL} while the
 *       kernel's offset equals the one delivered, else {@link TaiSource#LEAP_SECOND_TABLE}, read afresh at each
 *       {@link #status()}; the check logs the disagreement once as a WARN naming the remedy (later changes as
 *       INFO).</li>
 *   <li><b>An expired table one second off the kernel</b>: the kernel's offset is taken (its leap source may know a
 *       leap second announced after the table), with one WARN naming the table to update.</li>
 * </ol>
 * The kernel's offset is read as adjtimex's integer {@code tai}, never as a difference of two clock readings, so a
 * stall between two reads cannot mislead the decision.
 *
 * <h2>Hot path</h2>
 * The decision lives in an immutable {@link TaiState} published through one volatile field. A read loads it, reads
 * CLOCK_REALTIME once and checks with one unsigned comparison that the reading lies in the state's UTC day (up to one
 * second before its closing midnight); then it adds the offset. No lock, no allocation, no system call. Any other
 * reading takes the slow path, still lock- and allocation-free: CLOCK_REALTIME + the offset + the leap second that
 * CLOCK_MONOTONIC shows CLOCK_REALTIME has taken since the check (see {@link TaiState}). That is how the second before each midnight, the midnight
 * and the kernel's late step of CLOCK_REALTIME (at the first timer tick after midnight, 0.4-9.7 ms late on a real
 * kernel) are read: continuous whatever the kernel does, and whenever it does it. A reading that fails the
 * verification (the clock was stepped) is UTC + the table's offset for that instant, and wakes the check.
 *
 * <h2>The check</h2>
 * Decisions and all logging happen on one daemon thread, {@value ClockChecker#THREAD_NAME}, never on a reader's
 * thread (a 1 kHz timer thread reading the time never decides or logs), the first decision aside (below). It checks every
 * {@value #CHECK_INTERVAL_SECONDS} s, two seconds before each UTC midnight (a fresh TAI − MONOTONIC for the night)
 * and just over a second after it (the leap, if any, has happened by then), and at once when a reader saw a clock
 * step. A check inside the two seconds around a midnight keeps the state in force while it still verifies.
 *
 * <p>The first decision runs on the thread that first asks for the system clock (with its one WARN, if any); every
 * later one on the check thread.
 *
 * <p>Limits: a leap second is accepted at a midnight only in the direction the table lists or the kernel had armed
 * (STA_INS / STA_DEL) at the check before it; there, a clock step of exactly that second (within
 * {@link TaiState#TOLERANCE_NANOS}) between that check and the one after midnight looks like the leap second. A
 * process that starts (or a clock stepped) inside an inserted second learns of the repeat only from adjtimex's
 * TIME_OOP, which an unsynchronised kernel does not report once it has stepped: its TAI is then one second early until
 * the check after midnight, where it jumps forward (never back).
 *
 * <h2>Native access (JDK 24+)</h2>
 * The first use of JNA ({@code System.load}) or FFM ({@code Linker.downcallHandle}) is a restricted method call;
 * JDK 24+ prints {@code WARNING: A restricted method in java.lang.System has been called} (or {@code in
 * java.lang.foreign.Linker}) {@code ... Use --enable-native-access=ALL-UNNAMED to avoid a warning for callers in this
 * module}. Start the JVM with {@code --enable-native-access=ALL-UNNAMED} (or, on the module path,
 * {@code --enable-native-access=io.obstime.clock,com.sun.jna}), or put {@code Enable-Native-Access: ALL-UNNAMED} in
 * the manifest of an executable jar, as time-clock-report.jar does. With {@code --illegal-native-access=deny} both
 * bindings fail and the fallback is used, with one WARN naming the flag (it also says that timer slack cannot be set,
 * so {@link ThreadTimerSlack} adds no WARN of its own).
 *
 * <p>Thread-safe. {@link #utcNanos()}, {@link #taiNanos()} and {@link #taiOffset()} allocate nothing and never block.
 * "Nothing" is per thread after its first read, which creates the binding's per-thread buffer; a fresh virtual thread
 * pays that first read each time (see {@code io.obstime.clock.internal.linux}).
 */
final class SystemTimeSource implements TimeSource {

    /** The system property that forces a backend: {@code ffm}, {@code jna} or {@code fallback}. */
    static final String BACKEND_PROPERTY = "obstime.clock.backend";
    /** How often the check runs at most apart. */
    static final int CHECK_INTERVAL_SECONDS = 60;
    static final long CHECK_INTERVAL_NANOS = CHECK_INTERVAL_SECONDS * TaiState.NANOS_PER_SECOND;
    /** The check before each midnight runs this long before it: TAI − MONOTONIC sampled fresh for the night. */
    static final long PRE_MIDNIGHT_CHECK_NANOS = 2 * TaiState.NANOS_PER_SECOND;
    /** The check after each midnight runs this long after it: past the kernel's late step, past the window. */
    static final long POST_MIDNIGHT_CHECK_NANOS = 1_100_000_000L;

    private static final long NANOS_PER_SECOND = TaiState.NANOS_PER_SECOND;
    private static final long NANOS_PER_DAY = TaiState.NANOS_PER_DAY;
    /**
     * Bracketed samples the check takes of CLOCK_REALTIME − CLOCK_MONOTONIC, keeping the narrowest: its error is a
     * step of TAI where readings pass between the fast and the slow path (tens of ns on bare metal, more under
     * emulation).
     */
    private static final int BRACKET_TRIES = 8;
    private static final int MAX_CAUSES = 8;
    private static final String FFM_CLASS = "io.obstime.clock.internal.linux.FfmKernelClock";
    // By name too: a direct reference would link JnaKernelClock, and with it com.sun.jna, outside the loader's try.
    private static final String JNA_CLASS = "io.obstime.clock.internal.linux.JnaKernelClock";

    private static final Logger LOG = LoggerFactory.getLogger(SystemTimeSource.class);

    private final KernelClock kernel;
    private final LeapSecondTable table;
    private final String selection;

    // volatile: readers see a fully built immutable TaiState; written only inside check() (under checkLock)
    private volatile TaiState state;
    // The check's own lock: only the check thread (and tests) take it; no reader ever does.
    private final Object checkLock = new Object();
    // The thread that runs the checks, or null (instances built by tests check when the test says).
    private volatile Thread checker;

    // Guarded by checkLock. Seconds added to the table's offset: leap seconds the kernel applied that the table lacks,
    // or the kernel's word beyond an expired table. Kept for the life of the process.
    private int beyondTableSeconds;
    private boolean kernelChangeWarned;
    private boolean beyondTableWarned;
    private boolean missedLeapWarned;
    private boolean expiryWarned;
    private boolean stepInfoLogged;

    // "logged once" counters for the tests
    private final AtomicInteger warnings = new AtomicInteger();
    private final AtomicInteger infos = new AtomicInteger();
    private final AtomicInteger checks = new AtomicInteger();
    private volatile String lastWarning;
    // Written by check(); read by the check thread before its first wait.
    private volatile long nextCheckDelayNanos;
    // Set by a reader that saw a clock step (volatile: tests that drive the checks read it); cleared by check().
    private volatile boolean checkWanted;

    /**
     * Builds the source and takes the first decision on this thread; starts no check thread ({@link #create} does).
     *
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
        expiryWarned = table.isExpiredAt(Instant.ofEpochSecond(Math.floorDiv(kernel.realtimeNanos(),
                NANOS_PER_SECOND))); // expired already: LeapSecondTable.system() said so when it loaded
        check();
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
                Runtime.version().feature(), System.getProperty("os.name", ""), LeapSecondTable.system())
                .startChecking();
    }

    /**
     * Starts the daemon thread that runs {@link #check()} from now on.
     *
     * @return this
     */
    SystemTimeSource startChecking() {
        checker = ClockChecker.start(this);
        return this;
    }

    /** Stops the check thread, if any (tests). */
    void stopChecking() {
        Thread t = checker;
        checker = null;
        if (t != null) {
            t.interrupt();
        }
    }

    /** @return the thread running the checks, or null */
    Thread checkerThread() {
        return checker;
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
                if (jdkFeature >= 22) {
                    how = "forced by -D" + BACKEND_PROPERTY + "=" + forced;
                    candidates.add(ClockBackend.FFM);
                } else {
                    // Asked for the fast binding on a JDK without it: the next best native one, not the fallback.
                    how = "-D" + BACKEND_PROPERTY + "=" + forced + " needs JDK 22+, JNA instead on JDK " + jdkFeature;
                    problems.add("-D" + BACKEND_PROPERTY + "=" + forced + ": the FFM backend needs JDK 22+, this is "
                            + "JDK " + jdkFeature);
                    candidates.add(ClockBackend.JNA);
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
                        ? " (native access denied: start the JVM with " + nativeAccessFlag() + ")" : ""));
                continue;
            }
            String warning = problems.isEmpty() ? null
                    : "obstime clock: using " + kernel.backend() + " because " + String.join("; ", problems);
            return new SystemTimeSource(kernel, table, kernel.backend() + ": " + how, warning);
        }
        return new SystemTimeSource(FallbackClock.INSTANCE, table, "FALLBACK: " + how,
                "obstime clock: no kernel clock access (" + String.join("; ", problems) + "); UTC comes from "
                        + "Instant.now(), TAI = UTC + leap-second table, clock status UNKNOWN, and a thread's timer "
                        + "slack cannot be set (timed waits wake up to about 50 µs late)");
    }

    /** @return the JVM flag that enables native access for obstime where it runs: a named module or the class path */
    static String nativeAccessFlag() {
        return SystemTimeSource.class.getModule().isNamed()
                ? "--enable-native-access=io.obstime.clock,com.sun.jna" : "--enable-native-access=ALL-UNNAMED";
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
        long utc = kernel.realtimeNanos();
        if (s.fast(utc)) {
            return utc + s.offsetNanos;
        }
        return taiNanosSlow(s);
    }

    /**
     * Outside the fast range: CLOCK_REALTIME + offset + the leap second CLOCK_MONOTONIC shows it has taken; lock-free
     * and allocation-free. A clock step (the verification fails) gives the table's mapping of the reading and wakes the
     * check.
     */
    private long taiNanosSlow(TaiState s) {
        long utc = 0;
        for (int tries = 0; tries < 2; tries++) { // twice: a reader preempted between its two reads looks stepped
            utc = kernel.realtimeNanos();
            // CLOCK_MONOTONIC only tells which second CLOCK_REALTIME shows; TAI is that reading plus the offset and the
            // leap second it has taken, so it is exactly the fast path's value on either side of the switch (no
            // sampling error of the constant shows), and a kernel step between the two reads verifies as none and
            // gives TAI at the CLOCK_REALTIME reading, which is right.
            int leap = s.observedLeap(utc, s.taiAtMonotonic(kernel.monotonicNanos()));
            if (leap != TaiState.STEPPED) {
                return utc + s.offsetNanos + leap * NANOS_PER_SECOND;
            }
        }
        if (!checkWanted) { // one wake per step: a check that cannot run must not cost every reader a futex call
            checkWanted = true;
            Thread t = checker;
            if (t != null) {
                LockSupport.unpark(t); // no allocation, no wait: the check re-decides on its own thread
            }
        }
        return table.utcToTaiNanos(utc) + s.beyondTableNanos;
    }

    /**
     * CLOCK_REALTIME − CLOCK_MONOTONIC from one CLOCK_REALTIME read bracketed by two CLOCK_MONOTONIC reads (their
     * middle is the REALTIME read's instant), the narrowest of {@value #BRACKET_TRIES}: the check's sample of the
     * constant the slow path adds to CLOCK_MONOTONIC. It moves only when CLOCK_REALTIME is stepped (a leap second, a
     * clock step): NTP slews both clocks alike. The check then reads CLOCK_REALTIME once more for the instant it
     * decides at; a step between the two shows at the next check.
     */
    private long realtimeMinusMonotonic() {
        long difference = 0;
        long narrowest = Long.MAX_VALUE;
        for (int tries = 0; tries < BRACKET_TRIES; tries++) {
            long before = kernel.monotonicNanos();
            long utc = kernel.realtimeNanos();
            long after = kernel.monotonicNanos();
            if (after - before < narrowest) { // half the bracket is this sample's error: keep the narrowest
                narrowest = after - before;
                difference = utc - (before + ((after - before) >> 1));
            }
        }
        return difference;
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

    /**
     * The kernel's state now (one adjtimex call) and what this source delivers. Decides nothing: the check does.
     * {@link ClockStatus#taiSource()} is {@link TaiSource#KERNEL} when the kernel's TAI offset equals the offset
     * delivered now, so a kernel offset changed under the process shows at once.
     */
    @Override
    public ClockStatus status() {
        int delivered = taiOffset();
        if (kernel.backend() == ClockBackend.FALLBACK) {
            return new ClockStatus(false, -1, -1, LeapState.UNKNOWN, -1, delivered, TaiSource.LEAP_SECOND_TABLE,
                    ClockBackend.FALLBACK);
        }
        KernelTimex tx = kernel.adjtimex();
        LeapState leap = leapState(tx.state(), tx.status());
        if (leap == LeapState.INSERT_PENDING) {
            // An unsynchronised kernel says TIME_ERROR during the repeat too; CLOCK_REALTIME's fall behind
            // CLOCK_MONOTONIC shows it.
            TaiState s = state;
            long monotonic = kernel.monotonicNanos();
            long utc = kernel.realtimeNanos();
            if (utc < s.closingMidnightUtcNanos && s.observedLeap(utc, s.taiAtMonotonic(monotonic)) == 1) {
                leap = LeapState.IN_PROGRESS;
            }
        }
        TaiSource source = tx.taiOffset() == delivered ? TaiSource.KERNEL : TaiSource.LEAP_SECOND_TABLE;
        return new ClockStatus(synchronised(tx), tx.maxErrorMicros(), tx.estErrorMicros(), leap, tx.taiOffset(),
                delivered, source, kernel.backend());
    }

    /** @return the backend, how it was chosen, and the offset in force */
    @Override
    public String toString() {
        TaiState s = state;
        return "SystemTimeSource[" + selection + ", TAI = UTC + " + s.offsetSeconds + " s (table "
                + table.sourceName() + (s.kernelTaiOffset == s.offsetSeconds ? ", kernel agrees" : "") + ")]";
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
    // The check (on its own thread; see the class comment)
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Decides the offset and publishes a new state, or keeps the one in force inside a midnight's window; logs what
     * it found. Runs on the check thread, on the constructor's, or on a test's; never on a reader's.
     *
     * @return nanoseconds until the next check is due
     */
    long check() {
        synchronized (checkLock) {
            checks.incrementAndGet();
            checkWanted = false;
            long realtimeMinusMonotonic = realtimeMinusMonotonic();
            long utc = kernel.realtimeNanos();
            long monotonic = utc - realtimeMinusMonotonic;
            TaiState prev = state;
            long dayStart = Math.floorDiv(utc, NANOS_PER_DAY) * NANOS_PER_DAY;
            long nextMidnight = dayStart + NANOS_PER_DAY;
            KernelTimex tx = kernel.backend() == ClockBackend.FALLBACK ? null : kernel.adjtimex();
            int kernelOffset = tx == null ? -1 : tx.taiOffset();
            int leap = prev == null ? TaiState.STEPPED : prev.observedLeap(utc, prev.taiAtMonotonic(monotonic));
            long windowMidnight = utc >= nextMidnight - NANOS_PER_SECOND ? nextMidnight
                    : utc < dayStart + NANOS_PER_SECOND ? dayStart : Long.MIN_VALUE;
            TaiState next;
            if (windowMidnight != Long.MIN_VALUE) {
                // Within a second of a midnight the kernel may be mid-leap: keep a state that still verifies, and
                // let the check after the window judge what happened.
                next = prev != null && leap != TaiState.STEPPED && prev.closingMidnightUtcNanos == windowMidnight
                        ? prev : stateInWindow(windowMidnight, utc, monotonic, tx);
            } else {
                int tableOffset = table.taiMinusUtcAtUtcNanos(utc);
                boolean crossed = prev != null && leap != TaiState.STEPPED && prev.closingMidnightUtcNanos == dayStart;
                if (crossed) {
                    judgeMidnight(prev, dayStart, prev.offsetSeconds + leap, leap, tableOffset);
                } else if (prev != null && leap == TaiState.STEPPED && !stepInfoLogged) {
                    stepInfoLogged = true;
                    info("obstime clock: CLOCK_REALTIME was stepped (or this check came more than "
                            + TaiState.HORIZON_NANOS / NANOS_PER_SECOND + " s after a midnight): TAI follows the new "
                            + "UTC with the table's offset for it");
                }
                Instant utcInstant = Instant.ofEpochSecond(Math.floorDiv(utc, NANOS_PER_SECOND));
                boolean expired = table.isExpiredAt(utcInstant);
                if (expired && !expiryWarned) {
                    expiryWarned = true;
                    warn("obstime clock: the leap-second table " + table.sourceName() + " expired on "
                            + table.expires() + " while this process ran: a leap second announced since then is not "
                            + "known. Update tzdata (/usr/share/zoneinfo/leap-seconds.list) or "
                            + "-Dobstime.leapSecondsFile, and restart.");
                }
                if (expired && prev == null && tx != null && Math.abs(kernelOffset - tableOffset) == 1) {
                    // Only at the first decision: later, this process sees every midnight itself (rule 1), and a
                    // kernel offset that changes at noon is not a leap second.
                    beyondTableSeconds = kernelOffset - tableOffset;
                    warn("obstime clock: the kernel's TAI offset is " + kernelOffset + " s but TAI − UTC is "
                            + tableOffset + " s by the leap-second table (" + table.sourceName() + "), which "
                            + "expired on " + table.expires() + ": trusting the kernel, whose leap source may know a "
                            + "leap second announced since. Update the table (tzdata's "
                            + "/usr/share/zoneinfo/leap-seconds.list, or -Dobstime.leapSecondsFile=...).");
                }
                int offset = tableOffset + beyondTableSeconds;
                next = new TaiState(offset, beyondTableSeconds, nextMidnight,
                        utc + offset * NANOS_PER_SECOND - monotonic, kernelOffset, expectedLeap(nextMidnight, tx),
                        false);
                if (tx != null) {
                    judgeKernel(prev, kernelOffset, offset, crossed);
                }
            }
            state = next; // volatile store: publishes the fully built snapshot to the lock-free readers
            long due = utc + CHECK_INTERVAL_NANOS;
            long preMidnight = nextMidnight - PRE_MIDNIGHT_CHECK_NANOS;
            due = Math.min(due, utc < preMidnight ? preMidnight : nextMidnight + POST_MIDNIGHT_CHECK_NANOS);
            if (utc < dayStart + POST_MIDNIGHT_CHECK_NANOS) {
                due = Math.min(due, dayStart + POST_MIDNIGHT_CHECK_NANOS);
            }
            long delay = Math.max(due - utc, 1_000_000L);
            nextCheckDelayNanos = delay;
            return delay;
        }
    }

    /** @return a reader saw a clock step since the last check (the check thread is woken for it) */
    boolean checkWanted() {
        return checkWanted;
    }

    /** @return what the last {@link #check()} returned: nanoseconds from it to the next one */
    long nextCheckDelayNanos() {
        return nextCheckDelayNanos;
    }

    /**
     * The state for a check within a second of {@code midnight} with no state in force that still verifies (the
     * process starts there, or the clock was stepped): it belongs to the day before the midnight, and counts the
     * leap second the kernel is showing now, as far as adjtimex tells.
     */
    private TaiState stateInWindow(long midnight, long utc, long monotonic, KernelTimex tx) {
        int before = table.taiMinusUtcAtUtcNanos(midnight - 1) + beyondTableSeconds;
        int tableLeap = table.taiMinusUtcAtUtcNanos(midnight) - table.taiMinusUtcAtUtcNanos(midnight - 1);
        int kernelState = tx == null ? -1 : tx.state();
        int expected = expectedLeap(midnight, tx);
        boolean inserts = expected > 0;
        boolean deletes = expected < 0;
        int shown; // the leap second CLOCK_REALTIME shows now: +1 once it repeats 23:59:59, -1 once it skipped it
        if (inserts && kernelState == KernelTimex.TIME_OOP) {
            shown = utc < midnight ? 1 : 0; // inside the second: already stepped back, or the step still pending
        } else if (inserts && utc >= midnight) {
            shown = tableLeap > 0 || kernelState == KernelTimex.TIME_WAIT ? 1 : 0;
        } else if (deletes && utc >= midnight) {
            shown = -1;
        } else {
            shown = 0;
        }
        return new TaiState(before, beyondTableSeconds, midnight,
                utc + (before + shown) * NANOS_PER_SECOND - monotonic, tx == null ? -1 : tx.taiOffset(), expected,
                true);
    }

    /**
     * The leap second that may happen at {@code midnight}: the table's, else the one the kernel has armed (its time
     * source told it: the table may be stale), else none.
     *
     * @return +1 (insertion), −1 (deletion) or 0
     */
    private int expectedLeap(long midnight, KernelTimex tx) {
        int tableLeap = table.taiMinusUtcAtUtcNanos(midnight) - table.taiMinusUtcAtUtcNanos(midnight - 1);
        if (tableLeap != 0 || tx == null) {
            return Integer.signum(tableLeap);
        }
        int state = tx.state();
        if ((tx.status() & KernelTimex.STA_INS) != 0 || state == KernelTimex.TIME_INS || state == KernelTimex.TIME_OOP) {
            return 1;
        }
        if ((tx.status() & KernelTimex.STA_DEL) != 0 || state == KernelTimex.TIME_DEL) {
            return -1;
        }
        return 0;
    }

    /**
     * The first check after a midnight: did the kernel do what the table says? Rule 1 and 2 of the class comment.
     *
     * @param prev        the state that was in force at the midnight
     * @param midnight    the midnight crossed
     * @param continuous  the offset that keeps TAI continuous (the old one plus what CLOCK_REALTIME showed)
     * @param leap        what CLOCK_REALTIME showed there: +1, -1 or 0
     * @param tableOffset the table's offset now
     */
    private void judgeMidnight(TaiState prev, long midnight, int continuous, int leap, int tableOffset) {
        if (continuous == tableOffset + beyondTableSeconds) {
            return;
        }
        if (leap == 0 && prev.builtInWindow) {
            return; // no evidence either way: a state built inside the leap second counted it from adjtimex alone
        }
        Instant at = Instant.ofEpochSecond(midnight / NANOS_PER_SECOND);
        if (leap != 0) {
            beyondTableSeconds = continuous - tableOffset;
            String message = "obstime clock: the kernel " + (leap > 0 ? "inserted" : "deleted") + " a leap second at "
                    + at + " that the leap-second table (" + table.sourceName() + ", expires " + table.expires()
                    + ") does not list: TAI stays continuous and follows the kernel, TAI − UTC = " + continuous
                    + " s from now on (the table says " + tableOffset + " s). Update the table "
                    + "(tzdata's /usr/share/zoneinfo/leap-seconds.list, or -Dobstime.leapSecondsFile=...).";
            beyondTableWarned = warnFirstThenInfo(beyondTableWarned, message);
        } else {
            String message = "obstime clock: the leap-second table (" + table.sourceName() + ") has a leap second at "
                    + at + " but the kernel did not apply it (CLOCK_REALTIME did not "
                    + (tableOffset > continuous ? "repeat" : "skip") + " 23:59:59): its UTC is one second off until "
                    + "its time source steps it. TAI follows the table: TAI − UTC = " + tableOffset + " s, so TAI "
                    + "moved " + (tableOffset > continuous ? "forward" : "back") + " one second now.";
            missedLeapWarned = warnFirstThenInfo(missedLeapWarned, message);
        }
    }

    /**
     * Logs the kernel's TAI offset against the offset decided: a WARN at the first decision if it disagrees, a WARN the
     * first time it changes to disagree later, INFO after that. Not at the first check after a midnight: the kernel's
     * offset moves with a leap second there, and {@link #judgeMidnight} has spoken.
     */
    private void judgeKernel(TaiState prev, int kernelOffset, int offset, boolean afterMidnight) {
        boolean agrees = kernelOffset == offset;
        boolean agreed = prev != null && prev.kernelTaiOffset == prev.offsetSeconds;
        if (agrees && prev != null && !agreed) {
            info("obstime clock: the kernel's TAI offset now agrees (" + offset + " s): CLOCK_TAI is right");
        } else if (!agrees && prev == null) {
            warn("obstime clock: CLOCK_TAI − CLOCK_REALTIME is " + kernelOffset + " s but TAI − UTC is " + offset
                    + " s by the leap-second table (" + table.sourceName() + "): delivering TAI = UTC + " + offset
                    + " s from the table. Set the kernel's TAI offset so that CLOCK_TAI is right for every program: "
                    + "chrony with `leapsectz right/UTC` (or `leapseclist /usr/share/zoneinfo/leap-seconds.list`) "
                    + "and `leapsecmode system`, or ptp4l/phc2sys on a PTP network. Checked every "
                    + CHECK_INTERVAL_SECONDS + " s; logged when it agrees.");
        } else if (!agrees && prev.kernelTaiOffset != kernelOffset && !afterMidnight) {
            String message = "obstime clock: the kernel's TAI offset changed from " + prev.kernelTaiOffset + " s to "
                    + kernelOffset + " s outside a leap second, but TAI − UTC is " + offset + " s (the leap-second "
                    + "table " + table.sourceName() + (beyondTableSeconds != 0 ? " and the leap seconds the kernel "
                    + "applied beyond it" : "") + "): obstime's TAI is unaffected, still UTC + " + offset
                    + " s; CLOCK_TAI read by other programs is now wrong. Check what sets it (chrony's leapsectz, "
                    + "ptp4l/phc2sys and the grandmaster's UTC offset).";
            kernelChangeWarned = warnFirstThenInfo(kernelChangeWarned, message);
        }
    }

    /** @return how many checks have run (tests) */
    int checksRun() {
        return checks.get();
    }

    /**
     * The first time a kind of finding is logged it is a WARN, every later time an INFO.
     *
     * @param warnedBefore whether this kind was WARNed already
     * @return true: now it has been
     */
    private boolean warnFirstThenInfo(boolean warnedBefore, String message) {
        if (warnedBefore) {
            info(message);
        } else {
            warn(message);
        }
        return true;
    }

    private void warn(String message) {
        warnings.incrementAndGet();
        lastWarning = message;
        LOG.warn(message);
    }

    /** @return the text of the last WARN this instance logged, or null (tests assert the message) */
    String lastWarning() {
        return lastWarning;
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
}
