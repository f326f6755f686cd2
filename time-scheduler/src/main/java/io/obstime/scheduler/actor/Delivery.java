package io.obstime.scheduler.actor;

import io.obstime.clock.TaiTime;
import io.obstime.scheduler.TickMessage;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The delivery of one message to one actor, created once when a message is scheduled and run at every tick. The
 * message is either the same object every time ({@link #of}: nothing is allocated per tick on obstime's side; the
 * runtime's {@code tell} allocates its mailbox envelope) or made for each slot from its TAI deadline
 * ({@link #from}: the factory's message is the only allocation). The engine recognises this class, always runs it on
 * its timer thread, also when tasks otherwise go to an executor ({@code tell} does not block, so a hop through a
 * dispatcher would only add a thread wake-up), and calls {@link #deliver(long)} with the slot's deadline. Internal,
 * not API; immutable.
 *
 * @param <T> the message type
 */
public final class Delivery<T> implements Runnable {

    private final Object target;
    private final Consumer<? super T> tell;
    /** The fixed message, or null when {@link #factory} makes one per slot. */
    private final T message;
    private final TickMessage<? extends T> factory;

    private Delivery(Object target, Consumer<? super T> tell, T message, TickMessage<? extends T> factory) {
        this.target = Objects.requireNonNull(target, "target");
        this.tell = Objects.requireNonNull(tell, "tell");
        this.message = message;
        this.factory = factory;
    }

    /**
     * @param <T>     the message type
     * @param target  the actor reference, for {@link #toString()} (the engine's logs name the task by it)
     * @param tell    {@code target::tell}
     * @param message the message, delivered as is at every tick
     * @return the delivery
     * @throws NullPointerException naming {@code target} or {@code message} if null
     */
    public static <T> Delivery<T> of(Object target, Consumer<? super T> tell, T message) {
        return new Delivery<>(target, tell, Objects.requireNonNull(message, "message"), null);
    }

    /**
     * @param <T>     the message type
     * @param target  the actor reference, for {@link #toString()}
     * @param tell    {@code target::tell}
     * @param message makes the message of each slot from its TAI deadline
     * @return the delivery
     * @throws NullPointerException naming {@code target} or {@code message} if null
     */
    public static <T> Delivery<T> from(Object target, Consumer<? super T> tell, TickMessage<? extends T> message) {
        return new Delivery<>(target, tell, null, Objects.requireNonNull(message, "message"));
    }

    /**
     * Tells the slot's message to the target.
     *
     * @param slotTaiNanos the TAI deadline of the slot delivered, nanoseconds since 1970-01-01T00:00:00 TAI
     * @throws NullPointerException if the factory returned null (the engine counts it as the task's failure)
     */
    public void deliver(long slotTaiNanos) {
        if (factory == null) {
            tell.accept(message);
            return;
        }
        T made = factory.at(slotTaiNanos);
        if (made == null) {
            throw new NullPointerException("the TickMessage returned null for the slot at "
                    + TaiTime.ofEpochNanos(slotTaiNanos) + ": nothing was told to " + target);
        }
        tell.accept(made);
    }

    /**
     * The engine calls {@link #deliver(long)}; this is for a caller that has no deadline at hand.
     *
     * @throws UnsupportedOperationException if the message is made from the deadline
     */
    @Override
    public void run() {
        if (factory != null) {
            throw new UnsupportedOperationException("a delivery with a TickMessage needs its slot's deadline");
        }
        tell.accept(message);
    }

    @Override
    public String toString() {
        return "tell " + (factory == null ? message : "TickMessage " + factory) + " to " + target;
    }
}
