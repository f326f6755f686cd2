package io.obstime.scheduler.akka.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import io.obstime.clock.TaiTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.akka.AkkaTimeScheduler;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Runs the README's Java example ({@link Controller}, copied verbatim into the README) for real at 1 kHz. */
class ReadmeJavaExampleTest {

    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @Test
    void aOneKilohertzTaiTaskTicksAJavaDslActor() {
        TestProbe<Long> report = testKit.createTestProbe();
        ActorRef<Controller.Command> controller = testKit.spawn(Controller.create(report.ref()));

        ActorSystem<?> system = testKit.system();

        AkkaTimeScheduler scheduler = AkkaTimeScheduler.get(system);
        ScheduledTask ticks = Controller.tickAt1kHz(scheduler, controller, TaiTime.now().plus(Duration.ofSeconds(1)));

        assertEquals(1000L, report.receiveMessage(Duration.ofSeconds(20)));
        assertEquals(2000L, report.receiveMessage(Duration.ofSeconds(20)));
        assertTrue(ticks.cancel());
        assertTrue(ticks.runCount() + ticks.skippedTicks() >= 2000, "every tick was run or counted as skipped");
    }
}
