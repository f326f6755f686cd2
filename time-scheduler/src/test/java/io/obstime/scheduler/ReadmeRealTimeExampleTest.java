package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the README's "Real-time priority" example, whose lines (all of them, in order) are in this test. */
class ReadmeRealTimeExampleTest {

    /** The README's {@code controlLoop}: counts its steps. */
    private static final class ControlLoop {
        final CountDownLatch steps = new CountDownLatch(50);

        void step() {
            steps.countDown();
        }
    }

    private final ControlLoop controlLoop = new ControlLoop();

    @Test
    void theExampleRunsAtFifoOnCpu1AndRecordsLateness() throws Exception {
        TimeSchedulerSettings settings = TimeSchedulerSettings.defaults()
                .withTimerThreadPolicy(TimerThreadPolicy.FIFO, 80) // SCHED_FIFO, priority 80: the timer thread only
                .withTimerThreadCpus(1)                            // and pinned to CPU 1
                .withLatenessRecordingUpToNanos(1_000_000_000L);   // each task's lateness, up to 1 s
        try (TimeScheduler scheduler = TimeScheduler.standalone(TimeSource.system(), settings)) {
            TimerThreadScheduling got = scheduler.timerThreadScheduling().orElseThrow();
            // TimerThreadScheduling[tid=18052, SCHED_FIFO, priority=80, cpus=[1]], read back from the kernel
            ScheduledTask loop = scheduler.schedulePeriodically(Duration.ofMillis(1), controlLoop::step);
            // ... later, from any thread:
            assertTrue(controlLoop.steps.await(30, TimeUnit.SECONDS));
            LatenessSnapshot late = loop.lateness().orElseThrow();
            // LatenessSnapshot[count=29912, p50=71 µs, p90=104 µs, p99=417 µs, p99.9=892 µs, max=991 µs, skippedTicks=91]
            assertTrue(late.count() >= 50, late.toString());
            if (RealTimeTimerThreadTest.permitted()) {
                assertEquals("SCHED_FIFO", got.policy(), got.toString());
                assertEquals(80, got.priority());
                assertEquals(new TreeSet<>(List.of(1)), got.cpus());
            } else {
                assertTrue(got.problems().stream().anyMatch(p -> p.contains("ulimit -r")), got.toString());
            }
        }
    }

    @Test
    void everyLineOfTheReadmeExampleIsInThisTestInOrder() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("../README.md"));
        int heading = readme.indexOf("### Real-time priority");
        assertTrue(heading >= 0, "README has the section");
        int open = readme.subList(heading, readme.size()).indexOf("```java") + heading;
        int close = readme.subList(open + 1, readme.size()).indexOf("```") + open + 1;
        List<String> example = readme.subList(open + 1, close).stream().map(String::trim)
                .filter(l -> !l.isEmpty()).collect(Collectors.toList());
        List<String> test = Files.readAllLines(
                Path.of("src/test/java/io/obstime/scheduler/ReadmeRealTimeExampleTest.java")).stream()
                .map(String::trim).collect(Collectors.toList());
        int at = 0;
        for (String line : example) {
            int found = test.subList(at, test.size()).indexOf(line);
            assertTrue(found >= 0, "README line not in the test (in order): " + line);
            at += found + 1;
        }
        assertTrue(example.size() > 10, example.toString());
    }
}
