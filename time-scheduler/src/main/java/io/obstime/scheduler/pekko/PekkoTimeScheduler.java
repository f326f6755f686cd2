package io.obstime.scheduler.pekko;

import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TickMessage;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.actor.ActorTimeSchedulerBase;
import io.obstime.scheduler.actor.Delivery;
import java.time.Duration;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * A {@link TimeScheduler} for an Apache Pekko 1.x actor system, that can also deliver messages to typed actors at TAI
 * instants. The Akka twin is {@code io.obstime.scheduler.akka.AkkaTimeScheduler}, with the same methods.
 *
 * <pre>{@code
 * PekkoTimeScheduler scheduler = PekkoTimeScheduler.get(system);
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
 * created when the task is scheduled, so the scheduler allocates nothing per tick (Pekko's {@code tell} allocates its
 * mailbox envelope). Use an immutable message. To let the actor know which TAI slot a tick stands for (and how late
 * it is handled), pass a {@link TickMessage} instead of the message: it makes each tick's message from the slot's TAI
 * deadline, and that message is then the only allocation per tick on obstime's side
 * ({@code schedulePeriodically(start, period, controller, TickMessage.of(Tick::new))}). Ticks are fixed-rate on TAI
 * as described in {@link TimeScheduler}: an actor that is slower than the period gets messages queued in its
 * mailbox; the scheduler does not wait for it. Do not give the target a bounded mailbox with a push timeout
 * ({@code mailbox-push-timeout-time} above 0): a full mailbox would then block the timer thread in {@code tell} and
 * delay every task of this scheduler.
 *
 * <h2>Targets that stop</h2>
 * A schedule that tells messages to an actor is cancelled when that actor terminates: the scheduler starts one small
 * actor under {@code /system} (at its first such schedule) that {@code watch}es each target; each schedule call sends
 * it one message, and nothing happens per tick. If that actor cannot be started (the system is terminating), one
 * WARN names the target and the schedule is left as it is. For timers owned by the actor itself, see
 * {@code TaiBehaviors.withTaiTimers} in the {@code javadsl} and {@code scaladsl} subpackages.
 *
 * <h2>Shutdown</h2>
 * The scheduler closes itself when the actor system shuts down: in coordinated shutdown's phase
 * {@code before-actor-system-terminate} (while actors still run), and in any case as the system terminates (before
 * {@code whenTerminated} completes). After that nothing is delivered and every schedule method throws
 * {@link IllegalStateException}. {@link #close()} stops it earlier; it is idempotent.
 *
 * <h2>Java and Scala</h2>
 * The API uses Java types only ({@link java.time.Duration}, {@code org.apache.pekko.actor.typed.ActorRef}), so it reads
 * the same from Java and from Scala and does not tie users to a Scala version (the build compiles and runs a Scala 2.13
 * example; Scala 3 is not tested here). From Scala, write a period as {@code java.time.Duration.ofMillis(1)} or convert
 * a {@code FiniteDuration} with {@code import scala.jdk.DurationConverters._} and {@code 1.millis.toJava}.
 *
 * <p>Thread-safe.
 */
public final class PekkoTimeScheduler extends ActorTimeSchedulerBase implements Extension {

    /** The {@link ExtensionId} behind {@link #get(ActorSystem)}: one scheduler per actor system. */
    public static final ExtensionId<PekkoTimeScheduler> ID = new Id();

    private static final class Id extends ExtensionId<PekkoTimeScheduler> {
        @Override
        public PekkoTimeScheduler createExtension(ActorSystem<?> system) {
            return new PekkoTimeScheduler(system, TimeSource.system());
        }
    }

    /** Cancels the schedules to an actor when it terminates. */
    private final PekkoTargetWatcher targets;

    private PekkoTimeScheduler(ActorSystem<?> system, TimeSource timeSource) {
        super(new PekkoBinding(system), timeSource);
        this.targets = new PekkoTargetWatcher(system);
    }

    /**
     * The scheduler of {@code system}, on the system clocks ({@link TimeSource#system()}): one per actor system, made
     * at the first call (a {@code Pekko} {@link Extension}), so every actor that calls {@code get(context.getSystem())}
     * shares one timer thread (and, with {@code spin-margin} above 0, one spinning thread). Prefer it to
     * {@link #create(ActorSystem)}. It closes when the system shuts down; do not close it yourself, since later calls
     * return the same, then closed, scheduler.
     *
     * @param system the actor system whose config, dispatcher and lifetime the scheduler takes
     * @return the system's scheduler
     * @throws NullPointerException                         if {@code system} is null
     * @throws IllegalStateException                        if {@code system} is shutting down or terminated when the
     *                                                      scheduler is first made
     * @throws com.typesafe.config.ConfigException.BadValue if a setting under {@code obstime.scheduler} is invalid
     */
    public static PekkoTimeScheduler get(ActorSystem<?> system) {
        Objects.requireNonNull(system, "system");
        return ID.apply(system);
    }

    /**
     * A new scheduler, with its own timer thread, on the system clocks ({@link TimeSource#system()}) for
     * {@code system}; each call makes another one. For tests and special cases: actors should share the system's
     * scheduler from {@link #get(ActorSystem)}. Each created scheduler leaves a small, emptied termination callback
     * registered with the system until the system terminates (the runtime offers no way to remove it).
     *
     * @param system the actor system whose config, dispatcher and lifetime the scheduler takes
     * @return a running scheduler, closed when {@code system} shuts down
     * @throws NullPointerException                         if {@code system} is null
     * @throws IllegalStateException                        if {@code system} is shutting down or terminated
     * @throws com.typesafe.config.ConfigException.BadValue if a setting under {@code obstime.scheduler} is invalid
     */
    public static PekkoTimeScheduler create(ActorSystem<?> system) {
        return create(system, TimeSource.system());
    }

    /**
     * A new scheduler, with its own timer thread unless simulated, on {@code timeSource} for {@code system}. On a
     * {@code SimulatedTimeSource} the timer runs inside its {@code advance(...)}: messages are told there, on the
     * advancing thread, with the clock reading their deadline, which makes tests deterministic; so are {@link Runnable}
     * tasks with {@code run-inline = on} (otherwise they are handed to the dispatcher there).
     *
     * @param system     the actor system whose config, dispatcher and lifetime the scheduler takes
     * @param timeSource the clock to follow
     * @return a running scheduler, closed when {@code system} shuts down
     * @throws NullPointerException                         if an argument is null
     * @throws IllegalStateException                        if {@code system} is shutting down or terminated
     * @throws com.typesafe.config.ConfigException.BadValue if a setting under {@code obstime.scheduler} is invalid
     */
    public static PekkoTimeScheduler create(ActorSystem<?> system, TimeSource timeSource) {
        Objects.requireNonNull(system, "system");
        return new PekkoTimeScheduler(system, timeSource);
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
        return targets.watch(target, scheduleOnce(at, tell(target, message)));
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
        return targets.watch(target, scheduleOnce(at, tell(target, message)));
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
        return targets.watch(target, schedulePeriodically(period, tell(target, message)));
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
        return targets.watch(target, schedulePeriodically(start, period, tell(target, message)));
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
        return targets.watch(target, schedulePeriodically(start, period, tell(target, message)));
    }

    /**
     * Tells {@code target}, once at the TAI instant {@code at} (or as soon as possible if that is not in the future),
     * the message that {@code message} makes from {@code at} (the slot's deadline, also when the delivery is late).
     *
     * @param <T>     the target's message type
     * @param at      when to deliver
     * @param target  who receives
     * @param message makes the message from the deadline; see {@link TickMessage} for what happens if it throws or
     *                returns null
     * @return the handle on the delivery
     * @throws NullPointerException  if an argument is null (the message names it)
     * @throws IllegalStateException if the scheduler is closed
     */
    public <T> ScheduledTask scheduleOnce(TaiTime at, ActorRef<T> target, TickMessage<? extends T> message) {
        return targets.watch(target, scheduleOnce(at, tellEach(target, message)));
    }

    /**
     * As {@link #scheduleOnce(TaiTime, ActorRef, TickMessage)} at a UTC instant, converted to TAI now with the time
     * source's leap-second table; the factory gets that TAI deadline.
     *
     * @param <T>     the target's message type
     * @param at      when to deliver, in UTC
     * @param target  who receives
     * @param message makes the message from the TAI deadline
     * @return the handle on the delivery
     * @throws NullPointerException  if an argument is null (the message names it)
     * @throws IllegalStateException if the scheduler is closed
     */
    public <T> ScheduledTask scheduleOnce(UtcTime at, ActorRef<T> target, TickMessage<? extends T> message) {
        return targets.watch(target, scheduleOnce(at, tellEach(target, message)));
    }

    /**
     * Tells {@code target} every {@code period}, the first time as soon as possible, the message that {@code message}
     * makes from each slot's TAI deadline (slot 0 is the TAI instant at which the timer takes the task in).
     *
     * @param <T>     the target's message type
     * @param period  time between ticks; at least {@code obstime.scheduler.min-period}
     * @param target  who receives
     * @param message makes each tick's message from its slot's TAI deadline
     * @return the handle on the deliveries
     * @throws NullPointerException     if an argument is null (the message names it)
     * @throws IllegalArgumentException if {@code period} is too short
     * @throws IllegalStateException    if the scheduler is closed
     */
    public <T> ScheduledTask schedulePeriodically(Duration period, ActorRef<T> target,
            TickMessage<? extends T> message) {
        return targets.watch(target, schedulePeriodically(period, tellEach(target, message)));
    }

    /**
     * Tells {@code target} at {@code start + k·period} (TAI), k = 0, 1, 2, …, the message that {@code message} makes
     * from that slot's deadline {@code start + k·period}; if {@code start} is past, from the first such slot not in
     * the past. A late tick stands for the latest slot passed and gets its deadline
     * ({@link ScheduledTask#skippedTicks()} counts the others).
     *
     * @param <T>     the target's message type
     * @param start   the TAI instant of the first tick
     * @param period  time between ticks; at least {@code obstime.scheduler.min-period}
     * @param target  who receives
     * @param message makes each tick's message from its slot's TAI deadline
     * @return the handle on the deliveries
     * @throws NullPointerException     if an argument is null (the message names it)
     * @throws IllegalArgumentException if {@code period} is too short
     * @throws IllegalStateException    if the scheduler is closed
     */
    public <T> ScheduledTask schedulePeriodically(TaiTime start, Duration period, ActorRef<T> target,
            TickMessage<? extends T> message) {
        return targets.watch(target, schedulePeriodically(start, period, tellEach(target, message)));
    }

    /**
     * As {@link #schedulePeriodically(TaiTime, Duration, ActorRef, TickMessage)} with {@code start} converted from
     * UTC to TAI now; the ticks are then {@code period} apart in TAI and the factory gets their TAI deadlines.
     *
     * @param <T>     the target's message type
     * @param start   the UTC instant of the first tick
     * @param period  time between ticks; at least {@code obstime.scheduler.min-period}
     * @param target  who receives
     * @param message makes each tick's message from its slot's TAI deadline
     * @return the handle on the deliveries
     * @throws NullPointerException     if an argument is null (the message names it)
     * @throws IllegalArgumentException if {@code period} is too short
     * @throws IllegalStateException    if the scheduler is closed
     */
    public <T> ScheduledTask schedulePeriodically(UtcTime start, Duration period, ActorRef<T> target,
            TickMessage<? extends T> message) {
        return targets.watch(target, schedulePeriodically(start, period, tellEach(target, message)));
    }

    private static <T> Delivery<T> tell(ActorRef<T> target, T message) {
        Objects.requireNonNull(target, "target");
        return Delivery.of(target, target::tell, message);
    }

    private static <T> Delivery<T> tellEach(ActorRef<T> target, TickMessage<? extends T> message) {
        Objects.requireNonNull(target, "target");
        return Delivery.from(target, target::tell, message);
    }
}
