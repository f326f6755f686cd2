package io.obstime.scheduler.akka.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.obstime.clock.TaiTime;
import io.obstime.clock.UtcTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's Java example of TAI timers inside an actor ({@link ExposureLoop}) on the real clock, and checks
 * that the README shows the Java and Scala examples exactly as the build compiles them.
 */
class ReadmeTimersJavaExampleTest {

    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @Test
    void theLoopTicksOnTaiSlotsUntilTheExposureEndsAtItsUtcInstant() {
        TestProbe<Long> seconds = testKit.createTestProbe();
        TestProbe<String> events = testKit.createTestProbe();
        TaiTime start = TaiTime.ofEpochNanos((TaiTime.now().epochNanos() / 1_000_000 + 100) * 1_000_000); // whole ms

        ActorRef<ExposureLoop.Command> loop = testKit.spawn(ExposureLoop.create(start, seconds.ref(), events.ref()));

        // A slot at a whole TAI second (under the default missed-tick policy a late run stands for a later slot, so
        // on a loaded machine the first whole second may come as a skipped tick: any whole second will do).
        long second = seconds.receiveMessage(Duration.ofSeconds(20));
        assertEquals(0, second % 1_000_000_000L);
        assertTrue(second >= start.epochNanos(), "a slot of this loop");
        loop.tell(new ExposureLoop.EndExposureAt(UtcTime.now().plus(Duration.ofMillis(50))));
        assertEquals("exposure ended", events.receiveMessage(Duration.ofSeconds(20)));
        seconds.expectNoMessage(Duration.ofMillis(1500)); // a whole TAI second passed: the loop is cancelled
    }

    @Test
    void theReadmeShowsBothExamplesVerbatim() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String example : new String[] {
                "src/test/java/io/obstime/scheduler/akka/example/ExposureLoop.java",
                "src/test/scala/io/obstime/scheduler/pekko/example/ExposureLoop.scala"}) {
            String code = Files.readString(Path.of(example)).strip();
            assertTrue(readme.contains(code), "README.md does not show " + example + " as it is");
        }
    }
}
