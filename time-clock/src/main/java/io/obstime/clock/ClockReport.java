package io.obstime.clock;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * Prints what obstime reads on this machine: UTC, TAI, TAI − UTC, the clock's status, the backend and the
 * leap-second table. The jar's main class: {@code java -jar time-clock/target/time-clock.jar}.
 */
public final class ClockReport {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private ClockReport() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        print(TimeSource.system(), System.out);
    }

    /**
     * Writes the report.
     *
     * @param source the time source to describe
     * @param out    where to write
     */
    static void print(TimeSource source, PrintStream out) {
        ClockStatus status = source.status();
        long utcNanos = source.utcNanos();
        long taiNanos = source.taiNanos();
        int offset = source.taiOffset();
        LeapSecondTable table = source.leapSeconds();
        Instant expires = table.expires();
        boolean expired = table.isExpiredAt(Instant.ofEpochSecond(Math.floorDiv(utcNanos, NANOS_PER_SECOND)));

        out.println("obstime clock report (" + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ")");
        row(out, "UTC", UtcTime.ofEpochNanos(utcNanos) + "   (" + utcNanos + " ns since 1970-01-01T00:00:00Z)");
        row(out, "TAI", TaiTime.ofEpochNanos(taiNanos) + "    (" + taiNanos + " ns since 1970-01-01T00:00:00 TAI)");
        row(out, "TAI - UTC", offset + " s" + (status.taiSource() == TaiSource.KERNEL ? " (kernel)" : ""));
        row(out, "TAI source", status.taiSource() + describeSource(status,
                table.taiMinusUtcAtUtcNanos(utcNanos) == status.kernelTaiOffset()));
        String backend = status.backend().toString();
        if (source instanceof SystemTimeSource) {
            SystemTimeSource system = (SystemTimeSource) source;
            backend = system.selection() + " [" + system.kernelDescription() + "]";
        }
        row(out, "backend", backend);
        row(out, "synchronised", status.synchronised() ? "yes" : "no");
        row(out, "max error", micros(status.maxErrorMicros()));
        row(out, "est. error", micros(status.estimatedErrorMicros()));
        row(out, "leap state", status.leapState().toString());
        row(out, "kernel TAI offset", status.kernelTaiOffset() < 0 ? "unknown" : status.kernelTaiOffset() + " s");
        row(out, "leap table", table.sourceName());
        row(out, "table expires", expires + (expired ? "  (EXPIRED: update tzdata or -Dobstime.leapSecondsFile)"
                : "  (valid)"));
    }

    private static String describeSource(ClockStatus status, boolean kernelAgrees) {
        switch (status.taiSource()) {
            case KERNEL: return kernelAgrees ? "  (CLOCK_TAI: the kernel's offset agrees with the table)"
                    : "  (CLOCK_TAI: the kernel's offset is one second off the table: leap second in progress, or "
                    + "the table has expired)";
            case LEAP_SECOND_TABLE:
                return status.backend() == ClockBackend.FALLBACK ? "  (UTC + table: no kernel access)"
                        : "  (UTC + table: the kernel's TAI offset is unset or wrong)";
            default: return "";
        }
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf(Locale.ROOT, "  %-18s %s%n", name, value);
    }

    private static String micros(long micros) {
        return micros < 0 ? "unknown" : String.format(Locale.ROOT, "%,d µs", micros);
    }
}
