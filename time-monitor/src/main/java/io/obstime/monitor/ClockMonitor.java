package io.obstime.monitor;

import io.obstime.clock.ClockStatus;
import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeListener;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Checks the system clock at an interval against the kernel and the configured {@link ClockReference}s, and says
 * whether its timestamps can be trusted: a {@link ClockHealth} with a {@link Verdict} per check.
 *
 * <pre>{@code
 * ClockMonitor monitor = ClockMonitor.builder()
 *         .reference(myReference)                       // the kernel is always checked
 *         .onVerdictChange(h -> { if (h.verdict() == Verdict.ALERT) page(h.toString()); })
 *         .start();
 * if (!monitor.awaitHealthy(Duration.ofMinutes(2))) { ... }
 * }</pre>
 *
 * <h2>Checks</h2>
 * One check reads the kernel (adjtimex, through {@link TimeSource#status()}) and measures each reference in turn, each
 * with the {@linkplain Builder#referenceTimeout reference timeout}, then judges the readings (rules in
 * {@link Verdict}: {@code UNKNOWN} when nothing vouches, {@code ALERT} when the best estimate is beyond the
 * threshold or trusted references disagree by more than it, {@code DEGRADED} for an uncertain estimate, a silent
 * configured reference, a wrong kernel TAI offset or a leap table expiring within 30 days). Checks run at a fixed rate
 * (each starts one interval after the previous one started, or at once if that one overran), the first at
 * {@link Builder#start()}. A reference that throws, or returns null, counts as not answering (logged once per
 * reference); it never stops the monitor. Nothing here reads the clock on anyone else's hot path: a check calls
 * {@code status()} and two readings on the monitor's own thread.
 *
 * <h2>Hysteresis</h2>
 * The monitor's {@link ClockHealth#verdict() verdict} changes only when {@linkplain Builder#hysteresisChecks N}
 * consecutive checks (default {@value #DEFAULT_HYSTERESIS_CHECKS}) agree on the same new verdict; the first check sets
 * it directly. So with the defaults an offset beyond 5 ms raises ALERT at the second check, at most two minutes after
 * it appeared, within Rubin's five. Each snapshot also carries the check's own {@link ClockHealth#checkVerdict()}.
 *
 * <h2>Outputs</h2>
 * {@link ClockHealthListener}s (on changes of verdict, or on every check); SLF4J logger {@code io.obstime.monitor.ClockMonitor}:
 * one WARN when the verdict becomes ALERT, one INFO when it leaves ALERT, nothing per check; a JDK Flight Recorder event
 * {@code io.obstime.monitor.ClockCheck} per check; Micrometer metrics through {@link MicrometerClockMetrics}.
 *
 * <h2>Threads</h2>
 * On a real clock one daemon thread, {@code obstime-clock-monitor}, runs the checks; on a {@link SimulatedTimeSource}
 * there is none: the monitor registers as its listener and checks inside {@code advance(...)}, on the thread that
 * advances it, whenever simulated time reaches a check. {@link #checkNow()} checks on the calling thread. Checks never
 * overlap. {@link #latest()}, {@link #awaitHealthy} and {@link #close()} may be called from any thread.
 */
public final class ClockMonitor implements AutoCloseable {

    /** Default interval between checks: 60 s. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** Longest interval accepted without a warning: Rubin's summit standard checks every host at least every 5 min. */
    public static final Duration MAX_RECOMMENDED_INTERVAL = Duration.ofMinutes(5);
    /** Default threshold: Rubin's alert for a deviation beyond ±5 ms. */
    public static final Duration DEFAULT_THRESHOLD = Duration.ofMillis(5);
    /** Default time one reference may take for its measurement: 2 s. */
    public static final Duration DEFAULT_REFERENCE_TIMEOUT = Duration.ofSeconds(2);
    /** Default number of consecutive checks that must agree before the verdict changes. */
    public static final int DEFAULT_HYSTERESIS_CHECKS = 2;
    /** The monitor thread's name. */
    public static final String THREAD_NAME = "obstime-clock-monitor";

    static final Logger LOG = LoggerFactory.getLogger(ClockMonitor.class);

    private final TimeSource clock;
    private final long intervalNanos;
    private final long thresholdNanos;
    private final Duration referenceTimeout;
    private final int hysteresisChecks;
    private final KernelReference kernel = KernelReference.of();
    private final List<ClockReference> references;
    private final List<ClockHealthListener> changeListeners;
    private final List<ClockHealthListener> everyCheckListeners;
    private final Logger log;
    private final LongSupplier monotonicNanos;

    /** Serialises checks and guards the hysteresis state and {@link #latest}'s publication; awaiters wait on it. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private volatile ClockHealth latest;
    private volatile boolean closed;
    private Verdict held;
    private Verdict candidate;
    private int candidateChecks;
    /** Per reference (the configured ones, in order): whether its throwing has been logged. */
    private final boolean[] throwLogged;
    private final List<Object> listenerFailuresLogged = new ArrayList<>();

    private Thread thread;
    private SimulationDriver simulationDriver;

    private ClockMonitor(Builder b, Logger log, LongSupplier monotonicNanos) {
        this.clock = b.clock;
        this.intervalNanos = b.interval.toNanos();
        this.thresholdNanos = b.threshold.toNanos();
        this.referenceTimeout = b.referenceTimeout;
        this.hysteresisChecks = b.hysteresisChecks;
        this.references = List.copyOf(b.references);
        this.changeListeners = List.copyOf(b.changeListeners);
        this.everyCheckListeners = List.copyOf(b.everyCheckListeners);
        this.throwLogged = new boolean[references.size()];
        this.log = log;
        this.monotonicNanos = monotonicNanos;
    }

    /** @return a builder with the defaults: the system clock, 60 s, 5 ms, no references but the kernel */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------------ checks

    /**
     * Runs one check now on the calling thread (after any check in progress), publishes it as {@link #latest()} and
     * tells the listeners, as the monitor's own checks do. Usable on a monitor that was only {@linkplain Builder#build()
     * built}, as the command-line check does.
     *
     * @return the check's snapshot
     * @throws IllegalStateException if the monitor is closed
     */
    public ClockHealth checkNow() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("ClockMonitor is closed");
            }
            return check();
        } finally {
            lock.unlock();
        }
    }

    /** One check; the lock is held. */
    private ClockHealth check() {
        long startMonotonic = monotonicNanos.getAsLong();
        long checkTai = clock.taiNanos();
        long checkUtc = clock.utcNanos();
        TaiTime at = TaiTime.ofEpochNanos(checkTai);
        ClockStatus status = clock.status();
        LeapSecondTable table = clock.leapSeconds();
        List<ReferenceReading> readings = new ArrayList<>(1 + references.size());
        readings.add(kernel.reading(status, at));
        for (int i = 0; i < references.size(); i++) {
            readings.add(measure(i, at));
        }
        int tableOffset = table.taiMinusUtcAtUtcNanos(checkUtc);
        Instant nowUtc = Instant.ofEpochSecond(Math.floorDiv(checkUtc, 1_000_000_000L),
                Math.floorMod(checkUtc, 1_000_000_000L));
        VerdictRules.Assessment assessment = VerdictRules.assess(readings, status, tableOffset, table.expires(),
                nowUtc, thresholdNanos);

        Verdict previous = held;
        Verdict now = applyHysteresis(assessment.verdict());
        boolean changed = now != previous;
        ClockHealth health = new ClockHealth(at, now, assessment.verdict(), changed, assessment.reasons(),
                assessment.best(), readings, status, tableOffset, table.expires(), table.sourceName(),
                thresholdNanos);
        latest = health;
        published.signalAll();

        if (changed && now == Verdict.ALERT) {
            log.warn("Clock ALERT: {}", String.join("; ", assessment.reasons()));
        } else if (changed && previous == Verdict.ALERT) {
            log.info("Clock recovered from ALERT, now {}: {}", now, String.join("; ", assessment.reasons()));
        }
        ClockCheckRecording.commit(health, monotonicNanos.getAsLong() - startMonotonic);
        if (changed) {
            tell(changeListeners, health);
        }
        tell(everyCheckListeners, health);
        return health;
    }

    private ReferenceReading measure(int index, TaiTime at) {
        ClockReference reference = references.get(index);
        String name = safeName(reference, index);
        try {
            ReferenceReading reading = reference.measure(clock, referenceTimeout);
            if (reading == null) {
                return failed(index, name, at, "returned no reading (null)", null);
            }
            return reading;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // a broken reference is that reference's non-answer, never the monitor's end
            return failed(index, name, at, "threw " + e, e);
        }
    }

    private ReferenceReading failed(int index, String name, TaiTime at, String reason, Throwable thrown) {
        if (!throwLogged[index]) {
            throwLogged[index] = true;
            log.warn("Clock reference {} {}: counted as no answer (logged once for this reference)", name, reason,
                    thrown);
        }
        return ReferenceReading.noAnswer(name, at, reason);
    }

    private static String safeName(ClockReference reference, int index) {
        try {
            String name = reference.name();
            return name == null || name.isBlank() ? "reference#" + index : name;
        } catch (RuntimeException e) {
            return "reference#" + index;
        }
    }

    private Verdict applyHysteresis(Verdict raw) {
        if (held == null || hysteresisChecks == 1) {
            held = raw;
            candidate = null;
            candidateChecks = 0;
            return held;
        }
        if (raw == held) {
            candidate = null;
            candidateChecks = 0;
        } else {
            candidateChecks = raw == candidate ? candidateChecks + 1 : 1;
            candidate = raw;
            if (candidateChecks >= hysteresisChecks) {
                held = raw;
                candidate = null;
                candidateChecks = 0;
            }
        }
        return held;
    }

    private void tell(List<ClockHealthListener> listeners, ClockHealth health) {
        for (ClockHealthListener listener : listeners) {
            try {
                listener.onHealth(health);
            } catch (RuntimeException e) {
                if (listenerFailuresLogged.stream().noneMatch(l -> l == listener)) {
                    listenerFailuresLogged.add(listener);
                    log.warn("ClockHealthListener {} threw; ignored (logged once for this listener)", listener, e);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ results

    /** @return the last check's snapshot, or null before the first check */
    public ClockHealth latest() {
        return latest;
    }

    /**
     * Waits until the monitor's verdict is {@link Verdict#OK}: for a component that must not start before its clock is
     * right (Rubin: wait until synchronised and the UTC-TAI offset is set). Returns at once if it already is. Checks
     * keep their interval while waiting (with hysteresis, an OK that follows another verdict takes
     * {@code hysteresisChecks} checks).
     *
     * @param timeout how long to wait at most, real time; zero or positive
     * @return true if the verdict is OK, false if the timeout passed or the monitor closed first
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public boolean awaitHealthy(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero or positive: " + timeout);
        }
        long remaining = saturatedNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (true) {
                ClockHealth h = latest;
                if (h != null && h.verdict() == Verdict.OK) {
                    return true;
                }
                if (closed || remaining <= 0) {
                    return false;
                }
                remaining = published.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ running

    private ClockMonitor begin() {
        if (clock instanceof SimulatedTimeSource simulated) {
            checkNow();
            simulationDriver = new SimulationDriver(simulated, simulated.taiNanos() + intervalNanos);
            simulated.addListener(simulationDriver);
        } else {
            thread = new Thread(this::run, THREAD_NAME);
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /** The monitor thread: a check, then wait for the next one (monotonic time) or close. */
    private void run() {
        long nextMonotonic = monotonicNanos.getAsLong();
        while (true) {
            lock.lock();
            try {
                long wait;
                while (!closed && (wait = nextMonotonic - monotonicNanos.getAsLong()) > 0) {
                    published.awaitNanos(wait);
                }
                if (closed) {
                    return;
                }
                long start = monotonicNanos.getAsLong();
                check();
                nextMonotonic = start + intervalNanos;
            } catch (InterruptedException e) {
                // Nothing of ours interrupts this thread (close() sets a flag and signals); ignore and go on.
                log.debug("Clock monitor thread interrupted from outside; ignored (close() stops it)");
            } catch (RuntimeException e) {
                // Only a listener-free bug in the monitor itself can come here; keep checking at the interval.
                log.error("Clock monitor check failed; the next check follows at the interval", e);
                nextMonotonic = monotonicNanos.getAsLong() + intervalNanos;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Drives the checks on a simulated clock: called inside {@code advance(...)}. */
    private final class SimulationDriver implements SimulatedTimeListener {
        private final SimulatedTimeSource source;
        private long nextTaiNanos;

        SimulationDriver(SimulatedTimeSource source, long nextTaiNanos) {
            this.source = source;
            this.nextTaiNanos = nextTaiNanos;
        }

        @Override
        public long nextDeadlineTaiNanos() {
            return closed ? Long.MAX_VALUE : nextTaiNanos;
        }

        @Override
        public void onTime(long nowTaiNanos) {
            if (nowTaiNanos < nextTaiNanos) {
                return;
            }
            lock.lock();
            try {
                if (!closed) { // checked under the lock: a close() from another thread never throws into advance()
                    check();
                }
            } finally {
                lock.unlock();
            }
            nextTaiNanos = nowTaiNanos + intervalNanos;
        }
    }

    /**
     * Stops the checks (the monitor thread ends after any check in progress; on a simulated clock the monitor stops
     * listening), wakes {@link #awaitHealthy} callers, and closes the references. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            published.signalAll();
        } finally {
            lock.unlock();
        }
        if (simulationDriver != null) {
            simulationDriver.source.removeListener(simulationDriver);
        }
        if (thread != null && thread != Thread.currentThread()) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        for (ClockReference reference : references) {
            try {
                reference.close();
            } catch (RuntimeException e) {
                log.warn("Closing clock reference {} failed", safeName(reference, 0), e);
            }
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        ClockHealth h = latest;
        return "ClockMonitor[every " + Duration.ofNanos(intervalNanos) + ", threshold ± " + Duration.ofNanos(thresholdNanos)
                + ", references kernel" + (references.isEmpty() ? "" : " + " + references.size()) + ", verdict "
                + (h == null ? "none yet" : h.verdict()) + (closed ? ", closed" : "") + "]";
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    // ------------------------------------------------------------------------------------------------ builder

    /**
     * Settings of a {@link ClockMonitor}. Not thread-safe; each setter checks its value at once and names it in the
     * exception.
     */
    public static final class Builder {
        private TimeSource clock;
        private Duration interval = DEFAULT_INTERVAL;
        private Duration threshold = DEFAULT_THRESHOLD;
        private Duration referenceTimeout = DEFAULT_REFERENCE_TIMEOUT;
        private int hysteresisChecks = DEFAULT_HYSTERESIS_CHECKS;
        private final List<ClockReference> references = new ArrayList<>();
        private final List<ClockHealthListener> changeListeners = new ArrayList<>();
        private final List<ClockHealthListener> everyCheckListeners = new ArrayList<>();
        private Logger log = LOG;
        private LongSupplier monotonicNanos = System::nanoTime;

        private Builder() {
        }

        /**
         * @param clock the clock to check; default {@link TimeSource#system()}. A {@link SimulatedTimeSource} drives
         *              the checks itself (no thread)
         * @return this builder
         */
        public Builder clock(TimeSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param interval time between the starts of two checks; positive; default 60 s. Longer than 5 minutes is
         *                 accepted with one WARN: Rubin's summit standard requires the system clock to be checked at
         *                 an interval of not more than 5 minutes
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is zero or negative
         */
        public Builder interval(Duration interval) {
            this.interval = positive(interval, "interval");
            return this;
        }

        /**
         * @param threshold how far the clock may be from true time before an ALERT; positive; default 5 ms
         * @return this builder
         * @throws IllegalArgumentException if {@code threshold} is zero or negative
         */
        public Builder threshold(Duration threshold) {
            this.threshold = positive(threshold, "threshold");
            return this;
        }

        /**
         * @param timeout how long one reference's measurement may take; positive; default 2 s
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder referenceTimeout(Duration timeout) {
            this.referenceTimeout = positive(timeout, "referenceTimeout");
            return this;
        }

        /**
         * @param checks how many consecutive checks must agree on a new verdict before it replaces the old one;
         *               1 means no hysteresis; default 2
         * @return this builder
         * @throws IllegalArgumentException if {@code checks} is less than 1
         */
        public Builder hysteresisChecks(int checks) {
            if (checks < 1) {
                throw new IllegalArgumentException("hysteresisChecks must be at least 1: " + checks);
            }
            this.hysteresisChecks = checks;
            return this;
        }

        /**
         * Adds a reference to check against, after the kernel (which is always checked). The monitor closes it when
         * it is closed.
         *
         * @param reference a reference; not a {@link KernelReference} (the kernel is always checked)
         * @return this builder
         * @throws IllegalArgumentException if {@code reference} is a {@link KernelReference}
         */
        public Builder reference(ClockReference reference) {
            Objects.requireNonNull(reference, "reference");
            if (reference instanceof KernelReference) {
                throw new IllegalArgumentException("reference: the kernel is always checked; do not add a "
                        + "KernelReference");
            }
            references.add(reference);
            return this;
        }

        /**
         * @param listener told of every change of verdict (including the first check's)
         * @return this builder
         */
        public Builder onVerdictChange(ClockHealthListener listener) {
            changeListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param listener told of every check, for example {@link MicrometerClockMetrics}
         * @return this builder
         */
        public Builder onEveryCheck(ClockHealthListener listener) {
            everyCheckListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** For tests: the logger and the monotonic clock the thread waits on. */
        Builder internals(Logger log, LongSupplier monotonicNanos) {
            this.log = Objects.requireNonNull(log, "log");
            this.monotonicNanos = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
            return this;
        }

        /**
         * A monitor that does not check by itself: {@link ClockMonitor#checkNow()} checks, as the command-line check
         * does once.
         *
         * @return the monitor, not started
         */
        public ClockMonitor build() {
            if (clock == null) {
                clock = TimeSource.system();
            }
            if (interval.compareTo(MAX_RECOMMENDED_INTERVAL) > 0) {
                log.warn("Clock monitor interval {} is longer than 5 minutes: Rubin's summit standard requires the "
                        + "system clock to be \"checked at an interval of not more than 5 minutes\"", interval);
            }
            return new ClockMonitor(this, log, monotonicNanos);
        }

        /**
         * Builds the monitor and starts its checks: the first at once (on a simulated clock, on this thread before
         * this returns; otherwise on the monitor's thread).
         *
         * @return the running monitor; close it to stop
         */
        public ClockMonitor start() {
            return build().begin();
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
