package io.obstime.scheduler;

import io.obstime.clock.TimeSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Run by {@link RealTimeTimerThreadTest} in a child JVM without permission: two FIFO schedulers, what they got. */
public final class RealTimeChildMain {

    private RealTimeChildMain() {
    }

    /**
     * @param args none
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        TimeSchedulerSettings settings = TimeSchedulerSettings.defaults()
                .withTimerThreadPolicy(TimerThreadPolicy.FIFO, 10);
        for (int i = 0; i < 2; i++) {
            try (TimeScheduler scheduler = TimeScheduler.standalone(TimeSource.system(), settings)) {
                CountDownLatch ran = new CountDownLatch(1);
                scheduler.scheduleOnceAtTaiNanos(0, ran::countDown);
                TimerThreadScheduling got = scheduler.timerThreadScheduling().orElseThrow();
                System.out.println("got " + got.policy() + " priority " + got.priority() + " problems "
                        + got.problems().size() + " ran " + ran.await(10, TimeUnit.SECONDS));
            }
        }
    }
}
