package io.obstime.scheduler.actor;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The delivery of one message to one actor, created once when a message is scheduled and run at every tick: nothing
 * is allocated per tick on obstime's side (the runtime's {@code tell} allocates its mailbox envelope). The engine
 * recognises this class and always runs it on its timer thread, also when tasks otherwise go to an executor:
 * {@code tell} does not block, so a hop through a dispatcher would only add a thread wake-up. Internal, not API;
 * immutable.
 *
 * @param <T> the message type
 */
public final class Delivery<T> implements Runnable {

    private final Object target;
    private final Consumer<? super T> tell;
    private final T message;

    /**
     * @param target  the actor reference, for {@link #toString()} (the engine's failure log names the task)
     * @param tell    {@code target::tell}
     * @param message the message, delivered as is at every tick
     * @throws NullPointerException naming {@code target} or {@code message} if null
     */
    public Delivery(Object target, Consumer<? super T> tell, T message) {
        this.target = Objects.requireNonNull(target, "target");
        this.tell = Objects.requireNonNull(tell, "tell");
        this.message = Objects.requireNonNull(message, "message");
    }

    @Override
    public void run() {
        tell.accept(message);
    }

    @Override
    public String toString() {
        return "tell " + message + " to " + target;
    }
}
