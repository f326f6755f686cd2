package io.obstime.bench.jitter;

import io.obstime.bench.report.BenchLogging;
import io.obstime.bench.report.Json;
import io.obstime.bench.report.MachineInfo;
import io.obstime.bench.report.PercentilePlot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The 1 kHz jitter benchmark (a plain main, not JMH): runs a periodic task on each contender in turn, one at a time,
 * and measures how late each run starts against its absolute deadline, into an HdrHistogram corrected for coordinated
 * omission. Prints a table as it goes and writes {@code jitter-results.json}, one {@code lateness-<contender>.hgrm}
 * per contender (HdrHistogram's percentile distribution, µs) and {@code lateness-percentiles.png}.
 *
 * <pre>
 * java -cp benchmarks.jar io.obstime.bench.jitter.JitterBenchmark [--seconds 10] [--warmup-seconds 5]
 *      [--period-us 1000] [--contenders REGEX] [--pmqos] [--load] [--out DIR]
 * </pre>
 *
 * Exit status 1 when a contender could not run (an exception), never because of a figure; a contender that cannot
 * run on this machine (cyclictest not installed) is skipped with a message.
 */
public final class JitterBenchmark {

    /**
     * @param measuredSeconds seconds measured per contender
     * @param warmupSeconds seconds run before measuring (not recorded)
     * @param periodNanos the task's period
     * @param contenders regular expression on contender names (find)
     * @param pmQos also run cyclictest holding its PM QoS request (alone, sequentially)
     * @param load run a busy thread for the whole benchmark (a load on another core)
     * @param outDir where the files go
     */
    public record Options(double measuredSeconds, double warmupSeconds, long periodNanos, Pattern contenders,
            boolean pmQos, boolean load, Path outDir) {

        public static Options defaults() {
            return new Options(10, 5, 1_000_000, Pattern.compile(".*"), false, false,
                    Path.of("target", "bench-results"));
        }

        public Options withDurations(double measured, double warmup) {
            return new Options(measured, warmup, periodNanos, contenders, pmQos, load, outDir);
        }

        public Options withPmQos(boolean value) {
            return new Options(measuredSeconds, warmupSeconds, periodNanos, contenders, value, load, outDir);
        }

        public Options withLoad(boolean value) {
            return new Options(measuredSeconds, warmupSeconds, periodNanos, contenders, pmQos, value, outDir);
        }

        public Options withContenders(Pattern value) {
            return new Options(measuredSeconds, warmupSeconds, periodNanos, value, pmQos, load, outDir);
        }

        public Options withOutDir(Path value) {
            return new Options(measuredSeconds, warmupSeconds, periodNanos, contenders, pmQos, load, value);
        }
    }

    /** One contender's outcome: a result, or why it was skipped or failed. */
    public record Outcome(String name, String description, String status, String reason, ContenderResult result) {
        public boolean failed() {
            return status.equals("failed");
        }
    }

    /** Below this warm-up the JIT may not have compiled a 1 kHz task's park path: B/tick is not steady state. */
    public static final double STEADY_STATE_WARMUP_SECONDS = 5;
    public static final String WARMUP_NOTE = "B/tick after a warm-up under " + (int) STEADY_STATE_WARMUP_SECONDS
            + " s includes code the JIT has not compiled yet (a 1 kHz park path needs seconds): the full pass gives "
            + "the steady-state figure.";

    private JitterBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        BenchLogging.configure();
        Options options = Options.defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--seconds" -> options = options.withDurations(positive(arg, args, ++i), options.warmupSeconds());
                case "--warmup-seconds" -> options = options.withDurations(options.measuredSeconds(),
                        nonNegative(arg, args, ++i));
                case "--period-us" -> options = new Options(options.measuredSeconds(), options.warmupSeconds(),
                        Math.round(positive(arg, args, ++i) * 1000), options.contenders(), options.pmQos(),
                        options.load(), options.outDir());
                case "--contenders" -> options = options.withContenders(Pattern.compile(value(arg, args, ++i)));
                case "--pmqos" -> options = options.withPmQos(true);
                case "--load" -> options = options.withLoad(true);
                case "--out" -> options = options.withOutDir(Path.of(value(arg, args, ++i)));
                case "-h", "--help" -> {
                    System.out.println("usage: JitterBenchmark [--seconds S] [--warmup-seconds S] [--period-us US] "
                            + "[--contenders REGEX] [--pmqos] [--load] [--out DIR]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "' (try --help)");
            }
        }
        List<Outcome> outcomes = run(options, System.out);
        System.exit(outcomes.stream().anyMatch(Outcome::failed) ? 1 : 0);
    }

    private static String value(String option, String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static double positive(String option, String[] args, int i) {
        double v = Double.parseDouble(value(option, args, i));
        if (!(v > 0)) {
            throw new IllegalArgumentException(option + " must be > 0, was " + v);
        }
        return v;
    }

    private static double nonNegative(String option, String[] args, int i) {
        double v = Double.parseDouble(value(option, args, i));
        if (!(v >= 0)) {
            throw new IllegalArgumentException(option + " must be >= 0, was " + v);
        }
        return v;
    }

    /** @return every contender, in report order: the floor first */
    static List<Contender> contenders(Options options) {
        List<Contender> all = new ArrayList<>();
        all.add(new CyclictestContender(false));
        if (options.pmQos()) {
            all.add(new CyclictestContender(true));
        }
        all.add(new ObstimeContender(0, false));
        all.add(new ObstimeContender(200_000, false));
        all.add(new ObstimeContender(0, true));
        all.add(new ObstimeContender(200_000, true));
        all.add(new ScheduledExecutorContender());
        all.add(new AkkaFixedRateContender(1));
        all.add(new AkkaTimersContender(1));
        all.add(new AkkaFixedRateContender(AkkaContender.DEFAULT_TICK_MILLIS));
        return all;
    }

    /** Runs the selected contenders, prints progress and a table to {@code out}, writes the files. */
    public static List<Outcome> run(Options options, PrintStream out) throws IOException {
        Files.createDirectories(options.outDir());
        long periodNanos = options.periodNanos();
        Contender.RunSpec spec = new Contender.RunSpec(periodNanos,
                Math.round(options.warmupSeconds() * 1e9 / periodNanos),
                Math.max(1, Math.round(options.measuredSeconds() * 1e9 / periodNanos)));
        List<Contender> selected = contenders(options).stream()
                .filter(c -> options.contenders().matcher(c.name()).find()).toList();
        out.printf(Locale.ROOT, "%n== Jitter: a periodic task every %s µs, %s s warm-up + %s s measured per contender"
                + " (%d contenders, one at a time)%s%n", micros(periodNanos), options.warmupSeconds(),
                options.measuredSeconds(), selected.size(), options.load() ? ", with a busy thread as load" : "");
        Thread load = options.load() ? LoadGenerator.start() : null;
        List<Outcome> outcomes = new ArrayList<>();
        try {
            out.println(header());
            int n = 0;
            for (Contender c : selected) {
                n++;
                String skip = c.unavailableReason();
                Outcome outcome;
                if (skip != null) {
                    outcome = new Outcome(c.name(), c.description(), "skipped", skip, null);
                } else {
                    out.printf(Locale.ROOT, "  [%d/%d] %-30s running ...%n", n, selected.size(), c.name());
                    out.flush();
                    try {
                        outcome = new Outcome(c.name(), c.description(), "ok", null, c.run(spec));
                    } catch (Exception | LinkageError e) {
                        outcome = new Outcome(c.name(), c.description(), "failed", e.toString(), null);
                        e.printStackTrace(out);
                    }
                }
                outcomes.add(outcome);
                out.println(row(outcome));
                out.flush();
            }
        } finally {
            if (load != null) {
                load.interrupt();
            }
        }
        out.println();
        out.println("Lateness of each tick against its absolute deadline, µs (HdrHistogram, coordinated-omission "
                + "corrected); missed = deadlines whose period passed without a run;");
        out.println("CPU = timer thread CPU time / wall time (cyclictest: its process); B/tick = bytes allocated by "
                + "the timer thread per tick (ThreadMXBean).");
        if (options.warmupSeconds() < STEADY_STATE_WARMUP_SECONDS) {
            out.println(WARMUP_NOTE);
        }
        out.println(header());
        for (Outcome o : outcomes) {
            out.println(row(o));
        }
        write(options, spec, outcomes, out);
        return outcomes;
    }

    static String header() {
        return String.format(Locale.ROOT, "  %-30s %9s %9s %9s %9s %9s %8s %7s %8s", "contender", "p50 µs", "p90 µs",
                "p99 µs", "p99.9 µs", "max µs", "missed", "CPU %", "B/tick");
    }

    static String row(Outcome o) {
        if (o.result() == null) {
            return String.format(Locale.ROOT, "  %-30s %s: %s", o.name(), o.status().toUpperCase(Locale.ROOT),
                    o.reason());
        }
        String[] cells = cells(o);
        Object[] args = new Object[cells.length + 1];
        args[0] = o.name();
        System.arraycopy(cells, 0, args, 1, cells.length);
        return String.format(Locale.ROOT, "  %-30s %9s %9s %9s %9s %9s %8s %7s %8s", args);
    }

    /**
     * @param o a contender that ran
     * @return its p50, p90, p99, p99.9, max (µs), missed, timer CPU %, timer bytes per tick, as table cells
     */
    public static String[] cells(Outcome o) {
        ContenderResult r = o.result();
        Histogram h = r.histogram();
        return new String[] {micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(90)),
            micros(h.getValueAtPercentile(99)), micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()),
            Long.toString(r.missed()),
            Double.isNaN(r.timerCpuShare()) ? "n/a" : String.format(Locale.ROOT, "%.1f", 100 * r.timerCpuShare()),
            r.timerAllocBytesPerTick() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", r.timerAllocBytesPerTick())};
    }

    static String micros(long nanos) {
        double us = nanos / 1000.0;
        return us >= 100 ? String.format(Locale.ROOT, "%.0f", us) : String.format(Locale.ROOT, "%.1f", us);
    }

    private static void write(Options options, Contender.RunSpec spec, List<Outcome> outcomes, PrintStream out)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "obstime jitter: lateness of a periodic task against its absolute deadlines");
        root.put("date", Instant.now().toString());
        root.put("machine", MachineInfo.describe());
        root.put("periodNanos", spec.periodNanos());
        root.put("warmupTicks", spec.warmupTicks());
        root.put("measuredTicks", spec.measuredTicks());
        root.put("load", options.load() ? "one busy thread in the benchmark JVM" : "none");
        if (options.warmupSeconds() < STEADY_STATE_WARMUP_SECONDS) {
            root.put("note", WARMUP_NOTE);
        }
        root.put("definitions", Map.of(
                "lateness", "clock read at the start of the first run at or after a deadline - that deadline, µs; "
                        + "histogram "
                        + "corrected for coordinated omission (recordValueWithExpectedInterval, period)",
                "missed", "deadlines whose period elapsed without a run of their own",
                "served", "deadlines served by the first run at or after them",
                "early", "runs before the oldest unserved deadline: serve nothing (catch-up runs after a stall, or "
                        + "a scheduler firing early); the deadline is served by the next run",
                "timerCpuShare", "CPU time of the timer thread(s) / wall time (1.0 = one core)",
                "timerAllocBytesPerTick", "bytes allocated by the timer thread(s) per deadline in the window"));
        List<Object> list = new ArrayList<>();
        Map<String, Histogram> plotted = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", o.name());
            m.put("description", o.description());
            m.put("status", o.status());
            if (o.reason() != null) {
                m.put("reason", o.reason());
            }
            ContenderResult r = o.result();
            if (r != null) {
                Histogram h = r.histogram();
                m.put("clock", r.clock());
                m.put("deadlines", r.deadlines());
                m.put("served", r.served());
                m.put("missed", r.missed());
                m.put("early", r.early() < 0 ? null : r.early());
                Map<String, Object> lateness = new LinkedHashMap<>();
                lateness.put("p50", h.getValueAtPercentile(50) / 1000.0);
                lateness.put("p90", h.getValueAtPercentile(90) / 1000.0);
                lateness.put("p99", h.getValueAtPercentile(99) / 1000.0);
                lateness.put("p99.9", h.getValueAtPercentile(99.9) / 1000.0);
                lateness.put("max", h.getMaxValue() / 1000.0);
                lateness.put("mean", h.getMean() / 1000.0);
                lateness.put("min", r.minLatenessNanos() / 1000.0);
                lateness.put("count", h.getTotalCount());
                m.put("latenessMicros", lateness);
                m.put("timerCpuShare", r.timerCpuShare());
                m.put("totalCpuShare", r.totalCpuShare());
                m.put("timerAllocBytesPerTick", r.timerAllocBytesPerTick() < 0 ? null : r.timerAllocBytesPerTick());
                m.put("totalAllocBytesPerTick", r.totalAllocBytesPerTick() < 0 ? null : r.totalAllocBytesPerTick());
                List<Object> threads = new ArrayList<>();
                for (ThreadUsage.ThreadWindow t : r.threads()) {
                    Map<String, Object> tm = new LinkedHashMap<>();
                    tm.put("name", t.name());
                    tm.put("timer", t.timer());
                    tm.put("cpuShare", t.cpuShare());
                    tm.put("allocBytesPerTick", (double) t.allocatedBytes() / r.deadlines());
                    threads.add(tm);
                }
                m.put("threads", threads);
                if (r.note() != null) {
                    m.put("note", r.note());
                }
                m.put("histogramNanosBase64", encode(h));
                plotted.put(o.name(), h);
                Path hgrm = options.outDir().resolve("lateness-" + o.name() + ".hgrm");
                try (PrintStream ps = new PrintStream(Files.newOutputStream(hgrm), true, StandardCharsets.UTF_8)) {
                    h.outputPercentileDistribution(ps, 5, 1000.0);
                }
            }
            list.add(m);
        }
        root.put("contenders", list);
        Path json = options.outDir().resolve("jitter-results.json");
        Files.writeString(json, Json.write(root));
        out.println("  wrote " + json);
        if (!plotted.isEmpty()) {
            Path png = options.outDir().resolve("lateness-percentiles.png");
            PercentilePlot.write(String.format(Locale.ROOT, "Lateness of a %s µs periodic task — %s",
                    micros(spec.periodNanos()), MachineInfo.shortLine()), plotted, name -> name.startsWith("cyclictest"), png);
            out.println("  wrote " + png + " and lateness-<contender>.hgrm");
        }
    }

    private static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /** A busy thread (the optional load): spins on arithmetic until interrupted. */
    static final class LoadGenerator {
        private LoadGenerator() {
        }

        static Thread start() {
            Thread t = new Thread(() -> {
                long x = 1;
                while (!Thread.currentThread().isInterrupted()) {
                    for (int i = 0; i < 1_000_000; i++) {
                        x = x * 6364136223846793005L + 1442695040888963407L;
                    }
                    if (x == 42) {
                        System.out.print("");
                    }
                }
            }, "bench-load");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }
}
