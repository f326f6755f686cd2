package io.obstime.scheduler.pekko;

import com.typesafe.config.Config;
import io.obstime.scheduler.actor.ActorSystemBinding;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/** A Pekko actor system as {@link ActorSystemBinding}: the Pekko-specific lines of {@link PekkoTimeScheduler}. */
final class PekkoBinding implements ActorSystemBinding {

    private static final AtomicLong TASK_IDS = new AtomicLong();

    private final ActorSystem<?> system;

    PekkoBinding(ActorSystem<?> system) {
        this.system = system;
    }

    @Override
    public String name() {
        return system.name();
    }

    @Override
    public Config config() {
        return system.settings().config();
    }

    @Override
    public Executor defaultDispatcher() {
        return system.executionContext();
    }

    @Override
    public Executor dispatcher(String configPath) {
        return system.dispatchers().lookup(DispatcherSelector.fromConfig(configPath));
    }

    @Override
    public boolean isShuttingDown() {
        return system.getWhenTerminated().toCompletableFuture().isDone()
                || CoordinatedShutdown.get(system).getShutdownReason().isPresent();
    }

    @Override
    public Runnable onShutdown(Runnable closer) {
        org.apache.pekko.actor.Cancellable task = CoordinatedShutdown.get(system).addCancellableTask(
                CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
                "obstime-time-scheduler-" + TASK_IDS.incrementAndGet(),
                () -> {
                    closer.run();
                    return CompletableFuture.completedFuture(Done.getInstance());
                });
        // Termination callbacks run before whenTerminated completes: closed by the time terminate() is observed.
        Adapter.toClassic(system).registerOnTermination(closer);
        return task::cancel;
    }
}
