package io.obstime.scheduler.akka;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.Adapter;
import com.typesafe.config.Config;
import io.obstime.scheduler.actor.ActorSystemBinding;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/** An Akka Typed actor system as {@link ActorSystemBinding}: the Akka-specific lines of {@link AkkaTimeScheduler}. */
final class AkkaBinding implements ActorSystemBinding {

    private static final AtomicLong TASK_IDS = new AtomicLong();

    private final ActorSystem<?> system;

    AkkaBinding(ActorSystem<?> system) {
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
        akka.actor.Cancellable task = CoordinatedShutdown.get(system).addCancellableTask(
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
