package io.obstime.scheduler.actor;

import io.obstime.scheduler.ScheduledTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of a face's target watcher (a small system actor, see {@code AkkaTargetWatcher} /
 * {@code PekkoTargetWatcher}): which schedules tell messages to which actor, so that they are cancelled when that
 * actor terminates. It costs nothing per tick: one message to the watcher per schedule call, one watch per distinct
 * target. Schedules that have ended (once-only tasks that ran, cancelled tasks) are swept out when the number held
 * has doubled since the last sweep, so a long-lived target that is scheduled again and again holds only its live
 * schedules (amortised O(1) per schedule call). Internal, not API. Not thread-safe: the watcher actor owns it.
 */
public final class WatchedTargets {

    private static final Logger LOG = LoggerFactory.getLogger(WatchedTargets.class);
    private static final int MIN_SWEEP_AT = 64;

    private final Map<Object, List<ScheduledTask>> tasksByTarget = new HashMap<>();
    private int held;
    private int sweepAt = MIN_SWEEP_AT;

    /**
     * @param target an actor reference
     * @param task   a schedule that tells messages to it
     * @return true if {@code target} was not watched yet: the caller must watch it now
     */
    public boolean add(Object target, ScheduledTask task) {
        Objects.requireNonNull(task, "task");
        List<ScheduledTask> tasks = tasksByTarget.get(Objects.requireNonNull(target, "target"));
        boolean isNew = tasks == null;
        if (isNew) {
            tasks = new ArrayList<>(2);
            tasksByTarget.put(target, tasks);
        }
        tasks.add(task);
        held++;
        return isNew;
    }

    /**
     * Drops the schedules that have ended, if enough were added since the last sweep.
     *
     * @return the targets left without a live schedule, now forgotten: the caller must unwatch them
     */
    public List<Object> sweepIfDue() {
        if (held < sweepAt) {
            return List.of();
        }
        List<Object> forgotten = new ArrayList<>();
        held = 0;
        for (Iterator<Map.Entry<Object, List<ScheduledTask>>> it = tasksByTarget.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<Object, List<ScheduledTask>> e = it.next();
            e.getValue().removeIf(WatchedTargets::ended);
            if (e.getValue().isEmpty()) {
                forgotten.add(e.getKey());
                it.remove();
            } else {
                held += e.getValue().size();
            }
        }
        sweepAt = Math.max(MIN_SWEEP_AT, 2 * held);
        return forgotten;
    }

    /**
     * {@code target} has terminated: cancels every schedule to it that is still live, and forgets it.
     *
     * @param target the actor that terminated
     * @return how many schedules this cancelled
     */
    public int terminated(Object target) {
        List<ScheduledTask> tasks = tasksByTarget.remove(target);
        if (tasks == null) {
            return 0;
        }
        held -= tasks.size();
        int cancelled = 0;
        for (ScheduledTask task : tasks) {
            if (task.cancel()) {
                cancelled++;
            }
        }
        if (cancelled > 0) {
            LOG.info("obstime scheduler: {} terminated; cancelled {} schedule(s) that told it messages", target,
                    cancelled);
        }
        return cancelled;
    }

    /** @return the number of targets watched */
    public int targets() {
        return tasksByTarget.size();
    }

    /** @return the number of schedules held, ended ones not yet swept included */
    public int held() {
        return held;
    }

    private static boolean ended(ScheduledTask task) {
        return task.isCancelled() || task.nextDeadlineTaiNanos() == ScheduledTask.NO_DEADLINE;
    }
}
