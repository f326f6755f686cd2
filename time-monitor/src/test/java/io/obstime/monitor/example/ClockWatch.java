package io.obstime.monitor.example;

import io.micrometer.core.instrument.MeterRegistry;
import io.obstime.clock.TimeSource;
import io.obstime.monitor.ClockMonitor;
import io.obstime.monitor.ClockReference;
import io.obstime.monitor.MicrometerClockMetrics;
import io.obstime.monitor.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** The README's Java example ("Is the clock right?"), copied verbatim between the markers; run by ReadmeMonitorExampleTest. */
final class ClockWatch {

    private ClockWatch() {
    }

    // README-BEGIN
    private static final Logger log = LoggerFactory.getLogger(ClockWatch.class);

    /** Checks the clock every minute; no exposures while it is in ALERT. */
    static ClockMonitor watch(TimeSource clock, ClockReference chrony, MeterRegistry registry,
                              AtomicBoolean exposuresAllowed) {
        return ClockMonitor.builder()
                .clock(clock)                        // TimeSource.system() if not given
                .reference(chrony)                   // the kernel is always checked too
                .interval(Duration.ofSeconds(60))    // Rubin: at least every 5 minutes
                .threshold(Duration.ofMillis(5))     // Rubin: alert beyond +/- 5 ms
                .onVerdictChange(health -> {
                    exposuresAllowed.set(health.verdict() != Verdict.ALERT);
                    if (health.verdict() == Verdict.ALERT) {
                        log.error("Exposures stopped, the clock is wrong:\n{}", health);
                    }
                })
                .onEveryCheck(MicrometerClockMetrics.of(registry))
                .start();
    }

    /** At start-up: do not begin before the clock is right. */
    static void awaitClock(ClockMonitor monitor) throws InterruptedException {
        if (!monitor.awaitHealthy(Duration.ofMinutes(2))) {
            throw new IllegalStateException("the clock is not right after 2 minutes:\n" + monitor.latest());
        }
    }
    // README-END
}
