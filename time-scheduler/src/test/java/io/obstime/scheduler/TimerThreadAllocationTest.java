package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.TimeSource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The real timer thread at 1 kHz on the system clock: steady-state ticks allocate nothing on that thread. */
class TimerThreadAllocationTest {

    @Test
    void timerThreadAllocatesNothingPerTickInSteadyState() throws Exception {
        assertNoPerTickAllocation(TimeSchedulerSettings.defaults());
    }

    @Test
    void spinningTimerThreadAllocatesNothingPerTickInSteadyState() throws Exception {
        assertNoPerTickAllocation(TimeSchedulerSettings.defaults().withSpinMarginNanos(100_000));
    }

    private static void assertNoPerTickAllocation(TimeSchedulerSettings settings) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (TimeScheduler s = TimeScheduler.standalone(TimeSource.system(), settings)) {
            long timerThreadId = ((StandaloneTimeScheduler) s).timerThread().getId();
            AtomicLong ticks = new AtomicLong();
            long warmUpTicks = 3000;
            long measuredTicks = 2000;
            CountDownLatch warm = new CountDownLatch(1);
            CountDownLatch measured = new CountDownLatch(1);
            long[] allocatedAt = new long[2];
            s.schedulePeriodically(Duration.ofMillis(1), () -> {
                long n = ticks.incrementAndGet();
                if (n == warmUpTicks) {
                    allocatedAt[0] = threads.getThreadAllocatedBytes(timerThreadId);
                    warm.countDown();
                } else if (n == warmUpTicks + measuredTicks) {
                    allocatedAt[1] = threads.getThreadAllocatedBytes(timerThreadId);
                    measured.countDown();
                }
            });
            assertTrue(warm.await(60, TimeUnit.SECONDS), "warm-up ticks");
            assertTrue(measured.await(60, TimeUnit.SECONDS), "measured ticks");
            long allocated = allocatedAt[1] - allocatedAt[0];
            // One 16-byte object per tick would be 32 000 bytes; allow a few stray objects from the JIT/clock layer.
            assertTrue(allocated < 4096, allocated + " bytes over " + measuredTicks + " ticks");
        }
    }
}
