package io.obstime.scheduler.pekko;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.actor.WatchedTargets;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels the schedules of one {@link PekkoTimeScheduler} that tell messages to an actor when that actor terminates:
 * a small actor under {@code /system}, spawned at the scheduler's first such schedule, that {@code watch}es each
 * target ({@link WatchedTargets} holds the bookkeeping). Nothing runs per tick. Thread-safe.
 */
final class PekkoTargetWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(PekkoTargetWatcher.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final ActorSystem<?> system;
    private volatile ActorRef<Watch> watcher;

    PekkoTargetWatcher(ActorSystem<?> system) {
        this.system = system;
    }

    /**
     * Arranges for {@code task} to be cancelled when {@code target} terminates; if that cannot be arranged (the actor
     * system is terminating), logs one WARN naming the target.
     *
     * @param target the actor the task tells messages to
     * @param task   the schedule
     * @return {@code task}
     */
    ScheduledTask watch(ActorRef<?> target, ScheduledTask task) {
        try {
            watcher().tell(new Watch(target, task));
        } catch (RuntimeException e) {
            LOG.warn("obstime scheduler: cannot watch {} ({}): {} is not cancelled when that actor stops", target, e,
                    task);
        }
        return task;
    }

    private ActorRef<Watch> watcher() {
        ActorRef<Watch> w = watcher;
        if (w == null) {
            synchronized (this) {
                w = watcher;
                if (w == null) {
                    w = system.systemActorOf(behavior(), "obstime-target-watcher-" + IDS.incrementAndGet(),
                            Props.empty());
                    watcher = w;
                }
            }
        }
        return w;
    }

    private static Behavior<Watch> behavior() {
        return Behaviors.setup(context -> {
            WatchedTargets targets = new WatchedTargets();
            return Behaviors.receive(Watch.class)
                    .onMessage(Watch.class, w -> {
                        if (targets.add(w.target, w.task)) {
                            context.watch(w.target);
                        }
                        unwatchAll(context, targets);
                        return Behaviors.same();
                    })
                    .onSignal(Terminated.class, t -> {
                        targets.terminated(t.getRef());
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static void unwatchAll(ActorContext<Watch> context, WatchedTargets targets) {
        for (Object forgotten : targets.sweepIfDue()) {
            context.unwatch((ActorRef<?>) forgotten);
        }
    }

    /** One schedule to watch. */
    static final class Watch {
        final ActorRef<?> target;
        final ScheduledTask task;

        Watch(ActorRef<?> target, ScheduledTask task) {
            this.target = target;
            this.task = task;
        }
    }
}
