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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The 1 kHz jitter benchmark (a plain main, not JMH): runs a periodic task on each contender, one at a time, in
 * interleaved rounds (every contender once per round, in an order shuffled each round from a logged seed), and
 * measures how late each run starts against its absolute deadline, into an HdrHistogram corrected for coordinated
 * omission. Reports per contender the median and the spread (min-max) of each percentile across rounds, and per
 * round the machine's steal time and the measured thread's run-queue wait ({@link ProcSched}), so that a round the
 * host or other work stalled is visible as such. Prints a row per round as it goes, then the summary; writes
 * {@code jitter-results.json}, one {@code lateness-<contender>.hgrm} per contender (all rounds merged; HdrHistogram's
 * percentile distribution, µs) and {@code lateness-percentiles.png}.
 *
 * <pre>
 * java -cp benchmarks.jar io.obstime.bench.jitter.JitterBenchmark [--seconds 10] [--warmup-seconds 5]
 *      [--rounds 5] [--seed N] [--period-us 1000] [--contenders REGEX] [--pmqos] [--load] [--out DIR]
 * </pre>
 *
 * Exit status 1 when a contender could not run (an exception), never because of a figure; a contender that cannot
 * run on this machine (cyclictest not installed) is skipped with a message.
 */
public final class JitterBenchmark {

    /**
     * @param measuredSeconds seconds measured per contender and round
     * @param warmupSeconds seconds run before measuring (not recorded), per contender and round
     * @param periodNanos the task's period
     * @param contenders regular expression on contender names (find)
     * @param pmQos also run cyclictest holding its PM QoS request
     * @param load run a busy thread for the whole benchmark (a load on another core)
     * @param outDir where the files go
     * @param rounds interleaved rounds (every contender once per round)
     * @param seed seed of the per-round shuffles (logged, so an order can be replayed)
     */
    public record Options(double measuredSeconds, double warmupSeconds, long periodNanos, Pattern contenders,
            boolean pmQos, boolean load, Path outDir, int rounds, long seed) {

        public Options {
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
            }
        }

        public static Options defaults() {
            return new Options(10, 5, 1_000_000, Pattern.compile(".*"), false, false,
                    Path.of("target", "bench-results"), DEFAULT_ROUNDS, System.nanoTime());
        }

        public Options withDurations(double measured, double warmup) {
            return new Options(measured, warmup, periodNanos, contenders, pmQos, load, outDir, rounds, seed);
        }

        public Options withPeriodNanos(long value) {
            return new Options(measuredSeconds, warmupSeconds, value, contenders, pmQos, load, outDir, rounds, seed);
        }

        public Options withPmQos(boolean value) {
            return new Options(measuredSeconds, warmupSeconds, periodNanos, contenders, value, load, outDir, rounds,
                    seed);
        }

        public Options withLoad(boolean value) {
            return new Options(measuredSeconds, warmupSeconds, periodNanos, contenders, pmQos, value, outDir, rounds,
                    seed);
        }

        public Options withContenders(Pattern value) {
            return new Options(measuredSeconds, warmupSeconds, periodNanos, value, pmQos, load, outDir, rounds, seed);
        }

        public Options withOutDir(Path value) {
            return new Options(measuredSeconds, warmupSeconds, periodNanos, contenders, pmQos, load, value, rounds,
                    seed);
        }

        public Options withRounds(int value) {
            return new Options(measuredSeconds, warmupSeconds, periodNanos, contenders, pmQos, load, outDir, value,
                    seed);
        }

