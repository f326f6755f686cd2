package io.obstime.scheduler.actor;

import com.typesafe.config.Config;
import java.util.concurrent.Executor;

/**
 * What {@link ActorTimeSchedulerBase} needs from one actor system, implemented by each face for its runtime (Akka
 * Typed, Pekko). Internal, not API.
 */
public interface ActorSystemBinding {

    /** @return the actor system's name, for the timer thread's name and messages */
    String name();

    /** @return the actor system's resolved config */
    Config config();

    /** @return the actor system's default dispatcher ({@code system.executionContext()}) */
    Executor defaultDispatcher();

    /**
     * @param configPath a dispatcher's config path, as for {@code DispatcherSelector.fromConfig}
     * @return that dispatcher
     * @throws RuntimeException if the actor system has no such dispatcher (the runtime's own exception)
     */
    Executor dispatcher(String configPath);

    /** @return true once the actor system's coordinated shutdown has started or the system has terminated */
    boolean isShuttingDown();

    /**
     * Arranges for {@code closer} to run when the actor system shuts down: in coordinated shutdown's phase
     * {@code before-actor-system-terminate} (actors still running) and, as a safety net (coordinated shutdown can be
     * disabled for {@code terminate()}), as a termination callback of the system, which runs before
     * {@code whenTerminated} completes. {@code closer} must be idempotent.
     *
     * @param closer what to run
     * @return removes the registrations that can be removed; idempotent
     */
    Runnable onShutdown(Runnable closer);
}
