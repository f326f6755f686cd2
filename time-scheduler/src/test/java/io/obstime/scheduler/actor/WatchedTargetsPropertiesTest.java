package io.obstime.scheduler.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.scheduler.ScheduledTask;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The target watcher's bookkeeping: what a terminated target cancels, and what a sweep keeps. */
class WatchedTargetsPropertiesTest {

    /** A schedule whose liveness the test decides. */
    static final class FakeTask implements ScheduledTask {
        boolean cancelled;
        boolean ran; // a once-only task that has started: will not run again

        @Override
        public boolean cancel() {
            if (cancelled || ran) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public long runCount() {
            return ran ? 1 : 0;
        }

        @Override
        public long skippedTicks() {
            return 0;
        }

        @Override
        public long failureCount() {
            return 0;
        }

        @Override
        public long nextDeadlineTaiNanos() {
            return cancelled || ran ? NO_DEADLINE : 0L;
        }

        @Override
        public long periodNanos() {
            return 0;
        }

        boolean live() {
            return !cancelled && !ran;
        }
    }

    /**
     * Each step adds a task for one of 5 targets, possibly ending an earlier task; then a target terminates. A target
     * is watched once (add says "new" only the first time or after it was forgotten); terminated cancels exactly the
     * live tasks of that target; a sweep forgets exactly the targets left with no live task.
     */
    @Property
    void terminatingCancelsExactlyTheLiveTasksOfThatTargetAndSweepsForgetOnlyDeadTargets(
            @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 4) Integer> targets,
            @ForAll @Size(min = 300, max = 300) List<@IntRange(min = 0, max = 3) Integer> endings,
            @ForAll @IntRange(min = 0, max = 4) int terminating) {
        WatchedTargets watched = new WatchedTargets();
        List<FakeTask> tasks = new ArrayList<>();
        List<Integer> taskTarget = new ArrayList<>();
        Set<Integer> watchedNow = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            FakeTask task = new FakeTask();
            int target = targets.get(i);
            boolean isNew = watched.add("target-" + target, task);
            assertEquals(!watchedNow.contains(target), isNew, "watched once");
            watchedNow.add(target);
            tasks.add(task);
            taskTarget.add(target);
            switch (endings.get(i)) {
                case 0 -> tasks.get(i / 2).ran = true;
                case 1 -> tasks.get(i / 3).cancel();
                default -> { }
            }
            for (Object forgotten : watched.sweepIfDue()) {
                int t = Integer.parseInt(((String) forgotten).substring("target-".length()));
                for (int k = 0; k < tasks.size(); k++) {
                    assertFalse(taskTarget.get(k) == t && tasks.get(k).live(), "forgot a target with a live task");
                }
                watchedNow.remove(t);
            }
        }
        long liveOfTarget = 0;
        for (int k = 0; k < tasks.size(); k++) {
            if (taskTarget.get(k) == terminating && tasks.get(k).live()) {
                liveOfTarget++;
            }
        }
        List<FakeTask> othersLive = new ArrayList<>();
        for (int k = 0; k < tasks.size(); k++) {
            if (taskTarget.get(k) != terminating && tasks.get(k).live()) {
                othersLive.add(tasks.get(k));
            }
        }

        assertEquals(liveOfTarget, watched.terminated("target-" + terminating));

        for (int k = 0; k < tasks.size(); k++) {
            if (taskTarget.get(k) == terminating) {
                assertFalse(tasks.get(k).live(), "a task of the terminated target is still live");
            }
        }
        assertTrue(othersLive.stream().allMatch(FakeTask::live), "tasks of other targets are untouched");
        assertEquals(0, watched.terminated("target-" + terminating), "forgotten after termination");
    }

    @Property
    void manySchedulesToOneLongLivedTargetHoldOnlyTheLiveOnesAfterSweeps(
            @ForAll @IntRange(min = 1, max = 5000) int schedules) {
        WatchedTargets watched = new WatchedTargets();
        FakeTask live = new FakeTask();
        watched.add("target", live);
        for (int i = 0; i < schedules; i++) {
            FakeTask once = new FakeTask();
            watched.add("target", once);
            once.ran = true; // a once-only task that has run
            watched.sweepIfDue();
        }
        assertTrue(watched.held() <= 2 * 64 + 1, "held " + watched.held() + " after " + schedules + " schedules");
        assertEquals(1, watched.targets());
    }
}
