package io.obstime.scheduler.akka;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.actor.ActorTimeSchedulerBase;
import io.obstime.scheduler.actor.Delivery;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link TimeScheduler} for an Akka Typed 2.6 actor system, that can also deliver messages to typed actors at TAI
 * instants. The Pekko twin is {@code io.obstime.scheduler.pekko.PekkoTimeScheduler}, with the same methods.
 *
 * <pre>{@code
 * AkkaTimeScheduler scheduler = AkkaTimeScheduler.create(system);
 * ScheduledTask ticks = scheduler.schedulePeriodically(
 *         TaiTime.now().plus(Duration.ofSeconds(1)), Duration.ofMillis(1), controller, Tick.INSTANCE);
 * }</pre>
 *
 * <h2>Settings</h2>
 * Read from the actor system's config, section {@code obstime.scheduler} (this module's {@code reference.conf}
 * documents every key); an invalid value fails {@link #create(ActorSystem)} with a {@link
 * com.typesafe.config.ConfigException.BadValue} naming the key and the value. {@link #settings()} shows what was read.
 * A {@link Runnable} task runs on the system's default dispatcher, on the dispatcher named by {@code
 * obstime.scheduler.dispatcher}, or on the timer thread itself with {@code run-inline = on}. A message is always told
 * to its actor straight from the timer thread, whatever {@code run-inline} says (see Messages). On a dispatcher a
 * periodic task never overlaps itself: while one of its runs is queued or running, its slots that fall due are skipped
 * and counted (or, under {@code missed-ticks = catch-up}, run back to back by that run), so a task slower than its
 * period neither runs re-entrantly nor fills the dispatcher's queue. The timer thread is named {@code
 * obstime-timer-<system name>}.
 *
 * <h2>Messages</h2>
 * At each tick the timer thread itself tells {@code message} to {@code target}: {@code tell} does not block (it
 * enqueues in the actor's mailbox and returns), so it needs no hop through a dispatcher, which would cost a thread
 * wake-up (tens of microseconds to milliseconds) and the dispatcher's task wrapper per tick. The actor then handles the
 * message on its own dispatcher as usual. It is the same message object every time, through one delivery object
 * created when the task is scheduled, so the scheduler allocates nothing per tick (Akka's {@code tell} allocates its
 * mailbox envelope). Use an immutable message. Ticks are fixed-rate on TAI as described in {@link TimeScheduler}: an
 * actor that is slower than the period gets messages queued in its mailbox; the scheduler does not wait for it. Do not
 * give the target a bounded mailbox with a push timeout ({@code mailbox-push-timeout-time} above 0): a full mailbox
 * would then block the timer thread in {@code tell} and delay every task of this scheduler.
 *
 * <h2>Shutdown</h2>
 * The scheduler closes itself when the actor system shuts down: in coordinated shutdown's phase
 * {@code before-actor-system-terminate} (while actors still run), and in any case as the system terminates (before
 * {@code whenTerminated} completes). After that nothing is delivered and every schedule method throws
 * {@link IllegalStateException}. {@link #close()} stops it earlier; it is idempotent.
 *
 * <h2>Java and Scala</h2>
 * The API uses Java types only ({@link java.time.Duration}, {@code akka.actor.typed.ActorRef}), so it reads the same
 * from Java and from Scala 2.13 or 3 and does not tie users to a Scala version. From Scala, write a period as
 * {@code java.time.Duration.ofMillis(1)} or convert a {@code FiniteDuration} with
 * {@code import scala.jdk.DurationConverters._} and {@code 1.millis.toJava}.
 *
 * <p>Thread-safe.
 */
public final class AkkaTimeScheduler extends ActorTimeSchedulerBase {

    private AkkaTimeScheduler(ActorSystem<?> system, TimeSource timeSource) {
        super(new AkkaBinding(system), timeSource);
    }

    /**
     * A scheduler on the system clocks ({@link TimeSource#system()}) for {@code system}.
     *
     * @param system the actor system whose config, dispatcher and lifetime the scheduler takes
     * @return a running scheduler, closed when {@code system} shuts down
     * @throws NullPointerException                         if {@code system} is null
     * @throws IllegalStateException                        if {@code system} is shutting down or terminated
     * @throws com.typesafe.config.ConfigException.BadValue if a setting under {@code obstime.scheduler} is invalid
     */
    public static AkkaTimeScheduler create(ActorSystem<?> system) {
        return create(system, TimeSource.system());
    }

    /**
     * A scheduler on {@code timeSource} for {@code system}. On a {@code SimulatedTimeSource} the timer runs inside
     * its {@code advance(...)}: messages are told there, on the advancing thread, with the clock reading their
     * deadline, which makes tests deterministic; so are {@link Runnable} tasks with {@code run-inline = on}
     * (otherwise they are handed to the dispatcher there).
     *
     * @param system     the actor system whose config, dispatcher and lifetime the scheduler takes
     * @param timeSource the clock to follow
     * @return a running scheduler, closed when {@code system} shuts down
     * @throws NullPointerException                         if an argument is null
     * @throws IllegalStateException                        if {@code system} is shutting down or terminated
     * @throws com.typesafe.config.ConfigException.BadValue if a setting under {@code obstime.scheduler} is invalid
     */
    public static AkkaTimeScheduler create(ActorSystem<?> system, TimeSource timeSource) {
        Objects.requireNonNull(system, "system");
        return new AkkaTimeScheduler(system, timeSource);
    }

    /**
     * Tells {@code message} to {@code target} once at the TAI instant {@code at}, or as soon as possible if that is
     * not in the future.
     *
     * @param <T>     the target's message type
     * @param at      when to deliver
     * @param target  who receives
     * @param message what is delivered
     * @return the handle on the delivery
     * @throws NullPointerException  if an argument is null (the message names it)
     * @throws IllegalStateException if the scheduler is closed
     */
    public <T> ScheduledTask scheduleOnce(TaiTime at, ActorRef<T> target, T message) {
        return scheduleOnce(at, tell(target, message));
    }

    /**
     * As {@link #scheduleOnce(TaiTime, ActorRef, Object)} at a UTC instant, converted to TAI now with the time
     * source's leap-second table.
     *
     * @param <T>     the target's message type
     * @param at      when to deliver, in UTC
     * @param target  who receives
     * @param message what is delivered
     * @return the handle on the delivery
     * @throws NullPointerException  if an argument is null (the message names it)
     * @throws IllegalStateException if the scheduler is closed
     */
    public <T> ScheduledTask scheduleOnce(UtcTime at, ActorRef<T> target, T message) {
        return scheduleOnce(at, tell(target, message));
    }

    /**
     * Tells {@code message} to {@code target} every {@code period}, the first time as soon as possible.
     *
     * @param <T>     the target's message type
     * @param period  time between ticks; at least {@code obstime.scheduler.min-period}
     * @param target  who receives
     * @param message what is delivered at every tick
     * @return the handle on the deliveries
     * @throws NullPointerException     if an argument is null (the message names it)
     * @throws IllegalArgumentException if {@code period} is too short
     * @throws IllegalStateException    if the scheduler is closed
     */
    public <T> ScheduledTask schedulePeriodically(Duration period, ActorRef<T> target, T message) {
        return schedulePeriodically(period, tell(target, message));
    }

    /**
     * Tells {@code message} to {@code target} at {@code start + k·period} (TAI), k = 0, 1, 2, …; if {@code start} is
     * past, from the first such slot not in the past.
     *
     * @param <T>     the target's message type
     * @param start   the TAI instant of the first tick
     * @param period  time between ticks; at least {@code obstime.scheduler.min-period}
     * @param target  who receives
     * @param message what is delivered at every tick
     * @return the handle on the deliveries
     * @throws NullPointerException     if an argument is null (the message names it)
     * @throws IllegalArgumentException if {@code period} is too short
     * @throws IllegalStateException    if the scheduler is closed
     */
    public <T> ScheduledTask schedulePeriodically(TaiTime start, Duration period, ActorRef<T> target, T message) {
        return schedulePeriodically(start, period, tell(target, message));
    }

    /**
     * As {@link #schedulePeriodically(TaiTime, Duration, ActorRef, Object)} with {@code start} converted from UTC to
     * TAI now; the ticks are then {@code period} apart in TAI.
     *
     * @param <T>     the target's message type
     * @param start   the UTC instant of the first tick
     * @param period  time between ticks; at least {@code obstime.scheduler.min-period}
     * @param target  who receives
     * @param message what is delivered at every tick
     * @return the handle on the deliveries
     * @throws NullPointerException     if an argument is null (the message names it)
     * @throws IllegalArgumentException if {@code period} is too short
     * @throws IllegalStateException    if the scheduler is closed
     */
    public <T> ScheduledTask schedulePeriodically(UtcTime start, Duration period, ActorRef<T> target, T message) {
        return schedulePeriodically(start, period, tell(target, message));
    }

    private static <T> Delivery<T> tell(ActorRef<T> target, T message) {
        Objects.requireNonNull(target, "target");
        return new Delivery<>(target, target::tell, message);
    }
}
