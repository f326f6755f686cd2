package io.obstime.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * A {@link ClockMonitor}'s checks as Micrometer meters, named after node_exporter's timex collector and
 * chrony_exporter's so that existing Prometheus and Grafana rules read them. Add it with
 * {@link ClockMonitor.Builder#onEveryCheck}: {@code .onEveryCheck(MicrometerClockMetrics.of(registry))}. Micrometer is
 * an optional dependency of obstime: this is the only class that needs it.
 *
 * <p>The meters, as Prometheus names them (seconds as base unit; NaN where there is no value):
 * <ul>
 *   <li>{@code obstime_clock_offset_seconds{reference}}: system clock minus the reference, as measured; NaN when it
 *       measured no offset (a bound such as the kernel's, or no answer);</li>
 *   <li>{@code obstime_clock_uncertainty_seconds{reference}}: that offset's uncertainty, or the bound vouched for;</li>
 *   <li>{@code obstime_clock_reference_up{reference}}: 1 when the reference answered, 0 when not;</li>
 *   <li>{@code obstime_clock_best_offset_seconds}, {@code obstime_clock_best_uncertainty_seconds}: the estimate the
 *       verdict rests on;</li>
 *   <li>{@code obstime_clock_verdict}: 0 OK, 1 DEGRADED, 2 ALERT, 3 UNKNOWN (the command-line check's exit codes);</li>
 *   <li>{@code obstime_clock_sync_status}: 1 when the kernel is synchronised (as {@code node_timex_sync_status});</li>
 *   <li>{@code obstime_clock_maxerror_seconds}, {@code obstime_clock_estimated_error_seconds}: the kernel's bounds
 *       (as {@code node_timex_maxerror_seconds}, {@code node_timex_estimated_error_seconds});</li>
 *   <li>{@code obstime_clock_tai_offset_seconds}: the kernel's TAI − UTC, 0 when unset (as
 *       {@code node_timex_tai_offset_seconds});</li>
 *   <li>{@code obstime_clock_leap_table_tai_offset_seconds}: TAI − UTC by the leap-second table;</li>
 *   <li>{@code obstime_clock_leap_table_expiry_seconds}: seconds from the check until the table expires (negative
 *       once expired);</li>
 *   <li>{@code obstime_clock_checks_total}: checks made.</li>
 * </ul>
 * Before the first check every gauge reads NaN. Thread-safe: checks write one volatile snapshot, scrapes read it.
 */
public final class MicrometerClockMetrics implements ClockHealthListener {

    private static final String PREFIX = "obstime.clock.";
    private static final double NANOS_PER_SECOND = 1e9;

    private final MeterRegistry registry;
    private final Counter checks;
    private final Map<String, ReferenceReading> byReference = new ConcurrentHashMap<>();
    private volatile ClockHealth latest;

    private MicrometerClockMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.checks = Counter.builder(PREFIX + "checks").description("Clock checks made").register(registry);
        gauge("best.offset", "seconds", "Best estimate of system clock minus true time",
                h -> h.best().isPresent() ? h.offsetNanos() / NANOS_PER_SECOND : Double.NaN);
        gauge("best.uncertainty", "seconds", "Uncertainty of the best estimate",
                h -> h.uncertaintyNanos() < 0 ? Double.NaN : h.uncertaintyNanos() / NANOS_PER_SECOND);
        gauge("verdict", null, "0 OK, 1 DEGRADED, 2 ALERT, 3 UNKNOWN", h -> h.verdict().exitCode());
        gauge("sync.status", null, "1 when the kernel is synchronised", h -> h.kernel().synchronised() ? 1 : 0);
        gauge("maxerror", "seconds", "The kernel's maximum error (adjtimex maxerror)",
                h -> micros(h.kernel().maxErrorMicros()));
        gauge("estimated.error", "seconds", "The kernel's estimated error (adjtimex esterror)",
                h -> micros(h.kernel().estimatedErrorMicros()));
        gauge("tai.offset", "seconds", "The kernel's TAI - UTC (adjtimex tai), 0 when unset",
                h -> h.kernel().kernelTaiOffset() < 0 ? Double.NaN : h.kernel().kernelTaiOffset());
        gauge("leap.table.tai.offset", "seconds", "TAI - UTC by the leap-second table", ClockHealth::leapTableTaiOffset);
        gauge("leap.table.expiry", "seconds", "Seconds from the check until the leap-second table expires",
                h -> h.leapTableExpires().getEpochSecond() - h.checkedAt().toUtc().toInstant().getEpochSecond());
    }

    /**
     * @param registry where to register the meters
     * @return the listener to add with {@link ClockMonitor.Builder#onEveryCheck}
     */
    @SuppressWarnings("exports") // Micrometer is an optional, automatic module: whoever calls this has it
    public static MicrometerClockMetrics of(MeterRegistry registry) {
        return new MicrometerClockMetrics(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void onHealth(ClockHealth health) {
        latest = health;
        for (ReferenceReading reading : health.readings()) {
            if (byReference.put(reading.reference(), reading) == null) {
                register(reading.reference());
            }
        }
        checks.increment();
    }

    private void register(String reference) {
        Gauge.builder(PREFIX + "offset", this, m -> m.referenceValue(reference,
                        r -> r.offsetMeasured() ? r.offsetNanos() / NANOS_PER_SECOND : Double.NaN))
                .description("System clock minus the reference, as measured").baseUnit("seconds")
                .tag("reference", reference).strongReference(true).register(registry);
        Gauge.builder(PREFIX + "uncertainty", this, m -> m.referenceValue(reference,
                        r -> r.answered() ? r.uncertaintyNanos() / NANOS_PER_SECOND : Double.NaN))
                .description("Uncertainty of the reference's offset, or the bound it vouches for").baseUnit("seconds")
                .tag("reference", reference).strongReference(true).register(registry);
        Gauge.builder(PREFIX + "reference.up", this, m -> m.referenceValue(reference, r -> r.answered() ? 1 : 0))
                .description("1 when the reference answered").tag("reference", reference).strongReference(true)
                .register(registry);
    }

    private double referenceValue(String reference, ToDoubleFunction<ReferenceReading> value) {
        ReferenceReading r = byReference.get(reference);
        return r == null ? Double.NaN : value.applyAsDouble(r);
    }

    private void gauge(String name, String unit, String description, ToDoubleFunction<ClockHealth> value) {
        Gauge.Builder<MicrometerClockMetrics> b = Gauge.builder(PREFIX + name, this, m -> {
            ClockHealth h = m.latest;
            return h == null ? Double.NaN : value.applyAsDouble(h);
        }).description(description).strongReference(true);
        if (unit != null) {
            b.baseUnit(unit);
        }
        b.register(registry);
    }

    private static double micros(long micros) {
        return micros < 0 ? Double.NaN : micros / 1e6;
    }
}
