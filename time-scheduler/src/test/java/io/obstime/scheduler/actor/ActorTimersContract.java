package io.obstime.scheduler.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.TimeSchedulerSettings;
import io.obstime.scheduler.javadsl.TaiTimerScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What both runtimes must show, written once: schedules to an actor end when it terminates, and
 * {@code TaiBehaviors.withTaiTimers} (Java API) gives an actor keyed TAI timers. {@code AkkaTaiTimersTest} and
 * {@code PekkoTaiTimersTest} supply the runtime's calls. On simulated time: the clock moves only in {@code advance},
 * so every tick is counted and every deadline exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ActorTimersContract {

    protected static final Duration GENEROUS = Duration.ofSeconds(10);
    protected static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration MS = Duration.ofMillis(1);

    /** One actor system (an ActorTestKit) of the runtime under test. */
    protected interface Kit {
        /** @return a new test probe */
        Probe probe();

        /** @return a new probe subscribed to the system's dead letters */
        Probe deadLetters();

        /**
         * Spawns an actor decorated by {@code TaiBehaviors.withTaiTimersOn(scheduler, ...)} (Java API): its setup
         * passes the timers to {@code onStart}; it runs a {@link Runnable} it receives and then tells {@code out}
         * "done", throws IllegalStateException on "crash", stops on "stop", and forwards anything else to {@code out}.
         *
         * @param restartOnCrash supervise it with restart on IllegalStateException
         */
        Actor spawnForwarding(TimeScheduler scheduler, Probe out, Consumer<TaiTimerScheduler<Object>> onStart,
                boolean restartOnCrash);

        /** As {@link #spawnForwarding} on the system's own scheduler ({@code withTaiTimers}), forwarding all. */
        Actor spawnForwardingOnSystemScheduler(Probe out, Consumer<TaiTimerScheduler<Object>> onStart);

        /** @return the face's {@code create(system, timeSource)} */
        TimeScheduler createFace(TimeSource timeSource);

        /** The face's {@code schedulePeriodically(TaiTime, Duration, ActorRef, message)}. */
        ScheduledTask every(TimeScheduler face, TaiTime start, Duration period, Probe target, String message);

        /** The face's {@code scheduleOnce(TaiTime, ActorRef, message)}. */
        ScheduledTask once(TimeScheduler face, TaiTime at, Probe target, String message);

        void shutdown();
    }

    /** A test probe of the runtime. */
    protected interface Probe {
        Object receive(Duration max);

        List<Object> receiveSeveral(int n, Duration max);

        void expectNoMessage(Duration quiet);

        /** Retries {@code assertion} until it passes or {@code max} has passed. */
        void awaitAssert(Duration max, Runnable assertion);

        void expectTerminated(Object actorRef, Duration max);

        /** Stops the probe's own actor. */
        void stop();

        Object ref();
    }

    /** A spawned actor. */
    protected interface Actor {
        void tell(Object message);

        /** Stops it from outside (the testkit's stop) and waits until it has terminated. */
        void stopFromOutside();

        Object ref();
    }

    /** @return a new actor system of the runtime under test */
    protected abstract Kit start();

    private Kit kit;
    private SimulatedTimeSource clock;
    private TaiTime t0;

    @BeforeEach
    void newClock() {
        if (kit == null) {
            kit = start();
        }
        clock = SimulatedTimeSource.startingAt(UtcTime.parse("2026-11-29T12:00:00Z UTC"));
        t0 = TaiTime.now(clock);
    }

    @AfterAll
    void shutdown() {
        kit.shutdown();
    }

    /** A record of a tick made by a message factory. */
    record Tick(long deadlineTaiNanos) {}

    // ---- schedules to an actor that stops ----

    @Test
    void aScheduleToAnActorIsCancelledWhenItStopsAndNoDeadLettersFollow() {
        TimeScheduler scheduler = kit.createFace(clock);
        Probe target = kit.probe();
        Probe live = kit.probe();
        Probe deadLetters = kit.deadLetters();
        ScheduledTask toTarget = kit.every(scheduler, t0.plus(MS), MS, target, "tick");
        ScheduledTask once = kit.once(scheduler, t0.plus(Duration.ofSeconds(1)), target, "later");
        ScheduledTask toLive = kit.every(scheduler, t0.plus(MS), MS, live, "tick");

        clock.advance(Duration.ofMillis(3));
        for (int i = 0; i < 3; i++) {
            assertEquals("tick", target.receive(GENEROUS));
        }
        target.stop();
        live.awaitAssert(GENEROUS, () -> assertTrue(toTarget.isCancelled() && once.isCancelled(),
                "cancelled once the target terminated"));
        clock.advance(Duration.ofSeconds(2)); // 2000 ticks would go to dead letters without the watch

        deadLetters.expectNoMessage(QUIET);
        assertEquals(3, toTarget.runCount());
        assertEquals(0, once.runCount());
        assertFalse(toLive.isCancelled(), "a schedule to another actor goes on");
        assertEquals(2003, toLive.runCount());
        scheduler.close();
    }

    @Test
    void aScheduleToAnActorThatHasAlreadyStoppedIsCancelled() {
        TimeScheduler scheduler = kit.createFace(clock);
        Probe target = kit.probe();
        target.stop();
        Probe watcher = kit.probe();
        watcher.expectTerminated(target.ref(), GENEROUS);

        ScheduledTask task = kit.every(scheduler, t0, MS, target, "tick");

        watcher.awaitAssert(GENEROUS, () -> assertTrue(task.isCancelled()));
        scheduler.close();
    }

    // ---- TAI timers inside an actor ----

    /** Waits until {@code actor} has run its setup (spawn is asynchronous): then its timers are started. */
    private static Actor started(Actor actor, Probe out) {
        actor.tell((Runnable) () -> { });
        assertEquals("done", out.receive(GENEROUS));
        return actor;
    }

    private Actor forwarding(TimeScheduler scheduler, Probe out, Consumer<TaiTimerScheduler<Object>> onStart) {
        return kit.spawnForwarding(scheduler, out, onStart, false);
    }

    private TimeScheduler simulated() {
        return TimeScheduler.standalone(clock);
    }

    @Test
    void aFixedRateTimerTellsEachSlotItsOwnTaiDeadline() {
        Probe out = kit.probe();
        TaiTime start = t0.plus(MS);
        started(forwarding(simulated(), out, timers -> {
            timers.startTimerAtFixedRateWithDeadline("made", start, MS, Tick::new);
            timers.startTimerAtFixedRate("same", start, Duration.ofMillis(2), "same");
        }), out);
        out.expectNoMessage(QUIET); // nothing due yet

        clock.advance(Duration.ofMillis(4));

        List<Object> got = out.receiveSeveral(6, GENEROUS);
        List<Object> ticks = got.stream().filter(m -> m instanceof Tick).toList();
        assertEquals(List.of(new Tick(start.epochNanos()), new Tick(start.epochNanos() + 1_000_000),
                new Tick(start.epochNanos() + 2_000_000), new Tick(start.epochNanos() + 3_000_000)), ticks);
        assertEquals(2, got.stream().filter("same"::equals).count());
    }

    @Test
    void aOnceTimerAtAUtcInstantIsActiveUntilItsMessageArrives() {
        Probe out = kit.probe();
        AtomicReference<TaiTimerScheduler<Object>> timers = new AtomicReference<>();
        UtcTime at = UtcTime.parse("2026-11-29T12:00:00.005Z UTC");
        Actor actor = forwarding(simulated(), out, t -> {
            timers.set(t);
            t.startSingleTimerWithDeadline("once", at, deadline -> new Tick(deadline));
        });
        AtomicReference<Boolean> active = new AtomicReference<>();
        actor.tell((Runnable) () -> active.set(timers.get().isTimerActive("once")));
        assertEquals("done", out.receive(GENEROUS));
        assertTrue(active.get());

        clock.advance(Duration.ofMillis(5));

        assertEquals(new Tick(at.toTai().epochNanos()), out.receive(GENEROUS));
        actor.tell((Runnable) () -> active.set(timers.get().isTimerActive("once")));
        assertEquals("done", out.receive(GENEROUS));
        assertFalse(active.get());
    }

    @Test
    void aMessageOfAReplacedOrCancelledTimerThatIsAlreadyInTheMailboxIsNotDelivered() {
        Probe out = kit.probe();
        AtomicReference<TaiTimerScheduler<Object>> timers = new AtomicReference<>();
        Actor actor = forwarding(simulated(), out, t -> {
            timers.set(t);
            t.startTimerAtFixedRate("k", t0.plus(MS), MS, "old");
            t.startTimerAtFixedRate("c", t0.plus(MS), MS, "cancelled");
        });
        // Inside the actor: the slot's messages are told to its mailbox, then the timers change before it reads them.
        actor.tell((Runnable) () -> {
            clock.advance(MS);
            timers.get().startTimerAtFixedRate("k", t0.plus(Duration.ofMillis(2)), MS, "new");
            timers.get().cancel("c");
        });
        assertEquals("done", out.receive(GENEROUS));
        out.expectNoMessage(QUIET);

        clock.advance(MS);
        assertEquals("new", out.receive(GENEROUS));
        out.expectNoMessage(QUIET);
    }

    @Test
    void cancelAllStopsEveryTimer() {
        Probe out = kit.probe();
        RecordingScheduler scheduler = new RecordingScheduler(simulated());
        AtomicReference<TaiTimerScheduler<Object>> timers = new AtomicReference<>();
        Actor actor = forwarding(scheduler, out, t -> {
            timers.set(t);
            t.startTimerAtFixedRate("a", t0.plus(MS), MS, "a");
            t.startSingleTimer("b", t0.plus(MS), "b");
        });
        actor.tell((Runnable) () -> timers.get().cancelAll());
        assertEquals("done", out.receive(GENEROUS));
        clock.advance(Duration.ofMillis(5));
        out.expectNoMessage(QUIET);
        assertTrue(scheduler.tasks.stream().allMatch(ScheduledTask::isCancelled));
    }

    @Test
    void timersAreCancelledWhenTheBehaviorStops() {
        Probe out = kit.probe();
        RecordingScheduler scheduler = new RecordingScheduler(simulated());
        Actor actor = started(forwarding(scheduler, out,
                t -> t.startTimerAtFixedRate("loop", t0.plus(MS), MS, "tick")), out);
        clock.advance(MS);
        assertEquals("tick", out.receive(GENEROUS));

        actor.tell("stop");
        out.expectTerminated(actor.ref(), GENEROUS);

        assertEquals(1, scheduler.tasks.size());
        assertTrue(scheduler.tasks.get(0).isCancelled());
    }

    @Test
    void timersAreCancelledWhenTheActorIsStoppedFromOutside() {
        Probe out = kit.probe();
        RecordingScheduler scheduler = new RecordingScheduler(simulated());
        Actor actor = started(forwarding(scheduler, out,
                t -> t.startTimerAtFixedRate("loop", t0.plus(MS), MS, "tick")), out);
        actor.stopFromOutside();

        assertTrue(scheduler.tasks.get(0).isCancelled());
    }

    @Test
    void aRestartCancelsTheOldTimersAndTheSetupStartsNewOnes() {
        Probe out = kit.probe();
        RecordingScheduler scheduler = new RecordingScheduler(simulated());
        Actor actor = kit.spawnForwarding(scheduler, out,
                t -> t.startTimerAtFixedRate("loop", t0.plus(MS), MS, "tick"), true);
        // A tick of the first incarnation is in the mailbox behind the crash: the restarted actor must not get it.
        actor.tell((Runnable) () -> {
            actor.tell("crash");
            clock.advance(MS);
        });
        assertEquals("done", out.receive(GENEROUS));
        out.awaitAssert(GENEROUS, () -> assertEquals(2, scheduler.tasks.size(), "the setup ran again"));
        out.expectNoMessage(QUIET);
        assertTrue(scheduler.tasks.get(0).isCancelled(), "the first incarnation's timer");
        assertFalse(scheduler.tasks.get(1).isCancelled(), "the new incarnation's timer");

        clock.advance(MS);
        assertEquals("tick", out.receive(GENEROUS));
    }

    @Test
    void aFactoryThatThrowsOrReturnsNullCountsAsAFailureAndTheTimerGoesOn() {
        Probe out = kit.probe();
        // Log only: by default a failure on simulated time is rethrown from advance (after every due task has run).
        RecordingScheduler scheduler = new RecordingScheduler(TimeScheduler.standalone(clock,
                TimeSchedulerSettings.defaults().withSimulatedFailuresRethrown(false)));
        long first = t0.plus(MS).epochNanos();
        started(forwarding(scheduler, out, t -> t.startTimerAtFixedRateWithDeadline("k", t0.plus(MS), MS,
                deadline -> switch ((int) ((deadline - first) / 1_000_000)) {
                    case 0 -> throw new IllegalStateException("factory fails (on purpose)");
                    case 1 -> null;
                    default -> new Tick(deadline);
                })), out);

        clock.advance(Duration.ofMillis(4));

        assertEquals(new Tick(first + 2_000_000), out.receive(GENEROUS));
        assertEquals(new Tick(first + 3_000_000), out.receive(GENEROUS));
        ScheduledTask task = scheduler.tasks.get(0);
        assertEquals(2, task.failureCount());
        assertFalse(task.isCancelled());
    }

    @Test
    void badArgumentsAreRejectedWithTheirNameAndAStoppedActorsTimersAreClosed() {
        Probe out = kit.probe();
        AtomicReference<TaiTimerScheduler<Object>> timers = new AtomicReference<>();
        Actor actor = forwarding(simulated(), out, timers::set);
        AtomicReference<Throwable> nullKey = new AtomicReference<>();
        AtomicReference<Throwable> badPeriod = new AtomicReference<>();
        actor.tell((Runnable) () -> {
            nullKey.set(assertThrows(NullPointerException.class,
                    () -> timers.get().startSingleTimer(null, t0, "x")));
            badPeriod.set(assertThrows(IllegalArgumentException.class,
                    () -> timers.get().startTimerAtFixedRate("p", t0, Duration.ofNanos(-1), "x")));
        });
        assertEquals("done", out.receive(GENEROUS));
        assertEquals("key", nullKey.get().getMessage());
        assertTrue(badPeriod.get().getMessage().contains("period"), badPeriod.get().getMessage());

        actor.stopFromOutside();
        IllegalStateException closed = assertThrows(IllegalStateException.class,
                () -> timers.get().startSingleTimer("late", t0, "x"));
        assertTrue(closed.getMessage().contains("late"), closed.getMessage());
    }

    @Test
    void onTheSystemsOwnSchedulerAOnceTimerFiresOnTheRealClock() {
        Probe out = kit.probe();
        kit.spawnForwardingOnSystemScheduler(out,
                timers -> timers.startSingleTimer("soon", TaiTime.now().plus(Duration.ofMillis(20)), "soon"));
        assertEquals("soon", out.receive(GENEROUS));
    }
}
