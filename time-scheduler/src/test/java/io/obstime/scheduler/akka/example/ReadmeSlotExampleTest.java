package io.obstime.scheduler.akka.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.akka.AkkaTimeScheduler;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Runs the README's Java example of ticks that carry their slot ({@link SlotController}, copied into the README). */
class ReadmeSlotExampleTest {

    private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.parseString(
            "obstime.scheduler.run-inline = on"));

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @Test
    void onSimulatedTimeEachStepKnowsItsSlotAndHowLateItRuns() {
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(UtcTime.ofEpochNanos(1_800_000_000_000_000_000L));
        TestProbe<SlotController.Step> steps = testKit.createTestProbe();
        ActorRef<SlotController.Command> controller = testKit.spawn(SlotController.create(clock, steps.ref()));
        try (AkkaTimeScheduler scheduler = AkkaTimeScheduler.create(testKit.system(), clock)) {
            TaiTime start = TaiTime.now(clock).plus(Duration.ofMillis(1));
            ScheduledTask ticks = SlotController.tickAt1kHz(scheduler, controller, start);

            clock.advance(Duration.ofMillis(1)); // slot 0, handled while the clock stays there
            assertEquals(new SlotController.Step(start, 0), steps.receiveMessage(Duration.ofSeconds(10)));

            clock.step(Duration.ofNanos(5_300_000)); // stepped over slots 1 to 5: slot 5 runs 0.3 ms late
            assertEquals(new SlotController.Step(start.plus(Duration.ofMillis(5)), 300_000),
                    steps.receiveMessage(Duration.ofSeconds(10)));
            assertEquals(4, ticks.skippedTicks());
        }
    }

    @Test
    void onTheRealClockStepsComeInSlotOrderNeverBeforeTheirSlot() {
        TestProbe<SlotController.Step> steps = testKit.createTestProbe();
        ActorRef<SlotController.Command> controller =
                testKit.spawn(SlotController.create(TimeSource.system(), steps.ref()));
        AkkaTimeScheduler scheduler = AkkaTimeScheduler.get(testKit.system());
        TaiTime start = TaiTime.now().plus(Duration.ofMillis(50));
        ScheduledTask ticks = SlotController.tickAt1kHz(scheduler, controller, start);

        TaiTime previous = null;
        for (int i = 0; i < 100; i++) {
            SlotController.Step step = steps.receiveMessage(Duration.ofSeconds(10));
            assertTrue(step.lateNanos() >= 0, step + " ran before its slot");
            assertEquals(0, (step.slot().epochNanos() - start.epochNanos()) % 1_000_000, step + " is on the 1 ms grid");
            assertTrue(previous == null || step.slot().compareTo(previous) > 0, "slots increase");
            previous = step.slot();
        }
        assertTrue(ticks.cancel());
    }
}
