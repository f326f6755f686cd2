package io.obstime.scheduler.actor;

import io.obstime.clock.TaiTime;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TickMessage;
import io.obstime.scheduler.TimeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.duration.FiniteDuration;

/**
 * The one implementation of {@link io.obstime.scheduler.javadsl.TaiTimerScheduler} and
 * {@link io.obstime.scheduler.scaladsl.TaiTimerScheduler} (whose documentation gives the semantics) for one
 * incarnation of one actor, on Akka and Pekko alike: the faces' {@code TaiBehaviors} make one per start of the
 * decorated behavior, tell its {@link TimerMessage}s to the actor, and pass what arrives through
 * {@link #unwrap(Object)}. Internal, not API.
 *
 * <p>Threads: the actor owns it (the start, cancel and query methods, {@link #unwrap(Object)}, {@link #close()});
 * the scheduler's timer thread only tells the actor a {@link TimerMessage}, made when the timer started (the same
 * object at every tick) or, for a message factory, at the tick. Replacing or cancelling a timer cancels its
 * {@link ScheduledTask} and forgets its generation, so a message of it that is already in the mailbox is dropped by
 * {@link #unwrap(Object)}; a message of a closed incarnation (the actor restarted) is dropped the same way.
 *
 * @param <T> the actor's message type
 */
