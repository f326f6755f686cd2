package io.obstime.scheduler.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TickMessage;
import io.obstime.scheduler.TimeScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour both actor faces must show, written once; {@code AkkaTimeSchedulerTest} and
 * {@code PekkoTimeSchedulerTest} supply the runtime-specific calls. Real-time tests wait for messages with generous
 * timeouts and never assert how long anything took; the simulated ones check the exact TAI instant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ActorFaceContract {

    /** Far beyond any expected wait: only a broken scheduler reaches it. */
    protected static final Duration GENEROUS = Duration.ofSeconds(10);
    /** How long "nothing arrives" is watched for. */
    protected static final Duration QUIET = Duration.ofMillis(300);

    /** One actor system (an ActorTestKit) of the runtime under test. */
    protected interface Runtime {
        /** @return the face's {@code create(system)} */
        TimeScheduler create();

        /** @return the face's {@code create(system, timeSource)} */
        TimeScheduler create(TimeSource timeSource);

        /** @return the face's {@code create(null)} (the factory must reject it) */
        TimeScheduler createWithNullSystem();

        /** @return the face's {@code get(system)}: the system's one shared scheduler */
        TimeScheduler get();

        /** @return the face's {@code get(null)} (it must reject it) */
        TimeScheduler getWithNullSystem();

        /** @return a new test probe for String messages */
        Probe probe();

        /** @return the actor system's name */
        String systemName();

        /** Shuts the actor system down and waits for it to terminate. */
        void shutdown();

        /** Runs the system's coordinated shutdown and waits for it to finish. */
        void runCoordinatedShutdown();
    }

    /** A test probe, and the face's five ActorRef overloads aimed at it. */
    protected interface Probe {
        ScheduledTask once(TimeScheduler scheduler, TaiTime at, String message);

        ScheduledTask once(TimeScheduler scheduler, UtcTime at, String message);

        ScheduledTask every(TimeScheduler scheduler, Duration period, String message);

        ScheduledTask every(TimeScheduler scheduler, TaiTime start, Duration period, String message);

        ScheduledTask every(TimeScheduler scheduler, UtcTime start, Duration period, String message);

        ScheduledTask once(TimeScheduler scheduler, TaiTime at, TickMessage<String> message);

        ScheduledTask once(TimeScheduler scheduler, UtcTime at, TickMessage<String> message);

        ScheduledTask every(TimeScheduler scheduler, Duration period, TickMessage<String> message);

        ScheduledTask every(TimeScheduler scheduler, TaiTime start, Duration period, TickMessage<String> message);

        ScheduledTask every(TimeScheduler scheduler, UtcTime start, Duration period, TickMessage<String> message);

        /** The face's TickMessage overload with a null target. */
        ScheduledTask onceEachToNullTarget(TimeScheduler scheduler, TaiTime at, TickMessage<String> message);

        /** The face's overload with a null target. */
        ScheduledTask onceToNullTarget(TimeScheduler scheduler, TaiTime at, String message);

        /** @return the next message, failing if none arrives within {@code max} */
        String receive(Duration max);

        /** Fails if a message arrives within {@code quiet}. */
        void expectNoMessage(Duration quiet);
    }

    /**
     * @param hocon config for the new actor system (the actor runtime's and obstime's reference.conf are its
     *              fallback); "" for none
     * @return a new actor system of the runtime under test
     */
    protected abstract Runtime start(String hocon);

    /** @return the runtime's config prefix: "akka" or "pekko" */
    protected abstract String runtimeConfigPrefix();

    private Runtime shared;
    private final List<Runtime> perTest = new ArrayList<>();

    @BeforeAll
    void startSharedSystem() {
        shared = start("");
    }

    @AfterAll
    void shutdownSharedSystem() {
        shared.shutdown();
    }

    @AfterEach
    void shutdownPerTestSystems() {
        perTest.forEach(Runtime::shutdown);
        perTest.clear();
    }

    private Runtime startForThisTest(String hocon) {
        Runtime r = start(hocon);
        perTest.add(r);
        return r;
    }

    // ---- real time: messages reach typed actors ----

    @Test
    void deliversOnceAtATaiInstantNeverBeforeIt() {
        // Inline, so that a Runnable at the same deadline scheduled just before the message runs on the timer thread
        // right before the tell (same deadline: schedule order): its TAI reading is a lower bound of the delivery's.
        Runtime runtime = startForThisTest("obstime.scheduler.run-inline = on");
        try (TimeScheduler scheduler = runtime.create()) {
            Probe probe = runtime.probe();
            TaiTime deadline = TaiTime.now().plus(Duration.ofMillis(20));
            AtomicLong taiJustBeforeTell = new AtomicLong(Long.MIN_VALUE);

            scheduler.scheduleOnce(deadline, () -> taiJustBeforeTell.set(scheduler.timeSource().taiNanos()));
            ScheduledTask task = probe.once(scheduler, deadline, "once");

            assertEquals("once", probe.receive(GENEROUS));
            long early = deadline.epochNanos() - taiJustBeforeTell.get();
            assertTrue(early <= 0, "delivered " + early + " ns before its TAI deadline");
            probe.expectNoMessage(QUIET);
            assertEquals(1, task.runCount());
            assertFalse(task.cancel(), "a once-only task that has run cannot be cancelled");
        }
    }

    @Test
    void deliversOnceAtAUtcInstant() {
        try (TimeScheduler scheduler = shared.create()) {
            Probe probe = shared.probe();

            probe.once(scheduler, UtcTime.now().plus(Duration.ofMillis(20)), "utc");

            assertEquals("utc", probe.receive(GENEROUS));
        }
    }

    @Test
    void deliversPeriodicallyUntilCancelled() {
        try (TimeScheduler scheduler = shared.create()) {
            Probe probe = shared.probe();

            ScheduledTask task = probe.every(scheduler, Duration.ofMillis(5), "tick");
            for (int i = 0; i < 20; i++) {
                assertEquals("tick", probe.receive(GENEROUS));
            }

            assertTrue(task.cancel());
            assertTrue(task.isCancelled());
            assertFalse(task.cancel(), "only the call that cancelled returns true");
        }
    }

    @Test
    void deliversPeriodicallyFromATaiStart() {
        try (TimeScheduler scheduler = shared.create()) {
            Probe probe = shared.probe();

            probe.every(scheduler, TaiTime.now().plus(Duration.ofMillis(20)), Duration.ofMillis(5), "tai-tick");

            for (int i = 0; i < 5; i++) {
                assertEquals("tai-tick", probe.receive(GENEROUS));
            }
        }
    }

    @Test
    void deliversPeriodicallyFromAUtcStart() {
        try (TimeScheduler scheduler = shared.create()) {
            Probe probe = shared.probe();

            probe.every(scheduler, UtcTime.now().plus(Duration.ofMillis(20)), Duration.ofMillis(5), "utc-tick");

            for (int i = 0; i < 5; i++) {
                assertEquals("utc-tick", probe.receive(GENEROUS));
            }
        }
    }

    @Test
    void runnableTasksRunOnTheSystemsDefaultDispatcher() throws Exception {
        try (TimeScheduler scheduler = shared.create()) {
            CompletableFuture<String> thread = new CompletableFuture<>();

            scheduler.scheduleOnce(TaiTime.now(), () -> thread.complete(Thread.currentThread().getName()));

            String name = thread.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(name.contains(shared.systemName()) && name.contains("default-dispatcher"), name);
        }
    }

    // ---- bad input ----

    @Test
    void nullArgumentsAreRejectedByName() {
        try (TimeScheduler scheduler = shared.create()) {
            Probe probe = shared.probe();
            TaiTime at = TaiTime.now();

            assertEquals("target", assertThrows(NullPointerException.class,
                    () -> probe.onceToNullTarget(scheduler, at, "m")).getMessage());
            assertEquals("message", assertThrows(NullPointerException.class,
                    () -> probe.once(scheduler, at, (String) null)).getMessage());
            assertEquals("message", assertThrows(NullPointerException.class,
                    () -> probe.every(scheduler, Duration.ofMillis(1), (String) null)).getMessage());
            assertTrue(assertThrows(NullPointerException.class,
                    () -> probe.once(scheduler, (TaiTime) null, "m")).getMessage().contains("at"));
            assertTrue(assertThrows(NullPointerException.class,
                    () -> probe.every(scheduler, (Duration) null, "m")).getMessage().contains("period"));
            assertEquals("system", assertThrows(NullPointerException.class,
                    shared::createWithNullSystem).getMessage());
            assertEquals("timeSource", assertThrows(NullPointerException.class,
                    () -> shared.create(null)).getMessage());
        }
    }

    @Test
    void aPeriodBelowTheConfiguredMinimumIsRejected() {
        try (TimeScheduler scheduler = startForThisTest("obstime.scheduler.min-period = 2ms").create()) {
            Probe probe = shared.probe();

            assertThrows(IllegalArgumentException.class, () -> probe.every(scheduler, Duration.ofMillis(1), "m"));
        }
    }

    // ---- config read from the actor system ----

    @Test
    void settingsAreReadFromTheActorSystemsConfig() {
        Runtime runtime = startForThisTest("""
                obstime.scheduler {
                  spin-margin = 150us
                  min-period = 500us
                  missed-ticks = catch-up
                  max-catch-up = 2s
                  run-inline = on
                }
                """);
        try (TimeScheduler scheduler = runtime.create()) {
            assertEquals(150_000L, scheduler.settings().spinMarginNanos());
            assertEquals(500_000L, scheduler.settings().minPeriodNanos());
            assertEquals(io.obstime.scheduler.MissedTickPolicy.CATCH_UP, scheduler.settings().missedTickPolicy());
            assertEquals(2_000_000_000L, scheduler.settings().maxCatchUpNanos());
            assertTrue(scheduler.settings().executor().isEmpty(), "run-inline = on: no executor");
            assertEquals("obstime-timer-" + runtime.systemName(), scheduler.settings().timerThreadName());
        }
    }

    @Test
    void runInlineRunsTasksOnTheTimerThread() throws Exception {
        Runtime runtime = startForThisTest("obstime.scheduler.run-inline = on");
        try (TimeScheduler scheduler = runtime.create()) {
            CompletableFuture<String> thread = new CompletableFuture<>();

            scheduler.scheduleOnce(TaiTime.now(), () -> thread.complete(Thread.currentThread().getName()));

            assertEquals("obstime-timer-" + runtime.systemName(),
                    thread.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void tasksRunOnTheConfiguredDispatcher() throws Exception {
        Runtime runtime = startForThisTest("""
                obstime-test-dispatcher {
                  type = Dispatcher
                  executor = thread-pool-executor
                  thread-pool-executor.fixed-pool-size = 1
                }
                obstime.scheduler.dispatcher = obstime-test-dispatcher
                """);
        try (TimeScheduler scheduler = runtime.create()) {
            Probe probe = runtime.probe();
            CompletableFuture<String> thread = new CompletableFuture<>();

            scheduler.scheduleOnce(TaiTime.now(), () -> thread.complete(Thread.currentThread().getName()));
            probe.once(scheduler, TaiTime.now(), "via dispatcher");

            assertTrue(thread.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS).contains("obstime-test-dispatcher"));
            assertEquals("via dispatcher", probe.receive(GENEROUS));
        }
    }

    @Test
    void anUnknownDispatcherFailsNamingTheKeyAndValue() {
        Runtime runtime = startForThisTest("obstime.scheduler.dispatcher = no-such-dispatcher");

        ConfigException.BadValue e = assertThrows(ConfigException.BadValue.class, runtime::create);

        assertTrue(e.getMessage().contains("obstime.scheduler.dispatcher"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-dispatcher"), e.getMessage());
    }

    @Test
    void aBadSettingFailsCreateNamingTheKeyAndValue() {
        Runtime runtime = startForThisTest("obstime.scheduler.missed-ticks = sometimes");

        ConfigException.BadValue e = assertThrows(ConfigException.BadValue.class, runtime::create);

        assertTrue(e.getMessage().contains("obstime.scheduler.missed-ticks"), e.getMessage());
        assertTrue(e.getMessage().contains("sometimes"), e.getMessage());
    }

    // ---- lifetime ----

    @Test
    void shuttingDownTheActorSystemClosesTheScheduler() throws Exception {
        // Inline: the task runs on the timer thread, which outlives the system's dispatchers if it is not stopped, so
        // the run count below can only stay flat because the scheduler closed (a dispatcher task could not run anyway).
        Runtime runtime = start("obstime.scheduler.run-inline = on");
        TimeScheduler scheduler = runtime.create();
        AtomicLong runs = new AtomicLong();
        CompletableFuture<Void> running = new CompletableFuture<>();
        ScheduledTask task = scheduler.schedulePeriodically(Duration.ofMillis(1), () -> {
            if (runs.incrementAndGet() == 10) {
                running.complete(null);
            }
        });
        running.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);

        runtime.shutdown();

        assertTrue(scheduler.isClosed());
        long runsAtShutdown = runs.get();
        long startedAtShutdown = task.runCount();
        Thread.sleep(QUIET.toMillis());
        assertEquals(runsAtShutdown, runs.get(), "nothing runs after the actor system has shut down");
        assertEquals(startedAtShutdown, task.runCount(), "the timer starts nothing after the system has shut down");
        assertEquals(ScheduledTask.NO_DEADLINE, task.nextDeadlineTaiNanos());
        assertThrows(IllegalStateException.class, () -> scheduler.scheduleOnce(TaiTime.now(), () -> { }));
        scheduler.close(); // idempotent, also after the system closed it
    }

    @Test
    void getReturnsOneSchedulerPerActorSystemClosedWithIt() throws Exception {
        Runtime runtime = start("");
        Runtime other = startForThisTest("");
        TimeScheduler systemScheduler = runtime.get();
        assertSame(systemScheduler, runtime.get(), "the same scheduler for the same system");
        assertNotSame(systemScheduler, other.get(), "another system has its own");
        try (TimeScheduler created = runtime.create()) {
            assertNotSame(systemScheduler, created, "create makes a new scheduler");
        }
        assertFalse(systemScheduler.isClosed(), "closing a created scheduler leaves the shared one running");
        Probe probe = runtime.probe();
        probe.once(systemScheduler, TaiTime.now(), "shared");
        assertEquals("shared", probe.receive(GENEROUS));
        assertEquals("system", assertThrows(NullPointerException.class, runtime::getWithNullSystem).getMessage());

        runtime.shutdown();

        assertTrue(systemScheduler.isClosed(), "closed with its system");
    }

    @Test
    void coordinatedShutdownClosesTheSchedulerEvenIfTheSystemIsNotTerminated() {
        Runtime runtime = startForThisTest(runtimeConfigPrefix() + ".coordinated-shutdown {\n"
                + "  terminate-actor-system = off\n  run-by-actor-system-terminate = off\n}");
        TimeScheduler scheduler = runtime.create();

        runtime.runCoordinatedShutdown();

        assertTrue(scheduler.isClosed(), "closed by its coordinated-shutdown task");
    }

    @Test
    void terminationClosesTheSchedulerWhenTerminateDoesNotRunCoordinatedShutdown() {
        Runtime runtime = start(runtimeConfigPrefix() + ".coordinated-shutdown.run-by-actor-system-terminate = off");
        TimeScheduler scheduler = runtime.create();

        runtime.shutdown();

        assertTrue(scheduler.isClosed(), "closed when the system terminated");
    }

    @Test
    void closeIsIdempotentAndStopsDeliveries() {
        Runtime runtime = startForThisTest("");
        TimeScheduler scheduler = runtime.create();
        Probe probe = runtime.probe();
        probe.every(scheduler, Duration.ofMillis(5), "tick");
        assertEquals("tick", probe.receive(GENEROUS));

        scheduler.close();
        scheduler.close();

        assertTrue(scheduler.isClosed());
        drain(probe);
        probe.expectNoMessage(QUIET);
        assertThrows(IllegalStateException.class, () -> probe.once(scheduler, TaiTime.now(), "late"));
    }

    @Test
    void aSchedulerCannotBeCreatedForATerminatedSystem() {
        Runtime runtime = start("");
        runtime.shutdown();

        IllegalStateException e = assertThrows(IllegalStateException.class, runtime::create);

        assertTrue(e.getMessage().contains(runtime.systemName()), e.getMessage());
    }

    /** Takes the messages told before close returned (they are in the mailbox already; none is told after). */
    private static void drain(Probe probe) {
        try {
            for (int i = 0; i < 100; i++) {
                probe.receive(Duration.ofMillis(100));
            }
        } catch (AssertionError noMore) {
            return;
        }
        throw new AssertionError("messages still arriving after close");
    }

    // ---- simulated time: deterministic ----

    private static final UtcTime SIM_START = UtcTime.ofEpochNanos(1_800_000_000_000_000_000L);

    @Test
    void onSimulatedTimeAMessageIsDeliveredAtExactlyItsTaiInstant() {
        Runtime runtime = startForThisTest("obstime.scheduler.run-inline = on");
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(SIM_START);
        try (TimeScheduler scheduler = runtime.create(clock)) {
            Probe probe = runtime.probe();
            TaiTime at = TaiTime.now(clock).plus(Duration.ofMillis(250));
            long[] clockAtRun = {0};
            probe.once(scheduler, at, "exactly");
            scheduler.scheduleOnce(at, () -> clockAtRun[0] = clock.taiNanos());

            clock.advance(Duration.ofMillis(250).minusNanos(1));
            probe.expectNoMessage(QUIET);

            clock.advance(Duration.ofNanos(1));
            assertEquals("exactly", probe.receive(GENEROUS));
            assertEquals(at.epochNanos(), clockAtRun[0], "ran with the simulated clock reading its deadline");
        }
    }

    @Test
    void onSimulatedTimeAUtcInstantIsConvertedWithTheLeapSecondTable() {
        Runtime runtime = startForThisTest("obstime.scheduler.run-inline = on");
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(SIM_START);
        try (TimeScheduler scheduler = runtime.create(clock)) {
            Probe probe = runtime.probe();
            UtcTime at = SIM_START.plus(Duration.ofSeconds(2));
            long[] utcAtRun = {0};
            probe.once(scheduler, at, "utc");
            scheduler.scheduleOnce(at, () -> utcAtRun[0] = clock.utcNanos());

            clock.advance(Duration.ofSeconds(2).minusNanos(1));
            probe.expectNoMessage(QUIET);
            clock.advance(Duration.ofNanos(1));

            assertEquals("utc", probe.receive(GENEROUS));
            assertEquals(at.epochNanos(), utcAtRun[0]);
        }
    }

    @Test
    void onSimulatedTimeAMessageForMidnightUtcAfterAnInsertedLeapSecondArrivesOneTaiSecondLater() {
        Runtime runtime = startForThisTest("obstime.scheduler.run-inline = on");
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse("2027-12-31T23:59:58Z")));
        clock.insertLeapSecond(LocalDate.parse("2027-12-31"));
        try (TimeScheduler scheduler = runtime.create(clock)) {
            Probe probe = runtime.probe();
            long[] taiAtRun = {0};
            long taiAtStart = clock.taiNanos();
            UtcTime midnight = UtcTime.of(Instant.parse("2028-01-01T00:00:00Z"));
            probe.once(scheduler, midnight, "happy new year");
            scheduler.scheduleOnce(midnight, () -> taiAtRun[0] = clock.taiNanos());

            clock.advance(Duration.ofSeconds(3).minusNanos(1)); // 23:59:58, :59, :60 (the leap second)
            probe.expectNoMessage(QUIET);
            clock.advance(Duration.ofNanos(1));

            assertEquals("happy new year", probe.receive(GENEROUS));
            assertEquals(taiAtStart + 3_000_000_000L, taiAtRun[0], "three TAI seconds: 58, 59 and the leap second");
            assertEquals(midnight.epochNanos(), clock.utcNanos());
        }
    }

    @Test
    void onSimulatedTimeA100msTaskOver500msDeliversSixMessagesTheFirstAtStart() {
        Runtime runtime = startForThisTest("obstime.scheduler.run-inline = on");
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(SIM_START);
        try (TimeScheduler scheduler = runtime.create(clock)) {
            Probe probe = runtime.probe();
            TaiTime start = TaiTime.now(clock).plus(Duration.ofMillis(100));
            List<Long> runsAt = new ArrayList<>();
            ScheduledTask task = probe.every(scheduler, start, Duration.ofMillis(100), "tick");
            scheduler.schedulePeriodically(start, Duration.ofMillis(100), () -> runsAt.add(clock.taiNanos()));

            clock.advance(Duration.ofMillis(100));
            assertEquals("tick", probe.receive(GENEROUS), "the first tick is at start");
            clock.advance(Duration.ofMillis(500));

            for (int i = 1; i < 6; i++) {
                assertEquals("tick", probe.receive(GENEROUS));
            }
            probe.expectNoMessage(QUIET);
            assertEquals(6, task.runCount());
            assertEquals(6, runsAt.size());
            for (int k = 0; k < 6; k++) {
                assertEquals(start.epochNanos() + k * 100_000_000L, runsAt.get(k));
            }
        }
    }

    @Test
    void onSimulatedTimeACancelledTaskDeliversNothingMore() {
        Runtime runtime = startForThisTest("obstime.scheduler.run-inline = on");
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(SIM_START);
        try (TimeScheduler scheduler = runtime.create(clock)) {
            Probe probe = runtime.probe();
            ScheduledTask task = probe.every(scheduler, TaiTime.now(clock), Duration.ofMillis(1), "tick");
            clock.advance(Duration.ZERO);
            assertEquals("tick", probe.receive(GENEROUS));

            assertTrue(task.cancel());
            clock.advance(Duration.ofSeconds(1));

            probe.expectNoMessage(QUIET);
            assertEquals(1, task.runCount());
        }
    }

    // ---- messages made from the slot's TAI deadline (TickMessage) ----

    /** The message a test's TickMessage makes: the slot's TAI deadline as text, read back by {@link #slot}. */
    private static String slotMessage(long taiDeadlineNanos) {
        return "slot " + taiDeadlineNanos;
    }

    private static long slot(String message) {
        assertTrue(message.startsWith("slot "), message);
        return Long.parseLong(message.substring("slot ".length()));
    }

    @Test
    void onSimulatedTimeEachTickMessageCarriesItsSlotsTaiDeadline() {
        Runtime runtime = startForThisTest("");
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(SIM_START);
        try (TimeScheduler scheduler = runtime.create(clock)) {
            Probe probe = runtime.probe();
            TaiTime start = TaiTime.now(clock).plus(Duration.ofNanos(1_234_567));
            ScheduledTask task = probe.every(scheduler, start, Duration.ofMillis(1), ActorFaceContract::slotMessage);

            clock.advance(Duration.ofMillis(11)); // slots start + 0 .. 9 ms (start + 10 ms is beyond)

            for (int k = 0; k < 10; k++) {
                assertEquals(start.epochNanos() + k * 1_000_000L, slot(probe.receive(GENEROUS)), "slot " + k);
            }
            probe.expectNoMessage(QUIET);
            assertEquals(10, task.runCount());
        }
    }

    @Test
    void onSimulatedTimeALateTickCarriesTheLatestPassedSlotAndTheOthersAreCountedSkipped() {
        Runtime runtime = startForThisTest("");
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(SIM_START);
        try (TimeScheduler scheduler = runtime.create(clock)) {
            Probe probe = runtime.probe();
            TaiTime start = TaiTime.now(clock);
            ScheduledTask task = probe.every(scheduler, start, Duration.ofMillis(1), ActorFaceContract::slotMessage);
            clock.advance(Duration.ZERO);
            assertEquals(start.epochNanos(), slot(probe.receive(GENEROUS)));

            clock.step(Duration.ofMillis(5).plusNanos(500)); // slots 1..5 stepped over, as by a clock step forward

            assertEquals(start.epochNanos() + 5_000_000L, slot(probe.receive(GENEROUS)), "the latest passed slot");
            probe.expectNoMessage(QUIET);
            assertEquals(4, task.skippedTicks());
        }
    }

    @Test
    void onSimulatedTimeOnceOnlyAndUtcAndNowAnchoredFormsGiveTheirTaiDeadline() {
        Runtime runtime = startForThisTest("");
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(SIM_START);
        try (TimeScheduler scheduler = runtime.create(clock)) {
            Probe probe = runtime.probe();
            TaiTime now = TaiTime.now(clock);
            long offsetNanos = clock.taiOffset() * 1_000_000_000L;

            probe.once(scheduler, now.plus(Duration.ofMillis(3)), ActorFaceContract::slotMessage);
            clock.advance(Duration.ofMillis(10)); // delivered at +3 ms
            assertEquals(now.epochNanos() + 3_000_000L, slot(probe.receive(GENEROUS)), "once at a TAI instant");

            UtcTime utcAt = UtcTime.now(clock).plus(Duration.ofMillis(2));
            probe.once(scheduler, utcAt, ActorFaceContract::slotMessage);
            clock.advance(Duration.ofMillis(10));
            assertEquals(utcAt.epochNanos() + offsetNanos, slot(probe.receive(GENEROUS)), "once at a UTC instant");

            ScheduledTask utcEvery = probe.every(scheduler, utcAt.plus(Duration.ofMillis(20)), Duration.ofMillis(4),
                    ActorFaceContract::slotMessage);
            clock.advance(Duration.ofMillis(30)); // the UTC start is 12 ms ahead: slots +0, +4, +8, +12, +16 ms
            for (int k = 0; k < 5; k++) {
                assertEquals(utcAt.epochNanos() + offsetNanos + 20_000_000L + k * 4_000_000L,
                        slot(probe.receive(GENEROUS)), "from a UTC start, slot " + k);
            }
            utcEvery.cancel();

            long takenInAt = clock.taiNanos();
            ScheduledTask nowAnchored = probe.every(scheduler, Duration.ofMillis(2), ActorFaceContract::slotMessage);
            clock.advance(Duration.ofMillis(5)); // slots at take-in, +2, +4 ms
            for (int k = 0; k < 3; k++) {
                assertEquals(takenInAt + k * 2_000_000L, slot(probe.receive(GENEROUS)), "anchored now, slot " + k);
            }
            nowAnchored.cancel();
            probe.expectNoMessage(QUIET);
        }
    }

    @Test
    void aTickMessageThatThrowsOrReturnsNullIsATaskFailureAndTheScheduleGoesOn() {
        Runtime runtime = startForThisTest("");
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(SIM_START);
        try (TimeScheduler scheduler = runtime.create(clock)) {
            Probe probe = runtime.probe();
            TaiTime start = TaiTime.now(clock);
            long badSlot = start.epochNanos() + 1_000_000L;
            long nullSlot = start.epochNanos() + 3_000_000L;
            ScheduledTask task = probe.every(scheduler, start, Duration.ofMillis(1), deadline -> {
                if (deadline == badSlot) {
                    throw new IllegalStateException("factory failed on purpose");
                }
                return deadline == nullSlot ? null : slotMessage(deadline);
            });

            advanceExpectingTaskFailures(clock, Duration.ofMillis(4).plusNanos(500)); // slots 0..4

            assertEquals(start.epochNanos(), slot(probe.receive(GENEROUS)));
            assertEquals(start.epochNanos() + 2_000_000L, slot(probe.receive(GENEROUS)));
            assertEquals(start.epochNanos() + 4_000_000L, slot(probe.receive(GENEROUS)));
            probe.expectNoMessage(QUIET);
            assertEquals(5, task.runCount());
            assertEquals(2, task.failureCount(), "the throw and the null");
            assertFalse(task.isCancelled(), "under on-task-failure = continue the ticks go on");
        }
    }

    @Test
    void underOnTaskFailureCancelAFailingTickMessageCancelsItsTask() {
        Runtime runtime = startForThisTest("obstime.scheduler.on-task-failure = cancel");
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(SIM_START);
        try (TimeScheduler scheduler = runtime.create(clock)) {
            Probe probe = runtime.probe();
            ScheduledTask task = probe.every(scheduler, TaiTime.now(clock), Duration.ofMillis(1), deadline -> null);

            advanceExpectingTaskFailures(clock, Duration.ofMillis(10));

            assertTrue(task.isCancelled());
            assertEquals(1, task.failureCount());
            probe.expectNoMessage(QUIET);
        }
    }

    /**
     * Advances {@code clock}, inside which message factories of the test fail on purpose: on simulated time the first
     * failure is rethrown once every due tick has been delivered ({@code simulated-task-failures = rethrow}).
     */
    private static void advanceExpectingTaskFailures(SimulatedTimeSource clock, Duration duration) {
        long target = clock.taiNanos() + duration.toNanos();
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> clock.advance(duration));
        assertTrue(thrown instanceof IllegalStateException || thrown instanceof NullPointerException,
                thrown.toString());
        assertEquals(target, clock.taiNanos(), "every due tick was handled before the failure was rethrown");
    }

    @Test
    void withSimulatedTaskFailuresLogAFailingTickMessageIsOnlyCounted() {
        Runtime runtime = startForThisTest("obstime.scheduler.simulated-task-failures = log");
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(SIM_START);
        try (TimeScheduler scheduler = runtime.create(clock)) {
            Probe probe = runtime.probe();
            ScheduledTask task = probe.every(scheduler, TaiTime.now(clock), Duration.ofMillis(1), deadline -> null);

            clock.advance(Duration.ofMillis(2));

            assertEquals(3, task.failureCount());
            probe.expectNoMessage(QUIET);
        }
    }

    @Test
    void deliversTickMessagesOnTheRealClockNeverBeforeTheirDeadline() {
        try (TimeScheduler scheduler = shared.create()) {
            Probe probe = shared.probe();
            TaiTime start = TaiTime.now().plus(Duration.ofMillis(20));

            ScheduledTask task = probe.every(scheduler, start, Duration.ofMillis(5), ActorFaceContract::slotMessage);

            long previous = Long.MIN_VALUE;
            for (int i = 0; i < 10; i++) {
                String message = probe.receive(GENEROUS);
                long receivedAtTaiNanos = scheduler.timeSource().taiNanos();
                long deadline = slot(message);
                assertTrue(deadline >= start.epochNanos() && (deadline - start.epochNanos()) % 5_000_000L == 0,
                        message + " is a slot start + k * 5 ms");
                assertTrue(deadline > previous, "slots increase");
                assertTrue(receivedAtTaiNanos >= deadline, "received before its deadline: " + message);
                previous = deadline;
            }
            assertTrue(task.cancel());
        }
    }

    @Test
    void tickMessageOverloadsRejectNullsByName() {
        try (TimeScheduler scheduler = shared.create()) {
            Probe probe = shared.probe();
            TaiTime at = TaiTime.now();
            NullPointerException target = assertThrows(NullPointerException.class,
                    () -> probe.onceEachToNullTarget(scheduler, at, ActorFaceContract::slotMessage));
            assertEquals("target", target.getMessage());
            NullPointerException message = assertThrows(NullPointerException.class,
                    () -> probe.once(scheduler, at, (TickMessage<String>) null));
            assertEquals("message", message.getMessage());
        }
    }
}
