package io.obstime.scheduler.scaladsl;

import io.obstime.clock.TaiTime;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.TickMessage;
import scala.concurrent.duration.FiniteDuration;

/**
 * An actor's own keyed TAI timers, the Scala API: what {@code io.obstime.scheduler.akka.scaladsl.TaiBehaviors} and
 * {@code io.obstime.scheduler.pekko.scaladsl.TaiBehaviors} give to the behavior they decorate, in the idiom of
 * Akka's {@code Behaviors.withTimers} / {@code TimerScheduler}. Periods are {@code FiniteDuration}; a message factory
 * (the {@code ...WithDeadline} methods) is a {@link TickMessage}, which a Scala function literal converts to:
 * {@code Tick(_)} for {@code case class Tick(deadlineTaiNanos: Long)}. The Java API is
 * {@link io.obstime.scheduler.javadsl.TaiTimerScheduler}, with the same methods on {@code java.time.Duration}.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Keys.</b> Each timer has a key (any object with {@code equals}/{@code hashCode}). Starting a timer with the
 *       key of an active one replaces it: the old one is cancelled, and a message of the old one already in the
 *       mailbox is not delivered to the behavior (each start has its own generation; a message whose generation is
 *       no longer current is dropped on arrival, as Akka's {@code TimerScheduler} does).</li>
 *   <li><b>Time.</b> Deadlines are TAI instants. A {@link UtcTime} is converted once, when the timer starts, with the
 *       scheduler's leap-second table. Fixed-rate timers tick at {@code start + k·period} in TAI, k = 0, 1, 2, …
 *       (from the first slot not in the past), with the scheduler's missed-tick policy; see
 *       {@link io.obstime.scheduler.TimeScheduler}.</li>
 *   <li><b>Messages.</b> Either one message object, delivered as is at every tick (nothing is allocated per tick on
 *       obstime's side), or (the {@code ...WithDeadline} methods, named apart so that a lambda never passes for a
 *       message) a factory called on the timer thread at each tick with that tick's TAI deadline
 *       (nanoseconds since 1970-01-01T00:00:00 TAI: the slot {@code start + k·period}, or the instant of a once-only
 *       timer), so the actor knows which slot a message stands for and how late it is. A factory must be fast and
 *       must not block; if it throws or returns null, that tick is counted as a failure of the timer's task (its
 *       {@code failureCount}, the scheduler's task-failure policy) and the timer goes on.</li>
 *   <li><b>Active.</b> A once-only timer is active until its message has been handed to the behavior (or it is
 *       cancelled or replaced); a fixed-rate timer until it is cancelled or replaced.</li>
 *   <li><b>Lifetime.</b> Every timer is cancelled when the actor stops, and when it is restarted by supervision (the
 *       decorated behavior's setup then runs again and gets new, empty timers); messages of the old timers still in
 *       the mailbox are dropped.</li>
 * </ul>
 *
 * <p>Not thread-safe: use it only from the actor that owns it (inside its message and signal handlers), never from
 * a {@code Future} callback or another thread, as with Akka's {@code TimerScheduler}.
 *
 * @param <T> the actor's message type
 */
public interface TaiTimerScheduler<T> {

    /**
     * Starts a once-only timer: {@code message} is sent to the actor at the TAI instant {@code at}, or as soon as
     * possible if that is not in the future. Replaces an active timer with the same key.
     *
     * @param key     the timer's key
     * @param at      when, in TAI
     * @param message what is delivered
     * @throws NullPointerException  if an argument is null (the message names it)
     * @throws IllegalStateException if the actor has stopped or restarted since these timers were given to it
     */
    void startSingleTimer(Object key, TaiTime at, T message);

    /**
     * As {@link #startSingleTimer(Object, TaiTime, Object)} at a UTC instant, converted to TAI now.
     *
     * @param key     the timer's key
     * @param at      when, in UTC
     * @param message what is delivered
     * @throws NullPointerException  if an argument is null (the message names it)
     * @throws IllegalStateException if the actor has stopped or restarted since these timers were given to it
     */
    void startSingleTimer(Object key, UtcTime at, T message);

    /**
     * As {@link #startSingleTimer(Object, TaiTime, Object)}, with the message made at the deadline by
     * {@code messageAt}, which receives {@code at} as TAI nanoseconds since 1970-01-01T00:00:00 TAI.
     *
     * @param key       the timer's key
     * @param at        when, in TAI
     * @param messageAt makes the message from the tick's TAI deadline; called on the timer thread
     * @throws NullPointerException  if an argument is null (the message names it)
     * @throws IllegalStateException if the actor has stopped or restarted since these timers were given to it
     */
    void startSingleTimerWithDeadline(Object key, TaiTime at, TickMessage<? extends T> messageAt);

