package io.obstime.monitor;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics as Prometheus scrapes them: the names users' rules read. */
class MicrometerClockMetricsTest {

    @Test
    void theMetricsCarryNodeExporterAndChronyExporterStyleNames() {
        StatusClock clock = new StatusClock("2027-06-08T00:00:00Z").unsynchronised();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ScriptedReference chrony = new ScriptedReference("chrony:127.0.0.1:323",
                ScriptedReference.offset(-1_500_000, 250_000));
        try (ClockMonitor m = ClockMonitor.builder().clock(clock).reference(chrony)
                .onEveryCheck(MicrometerClockMetrics.of(registry)).internals(new RecordingLogger(), System::nanoTime)
                .build()) {
            assertTrue(registry.scrape().contains("obstime_clock_verdict NaN"), "NaN before the first check");
            m.checkNow();
            clock.time.advance(Duration.ofDays(1));
            m.checkNow();
        }
        String text = registry.scrape();
        for (String line : new String[] {
                "obstime_clock_offset_seconds{reference=\"chrony:127.0.0.1:323\"} -0.0015",
                "obstime_clock_offset_seconds{reference=\"kernel\"} NaN",
                "obstime_clock_uncertainty_seconds{reference=\"chrony:127.0.0.1:323\"} 2.5E-4",
                "obstime_clock_reference_up{reference=\"chrony:127.0.0.1:323\"} 1.0",
                "obstime_clock_reference_up{reference=\"kernel\"} 0.0",
                "obstime_clock_best_offset_seconds -0.0015",
                "obstime_clock_best_uncertainty_seconds 2.5E-4",
                "obstime_clock_verdict 1.0", // DEGRADED: the leap table expires on 2027-06-28
                "obstime_clock_sync_status 0.0",
                "obstime_clock_maxerror_seconds 16.0",
                "obstime_clock_estimated_error_seconds 8.0",
                "obstime_clock_tai_offset_seconds 37.0",
                "obstime_clock_leap_table_tai_offset_seconds 37.0",
                "obstime_clock_leap_table_expiry_seconds 1641600.0", // 19 days
                "obstime_clock_checks_total 2.0"}) {
            assertTrue(text.contains(line + "\n"), line + " missing in\n" + text);
        }
    }
}
