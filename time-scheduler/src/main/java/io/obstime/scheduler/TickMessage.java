package io.obstime.scheduler;

import java.util.Objects;

/**
 * Makes the message for one tick of a scheduled actor delivery from that tick's deadline, so that the actor knows
 * which TAI slot a message stands for and can tell how late it is handled. Given to the {@code ActorRef} overloads of
 * {@code AkkaTimeScheduler} and {@code PekkoTimeScheduler} in place of a fixed message:
 *
 * <pre>{@code
 * record Tick(long taiDeadlineNanos) implements Command {}
 * scheduler.schedulePeriodically(start, Duration.ofMillis(1), controller, TickMessage.of(Tick::new));
 * }</pre>
 *
 * <p>{@link #at(long)} is called on the timer thread (or, on a {@code SimulatedTimeSource}, on the thread that
 * advances it) once per slot that is run, with that slot's deadline: {@code start + k·period} for a periodic task
 * (under {@link MissedTickPolicy#SKIP} a late run stands for the latest passed slot, whose deadline it gets), the
 * requested instant for a once-only task (also when it runs late). It must be quick and must not block: it runs
 * between the ticks of every other task. What it allocates (the message) is the only allocation of a tick on
 * obstime's side. If it throws, or returns null, the tick is not delivered and counts as a failure of the task
 * ({@link ScheduledTask#failureCount()}) under the {@link TaskFailurePolicy}; the schedule itself goes on (under
 * {@link TaskFailurePolicy#CONTINUE}).
 *
 * <h2>Why {@link #of(TickMessage)}</h2>
 * The face methods taking a {@code TickMessage} overload those taking a fixed message {@code T}, and Java and Scala
 * cannot tell from a bare lambda which of the two is meant ({@code javac}: "reference to scheduleOnce is ambiguous";
 * Scala picks the fixed-message overload with {@code T = Object}). {@code TickMessage.of(...)} gives the lambda or
 * method reference its type, as does a variable declared as {@code TickMessage<Command>}.
 *
 * @param <T> the message type
 */
@FunctionalInterface
public interface TickMessage<T> {

    /**
     * @param taiDeadlineNanos the deadline of the slot being delivered, nanoseconds since 1970-01-01T00:00:00 TAI
     *                         ({@code TaiTime.ofEpochNanos(taiDeadlineNanos)} makes it a {@code TaiTime})
     * @return the message to deliver for that slot; not null
     */
    T at(long taiDeadlineNanos);

    /**
     * Returns {@code factory} itself, typed: for a lambda or method reference passed straight to an overloaded
     * {@code scheduleOnce} or {@code schedulePeriodically} (see the class documentation).
     *
     * @param <T>     the message type
     * @param factory the message for a slot's TAI deadline
     * @return {@code factory}
     * @throws NullPointerException if {@code factory} is null
     */
    static <T> TickMessage<T> of(TickMessage<T> factory) {
        return Objects.requireNonNull(factory, "factory");
    }
}