    /**
     * As {@link #startSingleTimerWithDeadline(Object, TaiTime, TickMessage)} at a UTC instant, converted to TAI now.
     *
     * @param key       the timer's key
     * @param at        when, in UTC
     * @param messageAt makes the message from the tick's TAI deadline (nanoseconds since 1970-01-01T00:00:00 TAI)
     * @throws NullPointerException  if an argument is null (the message names it)
     * @throws IllegalStateException if the actor has stopped or restarted since these timers were given to it
     */
    void startSingleTimerWithDeadline(Object key, UtcTime at, TickMessage<? extends T> messageAt);

    /**
     * Starts a fixed-rate timer: {@code message} is sent at {@code start + k·period} (TAI). Replaces an active timer
     * with the same key.
     *
     * @param key     the timer's key
     * @param start   the TAI instant of the first slot
     * @param period  time between slots; at least the scheduler's {@code min-period}
     * @param message what is delivered at every tick
     * @throws NullPointerException     if an argument is null (the message names it)
     * @throws IllegalArgumentException if {@code period} is too short
     * @throws IllegalStateException    if the actor has stopped or restarted since these timers were given to it
     */
    void startTimerAtFixedRate(Object key, TaiTime start, FiniteDuration period, T message);

    /**
     * As {@link #startTimerAtFixedRate(Object, TaiTime, FiniteDuration, Object)} with {@code start} converted from UTC
     * to TAI now; the slots are then {@code period} apart in TAI.
     *
     * @param key     the timer's key
     * @param start   the UTC instant of the first slot
     * @param period  time between slots; at least the scheduler's {@code min-period}
     * @param message what is delivered at every tick
     * @throws NullPointerException     if an argument is null (the message names it)
     * @throws IllegalArgumentException if {@code period} is too short
     * @throws IllegalStateException    if the actor has stopped or restarted since these timers were given to it
     */
    void startTimerAtFixedRate(Object key, UtcTime start, FiniteDuration period, T message);

    /**
     * As {@link #startTimerAtFixedRate(Object, TaiTime, FiniteDuration, Object)}, with each tick's message made by
     * {@code messageAt} from that tick's slot {@code start + k·period} (TAI nanoseconds since 1970-01-01T00:00:00
     * TAI).
     *
     * @param key       the timer's key
     * @param start     the TAI instant of the first slot
     * @param period    time between slots; at least the scheduler's {@code min-period}
     * @param messageAt makes the message from the tick's TAI deadline; called on the timer thread
     * @throws NullPointerException     if an argument is null (the message names it)
     * @throws IllegalArgumentException if {@code period} is too short
     * @throws IllegalStateException    if the actor has stopped or restarted since these timers were given to it
     */
    void startTimerAtFixedRateWithDeadline(
            Object key, TaiTime start, FiniteDuration period, TickMessage<? extends T> messageAt);

    /**
     * As {@link #startTimerAtFixedRateWithDeadline(Object, TaiTime, FiniteDuration, TickMessage)} with
     * {@code start} converted from UTC to TAI now.
     *
     * @param key       the timer's key
     * @param start     the UTC instant of the first slot
     * @param period    time between slots; at least the scheduler's {@code min-period}
     * @param messageAt makes the message from the tick's TAI deadline (nanoseconds since 1970-01-01T00:00:00 TAI)
     * @throws NullPointerException     if an argument is null (the message names it)
     * @throws IllegalArgumentException if {@code period} is too short
     * @throws IllegalStateException    if the actor has stopped or restarted since these timers were given to it
     */
    void startTimerAtFixedRateWithDeadline(
            Object key, UtcTime start, FiniteDuration period, TickMessage<? extends T> messageAt);

    /**
     * @param key a timer's key
     * @return true if the timer with that key is active: started, not cancelled or replaced, and, if once-only, its
     *         message not yet handed to the behavior
     */
    boolean isTimerActive(Object key);

    /**
     * Cancels the timer with that key, if any: it sends nothing more, and a message of it already in the mailbox is
     * not delivered to the behavior. Does nothing for an unknown key.
     *
     * @param key the timer's key
     */
    void cancel(Object key);

    /** Cancels every timer, as {@link #cancel(Object)} does for each. */
    void cancelAll();
}
