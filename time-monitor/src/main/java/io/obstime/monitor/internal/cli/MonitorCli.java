package io.obstime.monitor.internal.cli;

import io.obstime.clock.TimeSource;
import io.obstime.monitor.ClockHealth;
import io.obstime.monitor.ClockMonitor;
import io.obstime.monitor.ClockReference;
import io.obstime.monitor.Verdict;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The command-line check, {@code java -jar time-monitor/target/time-monitor.jar}: checks the system clock once (or
 * every interval with {@code --watch}), prints the report, and exits with the monitoring-plugin convention's code:
 * 0 OK, 1 DEGRADED, 2 ALERT, 3 UNKNOWN; 64 for a usage error (sysexits' EX_USAGE).
 */
public final class MonitorCli {

    /** Exit code for a usage error (EX_USAGE). */
    static final int USAGE = 64;
    static final int NTP_PORT = 123;
    static final int CHRONY_PORT = 323;

    static final String USAGE_TEXT = String.join("\n",
            "Usage: java -jar time-monitor.jar [--ntp host[:port]]... [--chrony host[:port]] [--phc /dev/ptpN]",
            "                                  [--threshold MILLIS] [--timeout SECONDS]",
            "                                  [--watch [--interval SECONDS] [--checks N]]",
            "Checks the system clock against the kernel (always) and the references given; prints the report.",
            "  --ntp host[:port]    an NTP server queried directly (port 123 by default); may repeat",
            "  --chrony host[:port] chronyd's command port, tracking report (port 323 by default)",
            "  --phc /dev/ptpN      a PTP hardware clock compared with the system clock",
            "  --threshold MILLIS   the alert threshold, default 5 (Rubin: +/- 5 ms)",
            "  --timeout SECONDS    how long each reference may take, default 2",
            "  --watch              check every interval until stopped (or --checks N), printing each report",
            "  --interval SECONDS   the interval of --watch, default 60",
            "  --checks N           with --watch: stop after N checks",
            "Exit: 0 OK, 1 DEGRADED, 2 ALERT, 3 UNKNOWN (of the last check), 64 usage error.");

    /** One factory method per option that names a reference. */
    interface References {
        ClockReference ntp(String host, int port);

        ClockReference chrony(String host, int port);

        ClockReference phc(Path device);
    }

    private MonitorCli() {
    }

    /**
     * Runs the check and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // The report says what the monitor's INFO lines would (why the kernel does not vouch): keep stderr for WARNs,
        // unless the operator chose otherwise.
        if (System.getProperty("org.slf4j.simpleLogger.log.io.obstime.monitor") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.obstime.monitor", "warn");
        }
        System.exit(run(args, System.out, System.err, TimeSource::system, CliReferences.INSTANCE));
    }

    /** The whole command line, with everything it touches given: for tests. @return the exit code */
    static int run(String[] args, PrintStream out, PrintStream err, Supplier<TimeSource> clock,
                   References factory) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("time-monitor: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (options.help) {
            out.println(USAGE_TEXT);
            return 0;
        }
        List<ClockReference> references = new ArrayList<>();
        for (Options.Ref ref : options.references) {
            try {
                references.add(switch (ref.kind) {
                    case "--ntp" -> factory.ntp(ref.host, ref.port);
                    case "--chrony" -> factory.chrony(ref.host, ref.port);
                    default -> factory.phc(Path.of(ref.host));
                });
            } catch (RuntimeException e) {
                err.println("time-monitor: " + ref.kind + " " + ref.text + ": " + e.getMessage());
                references.forEach(ClockReference::close);
                return Verdict.UNKNOWN.exitCode();
            }
        }
        ClockMonitor.Builder builder = ClockMonitor.builder().clock(clock.get()).threshold(options.threshold)
                .referenceTimeout(options.timeout).interval(options.interval);
        references.forEach(builder::reference);
        if (!options.watch) {
            try (ClockMonitor monitor = builder.hysteresisChecks(1).build()) {
                ClockHealth health = monitor.checkNow();
                out.print(health);
                out.flush();
                return health.verdict().exitCode();
            }
        }
        CountDownLatch done = new CountDownLatch(options.checks > 0 ? options.checks : Integer.MAX_VALUE);
        AtomicReference<ClockHealth> last = new AtomicReference<>();
        builder.onEveryCheck(h -> {
            if (done.getCount() > 0) {
                out.print(h);
                out.println();
                out.flush();
                last.set(h);
                done.countDown();
            }
        });
        ClockMonitor monitor = builder.start();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            monitor.close();
        }
        ClockHealth h = last.get();
        return h == null ? Verdict.UNKNOWN.exitCode() : h.verdict().exitCode();
    }

    /** The parsed command line; every error an IllegalArgumentException whose message names the option. */
    static final class Options {
        record Ref(String kind, String text, String host, int port) {
        }

        final List<Ref> references = new ArrayList<>();
        Duration threshold = ClockMonitor.DEFAULT_THRESHOLD;
        Duration timeout = ClockMonitor.DEFAULT_REFERENCE_TIMEOUT;
        Duration interval = ClockMonitor.DEFAULT_INTERVAL;
        boolean watch;
        boolean help;
        int checks;

        static Options parse(String[] args) {
            Options o = new Options();
            boolean intervalGiven = false;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--help", "-h" -> o.help = true;
                    case "--watch" -> o.watch = true;
                    case "--ntp" -> o.references.add(hostPort(option, value(args, ++i, option), NTP_PORT));
                    case "--chrony" -> o.references.add(hostPort(option, value(args, ++i, option), CHRONY_PORT));
                    case "--phc" -> {
                        String device = value(args, ++i, option);
                        o.references.add(new Ref(option, device, device, -1));
                    }
                    case "--threshold" -> o.threshold = positive(option, value(args, ++i, option), 1_000_000);
                    case "--timeout" -> o.timeout = positive(option, value(args, ++i, option), 1_000_000_000);
                    case "--interval" -> {
                        o.interval = positive(option, value(args, ++i, option), 1_000_000_000);
                        intervalGiven = true;
                    }
                    case "--checks" -> {
                        String n = value(args, ++i, option);
                        try {
                            o.checks = Integer.parseInt(n);
                        } catch (NumberFormatException e) {
                            o.checks = 0;
                        }
                        if (o.checks < 1) {
                            throw new IllegalArgumentException("--checks needs a positive whole number: " + n);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option: " + option);
                }
            }
            if (!o.watch && (intervalGiven || o.checks > 0)) {
                throw new IllegalArgumentException("--interval and --checks apply only with --watch");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. */
        static Ref hostPort(String option, String text, int defaultPort) {
            String host = text;
            String port = null;
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0 || close + 1 < text.length() && text.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException(option + " needs host[:port] or [ipv6][:port]: " + text);
                }
                host = text.substring(1, close);
                port = close + 1 < text.length() ? text.substring(close + 2) : null;
            } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
                host = text.substring(0, text.indexOf(':'));
                port = text.substring(text.indexOf(':') + 1);
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException(option + " needs a host: " + text);
            }
            int p = defaultPort;
            if (port != null) {
                try {
                    p = Integer.parseInt(port);
                } catch (NumberFormatException e) {
                    p = -1;
                }
                if (p < 1 || p > 65_535) {
                    throw new IllegalArgumentException(option + " port must be 1..65535: " + text);
                }
            }
            return new Ref(option, text, host, p);
        }

        private static Duration positive(String option, String text, long nanosPerUnit) {
            BigDecimal value;
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number: " + text);
            }
            BigDecimal nanos = value.multiply(BigDecimal.valueOf(nanosPerUnit));
            if (nanos.signum() <= 0 || nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException(option + " must be positive: " + text);
            }
            long n = nanos.longValue();
            if (n == 0) {
                throw new IllegalArgumentException(option + " must be at least a nanosecond: " + text);
            }
            return Duration.ofNanos(n);
        }
    }
}
