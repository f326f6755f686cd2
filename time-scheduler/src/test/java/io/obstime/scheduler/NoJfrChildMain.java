package io.obstime.scheduler;

import io.obstime.clock.TimeSource;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link NoJfrRuntimeTest} in a child JVM whose runtime has no {@code jdk.jfr}: a 1 kHz task, a failing task
 * and a slow one (every event path), then how many runs each got.
 */
public final class NoJfrChildMain {

    private NoJfrChildMain() {
    }

    /**
     * @param args none
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        boolean jfrVisible = ModuleLayer.boot().findModule("jdk.jfr").isPresent();
        CountDownLatch hundredRuns = new CountDownLatch(100);
        CountDownLatch failures = new CountDownLatch(3);
        try (TimeScheduler scheduler = TimeScheduler.standalone(TimeSource.system())) {
            ScheduledTask tick = scheduler.schedulePeriodically(Duration.ofMillis(1), hundredRuns::countDown);
            scheduler.schedulePeriodically(Duration.ofMillis(2), () -> {
                failures.countDown();
                throw new IllegalStateException("fails on purpose");
            });
            boolean ran = hundredRuns.await(20, TimeUnit.SECONDS);
            boolean failed = failures.await(20, TimeUnit.SECONDS);
            System.out.println("jdk.jfr visible " + jfrVisible + ", 100 runs " + ran + ", failures counted "
                    + failed + ", runCount>=100 " + (tick.runCount() >= 100));
        }
    }
}