public final class ActorTimers<T> implements io.obstime.scheduler.javadsl.TaiTimerScheduler<T>,
        io.obstime.scheduler.scaladsl.TaiTimerScheduler<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ActorTimers.class);

    private final TimeScheduler scheduler;
    private final Object self;
    private final Consumer<Object> tellSelf;
    private final Map<Object, Timer> timers = new HashMap<>();
    private long lastGeneration;
    private boolean closed;

    /**
     * @param scheduler where the timers run
     * @param self      the actor, for messages and {@link #toString()}
     * @param tellSelf  tells a {@link TimerMessage} to the actor ({@code self.unsafeUpcast()::tell}); must not block
     */
    public ActorTimers(TimeScheduler scheduler, Object self, Consumer<Object> tellSelf) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.self = Objects.requireNonNull(self, "self");
        this.tellSelf = Objects.requireNonNull(tellSelf, "tellSelf");
    }

    // ---- once-only ----

    @Override
    public void startSingleTimer(Object key, TaiTime at, T message) {
        Objects.requireNonNull(at, "at");
        startOnce(key, at, Objects.requireNonNull(message, "message"), null);
    }

    @Override
    public void startSingleTimer(Object key, UtcTime at, T message) {
        Objects.requireNonNull(at, "at");
        startOnce(key, toTai(at), Objects.requireNonNull(message, "message"), null);
    }

    @Override
    public void startSingleTimerWithDeadline(Object key, TaiTime at, TickMessage<? extends T> messageAt) {
        Objects.requireNonNull(at, "at");
        startOnce(key, at, null, Objects.requireNonNull(messageAt, "messageAt"));
    }

    @Override
    public void startSingleTimerWithDeadline(Object key, UtcTime at, TickMessage<? extends T> messageAt) {
        Objects.requireNonNull(at, "at");
        startOnce(key, toTai(at), null, Objects.requireNonNull(messageAt, "messageAt"));
    }

    // ---- fixed rate, java.time.Duration ----

    @Override
    public void startTimerAtFixedRate(Object key, TaiTime start, Duration period, T message) {
        Objects.requireNonNull(start, "start");
        startPeriodic(key, start, period, Objects.requireNonNull(message, "message"), null);
    }

    @Override
    public void startTimerAtFixedRate(Object key, UtcTime start, Duration period, T message) {
        Objects.requireNonNull(start, "start");
        startPeriodic(key, toTai(start), period, Objects.requireNonNull(message, "message"), null);
    }

    @Override
    public void startTimerAtFixedRateWithDeadline(
            Object key, TaiTime start, Duration period, TickMessage<? extends T> messageAt) {
        Objects.requireNonNull(start, "start");
        startPeriodic(key, start, period, null, Objects.requireNonNull(messageAt, "messageAt"));
    }

    @Override
    public void startTimerAtFixedRateWithDeadline(
            Object key, UtcTime start, Duration period, TickMessage<? extends T> messageAt) {
        Objects.requireNonNull(start, "start");
        startPeriodic(key, toTai(start), period, null, Objects.requireNonNull(messageAt, "messageAt"));
    }

    // ---- fixed rate, FiniteDuration (the Scala API) ----

    @Override
    public void startTimerAtFixedRate(Object key, TaiTime start, FiniteDuration period, T message) {
        startTimerAtFixedRate(key, start, toJava(period), message);
    }

    @Override
    public void startTimerAtFixedRate(Object key, UtcTime start, FiniteDuration period, T message) {
        startTimerAtFixedRate(key, start, toJava(period), message);
    }

    @Override
    public void startTimerAtFixedRateWithDeadline(
            Object key, TaiTime start, FiniteDuration period, TickMessage<? extends T> messageAt) {
        startTimerAtFixedRateWithDeadline(key, start, toJava(period), messageAt);
    }

    @Override
    public void startTimerAtFixedRateWithDeadline(
            Object key, UtcTime start, FiniteDuration period, TickMessage<? extends T> messageAt) {
        startTimerAtFixedRateWithDeadline(key, start, toJava(period), messageAt);
    }

    // ---- queries and cancellation ----

    @Override
    public boolean isTimerActive(Object key) {
        return timers.containsKey(Objects.requireNonNull(key, "key"));
    }

    @Override
    public void cancel(Object key) {
        Timer timer = timers.remove(Objects.requireNonNull(key, "key"));
        if (timer != null) {
            timer.task.cancel();
        }
    }

    @Override
    public void cancelAll() {
        for (Timer timer : new ArrayList<>(timers.values())) {
            timer.task.cancel();
        }
        timers.clear();
    }

    /**
     * The end of this incarnation (the actor stopped or is restarting): cancels every timer; later starts throw
     * {@link IllegalStateException}, and messages of these timers still in the mailbox are dropped. Idempotent.
     */
    public void close() {
        cancelAll();
        closed = true;
    }

    /** @return true once {@link #close()} has been called */
    public boolean isClosed() {
        return closed;
    }

    /**
     * What the decorated behavior gets for a message that arrived at the actor.
     *
     * @param message a message the actor received
     * @return {@code message} itself if it is not a {@link TimerMessage} of these timers, nor of any closed ones (it
     *         may be the user's own message or one of another, nested decorator); the user's message inside a
     *         {@link TimerMessage} of a current timer of these timers (a once-only timer is inactive from then on);
     *         null for a message to drop: one of a cancelled or replaced timer, or of a closed incarnation
     */
    public Object unwrap(Object message) {
        if (!(message instanceof TimerMessage)) {
            return message;
        }
        TimerMessage m = (TimerMessage) message;
        if (m.owner != this) {
            return m.owner.closed ? dropped(m, "an earlier incarnation of the actor") : message;
        }
        Timer timer = timers.get(m.key);
        if (timer == null || timer.generation != m.generation) {
            return dropped(m, "a timer cancelled or replaced since it was sent");
        }
        if (timer.once) {
            timers.remove(m.key);
        }
        return m.message;
    }

    private Object dropped(TimerMessage m, String why) {
        LOG.debug("Dropped {}: it is from {}", m, why);
        return null;
    }

    @Override
    public String toString() {
        return "TaiTimers[" + self + ", " + timers.size() + " active" + (closed ? ", closed]" : "]");
    }

    // ---- the work ----

    private TaiTime toTai(UtcTime at) {
        return at.toTai(scheduler.timeSource().leapSeconds());
    }

    private static Duration toJava(FiniteDuration period) {
        return Duration.ofNanos(Objects.requireNonNull(period, "period").toNanos());
    }

    private void startOnce(Object key, TaiTime at, T message, TickMessage<? extends T> messageAt) {
        Timer timer = newTimer(key, true, message, messageAt);
        install(timer, scheduler.scheduleOnce(at, timer.tick));
    }

    private void startPeriodic(
            Object key, TaiTime start, Duration period, T message, TickMessage<? extends T> messageAt) {
        Objects.requireNonNull(period, "period");
        Timer timer = newTimer(key, false, message, messageAt);
        install(timer, scheduler.schedulePeriodically(start, period, timer.tick));
    }

    private Timer newTimer(Object key, boolean once, T message, TickMessage<?> messageAt) {
        Objects.requireNonNull(key, "key");
        if (closed) {
            throw new IllegalStateException("the TAI timers of " + self + " are closed: the actor stopped or"
                    + " restarted since they were given to it (timer key " + key + ")");
        }
        return new Timer(key, lastGeneration + 1, once, message, messageAt);
    }

    /** The schedule call succeeded: only now is the old timer of that key replaced (no half-applied start). */
    private void install(Timer timer, ScheduledTask task) {
        lastGeneration = timer.generation;
        timer.task = task;
        Timer old = timers.put(timer.key, timer);
        if (old != null) {
            old.task.cancel();
        }
    }

    /** One start of one key. Actor-owned, apart from {@link #tick}, which the timer thread runs. */
    private final class Timer {
        final Object key;
        final long generation;
        final boolean once;
        /**
         * What runs at each tick, on the timer thread: a {@link Delivery} (so it runs there whatever the executor),
         * of the same {@link TimerMessage} every time, or of one made from the slot's TAI deadline.
         */
        final Delivery<Object> tick;
        ScheduledTask task;

        Timer(Object key, long generation, boolean once, Object message, TickMessage<?> messageAt) {
            this.key = key;
            this.generation = generation;
            this.once = once;
            this.tick = messageAt == null
                    ? Delivery.of(self, tellSelf, new TimerMessage(ActorTimers.this, key, generation, message))
                    : Delivery.from(self, tellSelf, taiDeadlineNanos -> made(messageAt, taiDeadlineNanos));
        }

        /** Timer thread, factory form: the tick's message, made from its slot's TAI deadline. */
        private TimerMessage made(TickMessage<?> messageAt, long taiDeadlineNanos) {
            Object made = messageAt.at(taiDeadlineNanos);
            if (made == null) {
                throw new NullPointerException("the message factory of TAI timer " + key + " of " + self
                        + " returned null for the TAI deadline " + TaiTime.ofEpochNanos(taiDeadlineNanos));
            }
            return new TimerMessage(ActorTimers.this, key, generation, made);
        }
    }

    /**
     * What a timer tells the actor: the user's message, tagged with the timers and the start (generation) it belongs
     * to. Immutable.
     */
    public static final class TimerMessage {
        final ActorTimers<?> owner;
        final Object key;
        final long generation;
        final Object message;

        TimerMessage(ActorTimers<?> owner, Object key, long generation, Object message) {
            this.owner = owner;
            this.key = key;
            this.generation = generation;
            this.message = message;
        }

        @Override
        public String toString() {
            return "TimerMessage[key " + key + ", generation " + generation + ", " + message + "]";
        }
    }
}
