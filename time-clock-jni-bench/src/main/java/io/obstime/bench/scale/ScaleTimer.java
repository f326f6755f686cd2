package io.obstime.bench.scale;

import akka.actor.ActorSystem;
import akka.actor.Cancellable;
import com.typesafe.config.ConfigFactory;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import io.obstime.clock.TimeSource;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.TimeSchedulerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One timer of the scale benchmarks, configured as its users would configure it, behind one small interface:
 * schedule-then-cancel (throughput), pending once-only tasks (footprint, close), periodic tasks (lateness at scale).
 * <ul>
 *   <li>{@link Kind#OBSTIME}: {@code TimeScheduler.standalone(TimeSource.system())}, shipped defaults (inline on the
 *       timer thread, parking, timer slack 1 ns, missed ticks skipped), deadlines in TAI.</li>
 *   <li>{@link Kind#NETTY_WHEEL}: Netty's {@code HashedWheelTimer} with a 1 ms tick and 512 buckets (its default is
 *       100 ms and 512: a 1 kHz user sets the tick to 1 ms, the finest that makes sense), one worker thread; no
 *       periodic API, so a periodic task re-arms itself for its next absolute deadline on
 *       {@link System#nanoTime()}, skipping passed ones, as Netty users write it.</li>
 *   <li>{@link Kind#JDK_STPE}: {@code ScheduledThreadPoolExecutor(1)} with {@code setRemoveOnCancelPolicy(true)} (without
 *       it cancelled tasks stay in the queue until their deadline: 200 000 cancels leak 200 000 entries);
 *       {@code scheduleAtFixedRate} for periodic tasks.</li>
 *   <li>{@link Kind#AKKA}: Akka 2.6.21 classic {@code system.scheduler()} (LightArrayRevolverScheduler), tasks run on
 *       the default dispatcher; tick 1 ms for periodic 1 kHz tasks (Akka's minimum; its default 10 ms cannot tick at
 *       1 kHz), the default 10 ms for schedule/cancel and footprint.</li>
 * </ul>
 */
public abstract class ScaleTimer implements AutoCloseable {

    /** The timers compared. */
    public enum Kind {
        OBSTIME("obstime", false), NETTY_WHEEL("netty-wheel", false), JDK_STPE("jdk-stpe", false), AKKA("akka", false),
        /**
         * obstime with the timer slack the kernel gives other threads (50 µs), in the lateness part only: what a user
         * who trades lateness for CPU gets when deadlines are dense (staggered tasks wake the timer per deadline).
         */
        OBSTIME_SLACK_50US("obstime-slack50us", true);

        private final String label;
        private final boolean latenessOnly;

        Kind(String label, boolean latenessOnly) {
            this.label = label;
            this.latenessOnly = latenessOnly;
        }

        /** @return the short name used in tables, JMH params and files */
        public String label() {
            return label;
        }

        /** @return true for a variant measured only in the lateness part (not throughput, not footprint) */
        public boolean latenessOnly() {
            return latenessOnly;
        }

        /** @return the kind labelled {@code label} */
        public static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown timer '" + label + "'; one of obstime, netty-wheel, "
                    + "jdk-stpe, akka, obstime-slack50us");
        }
    }

    /** Prefix of the timer threads' names (for their CPU time). */
    public static final String THREAD_PREFIX = "scale-";

    /** A periodic task body: {@code taskIndex} says which of the N tasks runs, {@code nowNanos} is {@link #clock()}. */
    public interface Tick {
        void run(int taskIndex, long nowNanos);
    }

    /** @return a new timer of {@code kind}; {@code periodic} picks Akka's 1 ms tick (else its default) */
    public static ScaleTimer open(Kind kind, boolean periodic) {
        return switch (kind) {
            case OBSTIME -> new Obstime(TimeSchedulerSettings.defaults().timerSlackNanos());
            case OBSTIME_SLACK_50US -> new Obstime(50_000);
            case NETTY_WHEEL -> new NettyWheel();
            case JDK_STPE -> new JdkStpe();
            case AKKA -> new Akka(periodic ? 1 : 10);
        };
    }

    /** @return what runs, with its settings */
    public abstract String description();

    /** @return the clock deadlines are in (TAI for obstime, the monotonic clock for the others) */
    public abstract LongSupplier clock();

    /** @return whether a thread (by name) is this timer's own thread (the one that waits for deadlines) */
    public abstract boolean isTimerThread(String threadName);

    /** Schedules a no-op once-only task {@code delayNanos} ahead and cancels it at once (the throughput operation). */
    public abstract void scheduleAndCancel(long delayNanos);

    /** Schedules a no-op once-only task {@code delayNanos} ahead and keeps it pending (footprint, close). */
    public abstract void schedulePending(long delayNanos);

    /**
     * Starts a periodic task whose slots are {@code firstDeadlineNanos + k·periodNanos} in {@link #clock()}.
     * {@link #close()} stops it.
     */
    public abstract void startPeriodic(int taskIndex, long firstDeadlineNanos, long periodNanos, Tick tick);

    /** Stops the timer, dropping what is pending, and waits for its thread(s) to end. */
    @Override
    public abstract void close() throws Exception;

    static final Runnable NOOP = () -> { };

    static final class Obstime extends ScaleTimer {
        private final TimeSource source = TimeSource.system();
        private final long timerSlackNanos;
        private final TimeScheduler scheduler;
        private final List<ScheduledTask> periodic = new ArrayList<>();

        /** @param timerSlackNanos the timer thread's slack; the shipped default, or a coarser one */
        Obstime(long timerSlackNanos) {
            this.timerSlackNanos = timerSlackNanos;
            this.scheduler = TimeScheduler.standalone(source, TimeSchedulerSettings.defaults()
                    .withTimerThreadName(THREAD_PREFIX + "obstime-timer").withTimerSlackNanos(timerSlackNanos));
        }

        @Override
        public String description() {
            return timerSlackNanos == TimeSchedulerSettings.defaults().timerSlackNanos()
                    ? "obstime TimeScheduler.standalone(TimeSource.system()), shipped defaults (inline, parking, "
                            + "slack " + timerSlackNanos + " ns, SKIP)"
                    : "obstime as shipped but withTimerSlackNanos(" + timerSlackNanos + ")";
        }

        @Override
        public LongSupplier clock() {
            return source::taiNanos;
        }

        @Override
        public boolean isTimerThread(String threadName) {
            return threadName.equals(THREAD_PREFIX + "obstime-timer");
        }

        @Override
        public void scheduleAndCancel(long delayNanos) {
            scheduler.scheduleOnceAtTaiNanos(source.taiNanos() + delayNanos, NOOP).cancel();
        }

        @Override
        public void schedulePending(long delayNanos) {
            scheduler.scheduleOnceAtTaiNanos(source.taiNanos() + delayNanos, NOOP);
        }

        @Override
        public void startPeriodic(int taskIndex, long firstDeadlineNanos, long periodNanos, Tick tick) {
            periodic.add(scheduler.schedulePeriodicallyAtTaiNanos(firstDeadlineNanos, periodNanos,
                    () -> tick.run(taskIndex, source.taiNanos())));
        }

        @Override
        public void close() {
            scheduler.close();
        }
    }

    static final class NettyWheel extends ScaleTimer {
        private final HashedWheelTimer timer = new HashedWheelTimer(r -> new Thread(r, THREAD_PREFIX + "netty-wheel"),
                1, TimeUnit.MILLISECONDS, 512);
        private volatile boolean stopped;

        @Override
        public String description() {
            return "Netty 4.1 HashedWheelTimer, tick 1 ms, 512 buckets; periodic = re-armed per run for the next "
                    + "absolute deadline (System.nanoTime), passed ones skipped";
        }

        @Override
        public LongSupplier clock() {
            return System::nanoTime;
        }

        @Override
        public boolean isTimerThread(String threadName) {
            return threadName.equals(THREAD_PREFIX + "netty-wheel");
        }

        private static final TimerTask NETTY_NOOP = timeout -> { };

        @Override
        public void scheduleAndCancel(long delayNanos) {
            timer.newTimeout(NETTY_NOOP, delayNanos, TimeUnit.NANOSECONDS).cancel();
        }

        @Override
        public void schedulePending(long delayNanos) {
            timer.newTimeout(NETTY_NOOP, delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void startPeriodic(int taskIndex, long firstDeadlineNanos, long periodNanos, Tick tick) {
            TimerTask task = new TimerTask() {
                private long deadlineNanos = firstDeadlineNanos;

                @Override
                public void run(Timeout timeout) {
                    long now = System.nanoTime();
                    tick.run(taskIndex, now);
                    // The next slot after now (the passed ones are skipped, as obstime does).
                    long next = deadlineNanos + periodNanos;
                    if (next <= now) {
                        next += ((now - next) / periodNanos + 1) * periodNanos;
                    }
                    deadlineNanos = next;
                    if (!stopped) {
                        try {
                            timeout.timer().newTimeout(this, next - System.nanoTime(), TimeUnit.NANOSECONDS);
                        } catch (RejectedExecutionException | IllegalStateException e) {
                            // stopped between the check and the call: the task ends with the timer
                        }
                    }
                }
            };
            timer.newTimeout(task, firstDeadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() {
            stopped = true;
            timer.stop();
        }
    }

    static final class JdkStpe extends ScaleTimer {
        private final ScheduledThreadPoolExecutor executor =
                new ScheduledThreadPoolExecutor(1, r -> new Thread(r, THREAD_PREFIX + "stpe"));

        JdkStpe() {
            executor.setRemoveOnCancelPolicy(true);
        }

        @Override
        public String description() {
            return "java.util.concurrent.ScheduledThreadPoolExecutor(1), setRemoveOnCancelPolicy(true), "
                    + "scheduleAtFixedRate";
        }

        @Override
        public LongSupplier clock() {
            return System::nanoTime;
        }

        @Override
        public boolean isTimerThread(String threadName) {
            return threadName.equals(THREAD_PREFIX + "stpe");
        }

        @Override
        public void scheduleAndCancel(long delayNanos) {
            executor.schedule(NOOP, delayNanos, TimeUnit.NANOSECONDS).cancel(false);
        }

        @Override
        public void schedulePending(long delayNanos) {
            executor.schedule(NOOP, delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void startPeriodic(int taskIndex, long firstDeadlineNanos, long periodNanos, Tick tick) {
            ScheduledFuture<?> unused = executor.scheduleAtFixedRate(() -> tick.run(taskIndex, System.nanoTime()),
                    firstDeadlineNanos - System.nanoTime(), periodNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            executor.shutdownNow();
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("ScheduledThreadPoolExecutor did not stop within 30 s");
            }
        }
    }

    static final class Akka extends ScaleTimer {
        private final int tickMillis;
        private final ActorSystem system;
        private final List<Cancellable> periodic = new ArrayList<>();

        Akka(int tickMillis) {
            this.tickMillis = tickMillis;
            this.system = ActorSystem.create(THREAD_PREFIX + "akka", ConfigFactory.parseString(String.format(
                    Locale.ROOT, "akka.scheduler.tick-duration = %dms%n"
                            + "akka.loglevel = WARNING%nakka.stdout-loglevel = WARNING%n"
                            + "akka.log-dead-letters = off%n"
                            + "akka.coordinated-shutdown.run-by-jvm-shutdown-hook = off%n", tickMillis))
                    .withFallback(ConfigFactory.load()));
        }

        @Override
        public String description() {
            return "Akka 2.6.21 classic system.scheduler() (LightArrayRevolverScheduler), tick " + tickMillis
                    + " ms" + (tickMillis == 10 ? " (its default)" : "") + ", default dispatcher";
        }

        @Override
        public LongSupplier clock() {
            return System::nanoTime;
        }

        @Override
        public boolean isTimerThread(String threadName) {
            return threadName.startsWith(THREAD_PREFIX + "akka-scheduler");
        }

        @Override
        public void scheduleAndCancel(long delayNanos) {
            system.scheduler().scheduleOnce(Duration.ofNanos(delayNanos), NOOP, system.dispatcher()).cancel();
        }

        @Override
        public void schedulePending(long delayNanos) {
            system.scheduler().scheduleOnce(Duration.ofNanos(delayNanos), NOOP, system.dispatcher());
        }

        @Override
        public void startPeriodic(int taskIndex, long firstDeadlineNanos, long periodNanos, Tick tick) {
            periodic.add(system.scheduler().scheduleAtFixedRate(
                    Duration.ofNanos(Math.max(0, firstDeadlineNanos - System.nanoTime())),
                    Duration.ofNanos(periodNanos), () -> tick.run(taskIndex, System.nanoTime()),
                    system.dispatcher()));
        }

        @Override
        public void close() throws Exception {
            system.terminate();
            scala.concurrent.Await.result(system.whenTerminated(),
                    scala.concurrent.duration.Duration.create(60, TimeUnit.SECONDS));
        }
    }
}