        public Options withSeed(long value) {
            return new Options(measuredSeconds, warmupSeconds, periodNanos, contenders, pmQos, load, outDir, rounds,
                    value);
        }
    }

    /** Interleaved rounds unless told otherwise. */
    public static final int DEFAULT_ROUNDS = 5;

    /**
     * One contender in one round.
     *
     * @param round 1-based round
     * @param position 1-based place in that round's shuffled order
     * @param status "ok", "skipped" or "failed"
     * @param reason why skipped or failed, else null
     * @param result what it measured, null unless ok
     * @param stealNanos the machine's steal time while the contender ran (warm-up included, all CPUs); -1 unknown
     */
    public record Round(int round, int position, String status, String reason, ContenderResult result,
            long stealNanos) {
    }

    /**
     * One contender over every round: skipped (in every round, with the reason), failed (in at least one round; the
     * first reason), or ok.
     */
    public record Outcome(String name, String description, String status, String reason, List<Round> rounds) {
        public boolean failed() {
            return status.equals("failed");
        }

        /** @return the rounds that measured something, in round order */
        public List<ContenderResult> results() {
            return rounds.stream().map(Round::result).filter(r -> r != null).toList();
        }

        /** @return whether at least one round measured something */
        public boolean ran() {
            return !results().isEmpty();
        }

        /** @return every measured round's lateness histogram added together (ns) */
        public Histogram merged() {
            Histogram all = new Histogram(LatenessRecorder.HIGHEST_TRACKABLE_NANOS, 3);
            results().forEach(r -> all.add(r.histogram()));
            return all;
        }
    }

    /** Median, min and max of one figure across rounds. */
    public record Spread(double median, double min, double max) {
        static Spread of(List<Double> values) {
            List<Double> v = values.stream().filter(x -> !Double.isNaN(x)).sorted().toList();
            if (v.isEmpty()) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN);
            }
            int n = v.size();
            double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
            return new Spread(median, v.get(0), v.get(n - 1));
        }
    }

    /** @return the spread across {@code o}'s measured rounds of a figure of their results */
    public static Spread spread(Outcome o, ToDoubleFunction<ContenderResult> figure) {
        return Spread.of(o.results().stream().map(figure::applyAsDouble).toList());
    }

    /** @return lateness at {@code percentile} (ns) of a round */
    static double percentileNanos(ContenderResult r, double percentile) {
        return r.histogram().getValueAtPercentile(percentile);
    }

    /**
     * Below this warm-up, summed over the rounds (the JIT's work carries over from round to round), the JIT may not
     * have compiled a 1 kHz task's park path: B/tick is not steady state.
     */
    public static final double STEADY_STATE_WARMUP_SECONDS = 5;
    public static final String WARMUP_NOTE = "B/tick after a warm-up under " + (int) STEADY_STATE_WARMUP_SECONDS
            + " s over all rounds includes code the JIT has not compiled yet (a 1 kHz park path needs seconds): the "
            + "full pass gives the steady-state figure.";

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
                case "--period-us" -> options = options.withPeriodNanos(Math.round(positive(arg, args, ++i) * 1000));
                case "--rounds" -> options = options.withRounds((int) positive(arg, args, ++i));
                case "--seed" -> options = options.withSeed(Long.parseLong(value(arg, args, ++i)));
                case "--contenders" -> options = options.withContenders(Pattern.compile(value(arg, args, ++i)));
                case "--pmqos" -> options = options.withPmQos(true);
                case "--load" -> options = options.withLoad(true);
                case "--out" -> options = options.withOutDir(Path.of(value(arg, args, ++i)));
                case "-h", "--help" -> {
                    System.out.println("usage: JitterBenchmark [--seconds S] [--warmup-seconds S] [--rounds N] "
                            + "[--seed N] [--period-us US] [--contenders REGEX] [--pmqos] [--load] [--out DIR]");
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
        all.add(new CyclictestContender(CyclictestContender.Variant.OTHER));
        all.add(new CyclictestContender(CyclictestContender.Variant.OTHER_SLACK_1NS));
        all.add(new CyclictestContender(CyclictestContender.Variant.FIFO));
        if (options.pmQos()) {
            all.add(new CyclictestContender(CyclictestContender.Variant.PMQOS));
        }
        all.add(new ObstimeContender(0, false));
        all.add(new ObstimeContender(0, false, true));
        all.add(new ObstimeContender(200_000, false));
        all.add(new ObstimeContender(0, true));
        all.add(new ObstimeContender(200_000, true));
        all.add(new ScheduledExecutorContender());
        all.add(new AkkaFixedRateContender(1));
        all.add(new AkkaTimersContender(1));
        all.add(new AkkaFixedRateContender(AkkaContender.DEFAULT_TICK_MILLIS));
        return all;
    }

    /** Runs the selected contenders in interleaved rounds, prints progress and tables to {@code out}, writes files. */
    public static List<Outcome> run(Options options, PrintStream out) throws IOException {
        Files.createDirectories(options.outDir());
        long periodNanos = options.periodNanos();
        Contender.RunSpec spec = new Contender.RunSpec(periodNanos,
                Math.round(options.warmupSeconds() * 1e9 / periodNanos),
                Math.max(1, Math.round(options.measuredSeconds() * 1e9 / periodNanos)));
        List<Contender> selected = contenders(options).stream()
                .filter(c -> options.contenders().matcher(c.name()).find()).toList();
        out.printf(Locale.ROOT, "%n== Jitter: a periodic task every %s µs, %s s warm-up + %s s measured per contender"
                + " and round, %d contenders one at a time, %d interleaved rounds, order shuffled each round "
                + "(seed %d)%s%n", micros(periodNanos), options.warmupSeconds(), options.measuredSeconds(),
                selected.size(), options.rounds(), options.seed(),
                options.load() ? ", with a busy thread as load" : "");
        Map<Contender, List<Round>> rounds = new LinkedHashMap<>();
        List<Contender> runnable = new ArrayList<>();
        for (Contender c : selected) {
            rounds.put(c, new ArrayList<>());
            String skip = c.unavailableReason();
            if (skip != null) {
                out.printf(Locale.ROOT, "  %-30s SKIPPED: %s%n", c.name(), skip);
                for (int r = 1; r <= options.rounds(); r++) {
                    rounds.get(c).add(new Round(r, 0, "skipped", skip, null, -1));
                }
            } else {
                runnable.add(c);
            }
        }
        Thread load = options.load() ? LoadGenerator.start() : null;
        Random shuffle = new Random(options.seed());
        try {
            out.println(roundHeader());
            for (int r = 1; r <= options.rounds(); r++) {
                List<Contender> order = new ArrayList<>(runnable);
                Collections.shuffle(order, shuffle);
                out.printf(Locale.ROOT, "  round %d order: %s%n", r,
                        String.join(", ", order.stream().map(Contender::name).toList()));
                int position = 0;
                for (Contender c : order) {
                    position++;
                    long stealBefore = ProcSched.stealNanos();
                    Round round;
                    try {
                        ContenderResult result = c.run(spec);
                        round = new Round(r, position, "ok", null, result,
                                ProcSched.delta(stealBefore, ProcSched.stealNanos()));
                    } catch (Exception | LinkageError e) {
                        round = new Round(r, position, "failed", e.toString(), null,
                                ProcSched.delta(stealBefore, ProcSched.stealNanos()));
                        e.printStackTrace(out);
                    }
                    rounds.get(c).add(round);
                    out.println(roundRow(c.name(), round));
                    out.flush();
                }
            }
        } finally {
            if (load != null) {
                load.interrupt();
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<Contender, List<Round>> e : rounds.entrySet()) {
            Contender c = e.getKey();
            List<Round> list = e.getValue();
            Round failure = list.stream().filter(x -> x.status().equals("failed")).findFirst().orElse(null);
            Round skip = list.stream().filter(x -> x.status().equals("skipped")).findFirst().orElse(null);
            String status = failure != null ? "failed" : skip != null ? "skipped" : "ok";
            String reason = failure != null ? failure.reason() : skip != null ? skip.reason() : null;
            outcomes.add(new Outcome(c.name(), c.description(), status, reason, List.copyOf(list)));
        }
        out.println();
        out.println("Lateness of each tick against its absolute deadline, µs (HdrHistogram, coordinated-omission "
                + "corrected): median over the rounds [min-max];");
        out.println("missed = deadlines whose period passed without a run of their own (all rounds); CPU = timer "
                + "thread CPU time / wall time (cyclictest: its process), median; B/tick = bytes allocated by the "
                + "timer "
                + "thread per tick (ThreadMXBean), median; steal = the machine's steal time during the contender's "
                + "rounds (max of a round, ms); rq wait = the measured thread's run-queue wait in the window (max of a "
                + "round, ms).");
        if (options.warmupSeconds() * options.rounds() < STEADY_STATE_WARMUP_SECONDS) {
            out.println(WARMUP_NOTE);
        }
        out.println(header());
        for (Outcome o : outcomes) {
            out.println(row(o));
        }
        write(options, spec, outcomes, out);
        return outcomes;
    }

    static String roundHeader() {
        return String.format(Locale.ROOT, "  %5s %-30s %9s %9s %9s %9s %7s %9s %10s", "round", "contender", "p50 µs",
                "p99 µs", "p99.9 µs", "max µs", "missed", "steal ms", "rq wait ms");
    }

    static String roundRow(String name, Round r) {
        String label = r.round() + "." + r.position();
        if (r.result() == null) {
            return String.format(Locale.ROOT, "  %5s %-30s %s: %s", label, name, r.status().toUpperCase(Locale.ROOT),
                    r.reason());
        }
        ContenderResult c = r.result();
        Histogram h = c.histogram();
        return String.format(Locale.ROOT, "  %5s %-30s %9s %9s %9s %9s %7d %9s %10s", label, name,
                micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)),
                micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()), c.missed(), millis(r.stealNanos()),
                millis(c.runQueueWaitNanos()));
    }

    static String header() {
        return String.format(Locale.ROOT, "  %-30s %18s %18s %20s %20s %7s %6s %7s %7s %8s", "contender",
                "p50 µs", "p99 µs", "p99.9 µs", "max µs", "missed", "CPU %", "B/tick", "steal", "rq wait");
    }

    static String row(Outcome o) {
        if (!o.ran()) {
            return String.format(Locale.ROOT, "  %-30s %s: %s", o.name(), o.status().toUpperCase(Locale.ROOT),
                    o.reason());
        }
        String[] cells = cells(o);
        Object[] args = new Object[cells.length + 1];
        args[0] = o.name();
        System.arraycopy(cells, 0, args, 1, cells.length);
        String line = String.format(Locale.ROOT, "  %-30s %18s %18s %20s %20s %7s %6s %7s %7s %8s", args);
        return o.failed() ? line + "  (FAILED in a round: " + o.reason() + ")" : line;
    }

    /**
     * @param o a contender that ran in at least one round
     * @return median [min-max] across rounds of p50, p99, p99.9, max (µs); missed (sum); timer CPU % and B/tick
     *         (medians); steal and run-queue wait (ms, the worst round), as table cells
     */
    public static String[] cells(Outcome o) {
        long missed = o.results().stream().mapToLong(ContenderResult::missed).sum();
        Spread cpu = spread(o, ContenderResult::timerCpuShare);
        Spread bytes = spread(o, r -> r.timerAllocBytesPerTick() < 0 ? Double.NaN : r.timerAllocBytesPerTick());
        long steal = o.rounds().stream().mapToLong(Round::stealNanos).max().orElse(-1);
        long wait = o.results().stream().mapToLong(ContenderResult::runQueueWaitNanos).max().orElse(-1);
        return new String[] {spreadMicros(spread(o, r -> percentileNanos(r, 50))),
            spreadMicros(spread(o, r -> percentileNanos(r, 99))),
            spreadMicros(spread(o, r -> percentileNanos(r, 99.9))),
            spreadMicros(spread(o, r -> r.histogram().getMaxValue())), Long.toString(missed),
            Double.isNaN(cpu.median()) ? "n/a" : String.format(Locale.ROOT, "%.1f", 100 * cpu.median()),
            Double.isNaN(bytes.median()) ? "n/a" : String.format(Locale.ROOT, "%.2f", bytes.median()),
            millis(steal), millis(wait)};
    }

    /** @return "median [min-max]" of nanosecond figures, in µs */
    static String spreadMicros(Spread s) {
        if (Double.isNaN(s.median())) {
            return "n/a";
        }
        return micros(Math.round(s.median())) + " [" + micros(Math.round(s.min())) + "-" + micros(Math.round(s.max()))
                + "]";
    }

    static String millis(long nanos) {
        return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", nanos / 1e6);
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
        root.put("rounds", options.rounds());
        root.put("shuffleSeed", options.seed());
        root.put("load", options.load() ? "one busy thread in the benchmark JVM" : "none");
        if (options.warmupSeconds() * options.rounds() < STEADY_STATE_WARMUP_SECONDS) {
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
                "timerAllocBytesPerTick", "bytes allocated by the timer thread(s) per deadline in the window",
                "stealNanos", "the machine's steal time (/proc/stat, all CPUs) while the contender ran, warm-up "
                        + "included",
                "runQueueWaitNanos", "run-queue wait (/proc/PID/task/TID/schedstat, 2nd field) of the thread named "
                        + "in runQueueWaitOf, over the measured window",
                "spread", "median, min and max of a figure over the rounds"));
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
            if (o.ran()) {
                Map<String, Object> spreads = new LinkedHashMap<>();
                for (double p : new double[] {50, 90, 99, 99.9}) {
                    spreads.put("p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)),
                            spreadJson(spread(o, r -> percentileNanos(r, p))));
                }
                spreads.put("max", spreadJson(spread(o, r -> r.histogram().getMaxValue())));
                m.put("latenessMicrosAcrossRounds", spreads);
                Histogram merged = o.merged();
                m.put("latenessMicrosMerged", latenessJson(merged, Long.MIN_VALUE));
                m.put("histogramNanosBase64Merged", encode(merged));
                plotted.put(o.name(), merged);
                Path hgrm = options.outDir().resolve("lateness-" + o.name() + ".hgrm");
                try (PrintStream ps = new PrintStream(Files.newOutputStream(hgrm), true, StandardCharsets.UTF_8)) {
                    merged.outputPercentileDistribution(ps, 5, 1000.0);
                }
            }
            List<Object> rounds = new ArrayList<>();
            for (Round round : o.rounds()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("round", round.round());
                rm.put("position", round.position());
                rm.put("status", round.status());
                if (round.reason() != null) {
                    rm.put("reason", round.reason());
                }
                rm.put("stealNanos", round.stealNanos() < 0 ? null : round.stealNanos());
                ContenderResult r = round.result();
                if (r != null) {
                    rm.put("clock", r.clock());
                    rm.put("deadlines", r.deadlines());
                    rm.put("served", r.served());
                    rm.put("missed", r.missed());
                    rm.put("early", r.early() < 0 ? null : r.early());
                    rm.put("latenessMicros", latenessJson(r.histogram(), r.minLatenessNanos()));
                    rm.put("runQueueWaitNanos", r.runQueueWaitNanos() < 0 ? null : r.runQueueWaitNanos());
                    rm.put("runQueueWaitOf", r.runQueueWaitOf());
                    rm.put("timerCpuShare", r.timerCpuShare());
                    rm.put("totalCpuShare", r.totalCpuShare());
                    rm.put("timerAllocBytesPerTick", r.timerAllocBytesPerTick() < 0 ? null
                            : r.timerAllocBytesPerTick());
                    rm.put("totalAllocBytesPerTick", r.totalAllocBytesPerTick() < 0 ? null
                            : r.totalAllocBytesPerTick());
                    List<Object> threads = new ArrayList<>();
                    for (ThreadUsage.ThreadWindow t : r.threads()) {
                        Map<String, Object> tm = new LinkedHashMap<>();
                        tm.put("name", t.name());
                        tm.put("timer", t.timer());
                        tm.put("cpuShare", t.cpuShare());
                        tm.put("allocBytesPerTick", (double) t.allocatedBytes() / r.deadlines());
                        threads.add(tm);
                    }
                    rm.put("threads", threads);
                    if (r.note() != null) {
                        rm.put("note", r.note());
                    }
                    rm.put("histogramNanosBase64", encode(r.histogram()));
                }
                rounds.add(rm);
            }
            m.put("rounds", rounds);
            list.add(m);
        }
        root.put("contenders", list);
        Path json = options.outDir().resolve("jitter-results.json");
        Files.writeString(json, Json.write(root));
        out.println("  wrote " + json);
        if (!plotted.isEmpty()) {
            Path png = options.outDir().resolve("lateness-percentiles.png");
            PercentilePlot.write(String.format(Locale.ROOT, "Lateness of a %s µs periodic task, %d rounds merged — %s",
                    micros(spec.periodNanos()), options.rounds(), MachineInfo.shortLine()), plotted, name -> name.startsWith("cyclictest"), png);
            out.println("  wrote " + png + " and lateness-<contender>.hgrm");
        }
    }

    private static Map<String, Object> spreadJson(Spread s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", s.median() / 1000.0);
        m.put("min", s.min() / 1000.0);
        m.put("max", s.max() / 1000.0);
        return m;
    }

    private static Map<String, Object> latenessJson(Histogram h, long minLatenessNanos) {
        Map<String, Object> lateness = new LinkedHashMap<>();
        lateness.put("p50", h.getValueAtPercentile(50) / 1000.0);
        lateness.put("p90", h.getValueAtPercentile(90) / 1000.0);
        lateness.put("p99", h.getValueAtPercentile(99) / 1000.0);
        lateness.put("p99.9", h.getValueAtPercentile(99.9) / 1000.0);
        lateness.put("max", h.getMaxValue() / 1000.0);
        lateness.put("mean", h.getMean() / 1000.0);
        if (minLatenessNanos != Long.MIN_VALUE) {
            lateness.put("min", minLatenessNanos / 1000.0);
        }
        lateness.put("count", h.getTotalCount());
        return lateness;
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
