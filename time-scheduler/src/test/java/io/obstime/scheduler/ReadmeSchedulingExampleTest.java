package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.UtcTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs the README's lines on names and on task failures in tests (the body of {@link #readmeLines}, copied). */
class ReadmeSchedulingExampleTest {

    /** A stand-in for the user's code under test: out of its limits from the 500th step on. */
    private static final class Mount {
        private int steps;

        void step() {
            steps++;
        }

        boolean withinLimits() {
            return steps < 500;
        }
    }

    @Test
    void anAssertionFailingInsideATaskFailsTheTestThatAdvancedTheClock() {
        Mount mount = new Mount();

        AssertionError failure = assertThrows(AssertionError.class, () -> readmeLines(mount));

        assertEquals(1000, mount.steps, "slots 0 to 999 ms all ran before advance threw (failures 500 to 1000)");
        assertTrue(failure.getMessage().startsWith("mount out of limits"), failure.getMessage());
        assertEquals(100, failure.getSuppressed().length - 1, "the later failures, the rest counted in the last");
        assertTrue(failure.getSuppressed()[100].getMessage().startsWith("400 more task failures"),
                failure.getSuppressed()[100].getMessage());
    }

    private static void readmeLines(Mount mount) {
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(UtcTime.parse("2027-01-01T00:00:00Z UTC"));
        try (TimeScheduler scheduler = TimeScheduler.standalone(clock)) {
            scheduler.schedulePeriodically(Duration.ofMillis(1), NamedTask.of("mount-loop", () -> {
                mount.step();
                assertTrue(mount.withinLimits(), "mount out of limits"); // fails inside the task...
            }));
            clock.advance(Duration.ofMillis(999)); // ...so this throws that AssertionError, once the 999 ms have run
        }
    }
}
