package io.obstime.scheduler.akka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.obstime.clock.TaiTime;
import io.obstime.scheduler.ScheduledTask;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The README's Java example (between the readme markers, copied verbatim), run for real at 1 kHz. */
class ReadmeJavaExampleTest {

    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    // readme:java:begin
    /** A control loop that runs one step per tick and reports its tick count every 1000 ticks (1 s at 1 kHz). */
    static final class Controller {
        interface Command {}

        enum Tick implements Command { INSTANCE }

        static Behavior<Command> create(ActorRef<Long> report) {
            return Behaviors.setup(context -> {
                long[] ticks = {0};
                return Behaviors.receive(Command.class)
                        .onMessageEquals(Tick.INSTANCE, () -> {
                            ticks[0]++; // ... one step of the control loop ...
                            if (ticks[0] % 1000 == 0) {
                                report.tell(ticks[0]);
                            }
                            return Behaviors.same();
                        })
                        .build();
            });
        }
    }

    /** Ticks the controller at 1 kHz on TAI, from 100 ms from now; the ticks stop when the actor system stops. */
    static ScheduledTask tickAt1kHz(ActorSystem<?> system, ActorRef<Controller.Command> controller) {
        AkkaTimeScheduler scheduler = AkkaTimeScheduler.create(system); // settings: obstime.scheduler in the config
        TaiTime start = TaiTime.now().plus(Duration.ofMillis(100));
        return scheduler.schedulePeriodically(start, Duration.ofMillis(1), controller, Controller.Tick.INSTANCE);
    }
    // readme:java:end

    @Test
    void aOneKilohertzTaiTaskTicksAJavaDslActor() {
        TestProbe<Long> report = testKit.createTestProbe();
        ActorRef<Controller.Command> controller = testKit.spawn(Controller.create(report.ref()));

        ScheduledTask ticks = tickAt1kHz(testKit.system(), controller);

        assertEquals(1000L, report.receiveMessage(Duration.ofSeconds(20)));
        assertEquals(2000L, report.receiveMessage(Duration.ofSeconds(20)));
        assertTrue(ticks.cancel());
        assertTrue(ticks.runCount() + ticks.skippedTicks() >= 2000, "every tick was run or counted as skipped");
    }
}
