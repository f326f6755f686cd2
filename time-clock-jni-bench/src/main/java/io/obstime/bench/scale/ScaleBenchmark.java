package io.obstime.bench.scale;

import io.obstime.bench.jitter.ScaleJitter;
import io.obstime.bench.report.BenchLogging;
import io.obstime.bench.report.Json;
import io.obstime.bench.report.MachineInfo;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The scale benchmarks of obstime's scheduler against Netty's {@code HashedWheelTimer}, the JDK's
 * {@code ScheduledThreadPoolExecutor} and Akka's classic scheduler ({@link ScaleTimer} says how each is configured):
 * <ol>
 *   <li>schedule + cancel throughput, 1 and 8 threads (JMH, {@link ScheduleCancelBenchmark}, with {@code -prof gc});</li>
 *   <li>heap retained per pending task and the time to close with 200 000 pending (heap in use after a full GC
 *       before and after scheduling them, in this JVM, one timer at a time; median of the repeats);</li>
 *   <li>lateness p50/p99/p99.9 and timer-thread CPU with 1, 10, 100 and 1000 periodic 1 kHz tasks on one timer,
 *       staggered and all on the same instant ({@link ScaleJitter}), in rounds whose order is shuffled from a logged
 *       seed; the median across rounds is reported and plotted against the number of tasks.</li>
 * </ol>
 *
 * <pre>java -cp benchmarks.jar io.obstime.bench.scale.ScaleBenchmark quick|full [--out DIR] [--only jmh|footprint|jitter]
 *      [--rounds N] [--seed N]</pre>
 *
 * Exit status 1 when a part could not run, never because of a figure.
 */
public final class ScaleBenchmark {

    static final int PENDING = 200_000;
    static final int[] TASK_COUNTS = {1, 10, 100, 1000};
    private static final long PERIOD_NANOS = 1_000_000;

    private record Mode(String name, int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
            TimeValue measurementTime, int footprintRepeats, double jitterWarmupSeconds, double jitterSeconds,
            int rounds) {
    }

    private static final Mode QUICK = new Mode("quick", 1, 1, TimeValue.milliseconds(300), 3,
            TimeValue.milliseconds(300), 1, 0.3, 0.5, 1);
    private static final Mode FULL = new Mode("full", 2, 3, TimeValue.seconds(1), 5, TimeValue.seconds(1), 3, 2, 5, 3);

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.configure();
        Mode mode = null;
        Path out = null;
        String only = null;
        Integer rounds = null;
        long seed = System.nanoTime();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "quick" -> mode = QUICK;
                case "full" -> mode = FULL;
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--only" -> only = value(args, ++i, "--only");
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, "--rounds"));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: "
                        + "ScaleBenchmark quick|full [--out DIR] [--only jmh|footprint|jitter] [--rounds N] [--seed N]");
            }
        }
        if (mode == null) {
            throw new IllegalArgumentException("usage: ScaleBenchmark quick|full [--out DIR] "
                    + "[--only jmh|footprint|jitter] [--rounds N] [--seed N]");
        }
        if (only != null && !List.of("jmh", "footprint", "jitter").contains(only)) {
            throw new IllegalArgumentException("--only must be jmh, footprint or jitter, was '" + only + "'");
        }
        if (rounds != null) {
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be >= 1, was " + rounds);
            }
            mode = new Mode(mode.name(), mode.forks(), mode.warmupIterations(), mode.warmupTime(),
                    mode.measurementIterations(), mode.measurementTime(), mode.footprintRepeats(),
                    mode.jitterWarmupSeconds(), mode.jitterSeconds(), rounds);
        }
        Path dir = out != null ? out
                : Path.of("target", "bench-results", "scale-" + mode.name() + "-jdk" + Runtime.version().feature());
        Files.createDirectories(dir);
        PrintStream console = System.out;
        console.println("obstime scale benchmarks, " + mode.name() + " pass: " + MachineInfo.oneLine());
        console.println("results: " + dir.toAbsolutePath());
        for (ScaleTimer.Kind k : ScaleTimer.Kind.values()) {
            console.println("  " + k.label() + ": " + describe(k));
        }
        List<String> failures = new ArrayList<>();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "obstime scale: schedule+cancel throughput, pending-task footprint and close time, "
                + "lateness with 1-1000 periodic 1 kHz tasks");
        root.put("date", Instant.now().toString());
        root.put("machine", MachineInfo.describe());
        root.put("mode", mode.name());
        Map<String, Object> timers = new LinkedHashMap<>();
        for (ScaleTimer.Kind k : ScaleTimer.Kind.values()) {
            timers.put(k.label(), describe(k));
        }
        root.put("timers", timers);
        StringBuilder md = new StringBuilder("# Scale benchmarks, ").append(mode.name()).append(" pass\n\nMachine: ")
                .append(MachineInfo.oneLine()).append(".\n\n");
        if (only == null || only.equals("jmh")) {
            throughput(mode, dir, console, failures, root, md);
        }
        if (only == null || only.equals("footprint")) {
            footprint(mode, console, failures, root, md);
        }
        if (only == null || only.equals("jitter")) {
            jitter(mode, seed, dir, console, failures, root, md);
        }
        Files.writeString(dir.resolve("scale-results.json"), Json.write(root));
        Files.writeString(dir.resolve("scale-summary.md"), md.toString());
        console.println("wrote " + dir.resolve("scale-results.json") + " and scale-summary.md");
        if (!failures.isEmpty()) {
            console.println("FAILED (parts that could not run):");
            failures.forEach(f -> console.println("  " + f));
            System.exit(1);
        }
        System.exit(0);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String describe(ScaleTimer.Kind kind) {
        return switch (kind) {
            case OBSTIME -> "TimeScheduler.standalone(TimeSource.system()), shipped defaults (inline, parking, "
                    + "slack 1 ns, SKIP)";
            case NETTY_WHEEL -> "Netty 4.1 HashedWheelTimer(tick 1 ms, 512 buckets); periodic = re-armed per run "
                    + "for its next absolute deadline";
            case JDK_STPE -> "ScheduledThreadPoolExecutor(1) with setRemoveOnCancelPolicy(true); "
                    + "scheduleAtFixedRate";
            case AKKA -> "Akka 2.6.21 classic system.scheduler(), tick 10 ms (default) for schedule/cancel and "
                    + "footprint, 1 ms for 1 kHz tasks; runs on the default dispatcher";
            case OBSTIME_SLACK_50US -> "obstime as shipped but withTimerSlackNanos(50000), the kernel's default slack "
                    + "(lateness part only)";
        };
    }

    private static void throughput(Mode mode, Path dir, PrintStream console, List<String> failures,
            Map<String, Object> root, StringBuilder md) {
        console.println();
        console.println("== Schedule + cancel throughput (JMH, -prof gc): " + mode.forks() + " fork(s), "
                + mode.warmupIterations() + "x" + mode.warmupTime() + " warm-up, " + mode.measurementIterations()
                + "x" + mode.measurementTime() + " measured");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + ScheduleCancelBenchmark.class.getName().replace(".", "\\.") + "\\.")
                .forks(mode.forks())
                .warmupIterations(mode.warmupIterations()).warmupTime(mode.warmupTime())
                .measurementIterations(mode.measurementIterations()).measurementTime(mode.measurementTime())
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON).result(dir.resolve("jmh-scale-results.json").toString())
                .shouldFailOnError(false);
        List<String> forkOptions = new ArrayList<>();
        if (Runtime.version().feature() >= 22) {
            forkOptions.add("--enable-native-access=ALL-UNNAMED");
        }
        if (Runtime.version().feature() >= 23) {
            forkOptions.add("--sun-misc-unsafe-memory-access=allow");
        }
        if (!forkOptions.isEmpty()) {
            options.jvmArgsAppend(forkOptions.toArray(String[]::new));
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (Exception e) {
            failures.add("schedule+cancel JMH could not run: " + e.getMessage());
            console.println("  JMH could not run: " + e.getMessage());
            return;
        }
        Map<String, Map<String, double[]>> table = new LinkedHashMap<>();
        for (RunResult r : results) {
            String timer = r.getParams().getParam("timer");
            String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            double alloc = Double.NaN;
            for (var e : r.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    alloc = e.getValue().getScore();
                }
            }
            table.computeIfAbsent(timer, t -> new LinkedHashMap<>()).put(method, new double[] {
                r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(), alloc});
        }
        md.append("## Schedule + cancel throughput\n\nJMH throughput, operations (one schedule 1 s ahead + its cancel) "
                + "per µs, ± JMH's error; bytes allocated per operation from `-prof gc`.\n\n"
                + "| timer | 1 thread ops/µs | B/op | 8 threads ops/µs | B/op |\n|---|---:|---:|---:|---:|\n");
        console.printf(Locale.ROOT, "  %-12s %18s %8s %18s %8s%n", "timer", "1 thread ops/µs", "B/op",
                "8 threads ops/µs", "B/op");
        Map<String, Object> json = new LinkedHashMap<>();
        for (ScaleTimer.Kind k : ScaleTimer.Kind.values()) {
            if (k.latenessOnly()) {
                continue;
            }
            Map<String, double[]> m = table.getOrDefault(k.label(), Map.of());
            double[] one = m.get("oneThread");
            double[] eight = m.get("eightThreads");
            if (one == null || eight == null) {
                failures.add("schedule+cancel " + k.label() + ": JMH produced no result (see its output above)");
            }
            String[] cells = {cell(one, 0), cell(one, 2), cell(eight, 0), cell(eight, 2)};
            console.printf(Locale.ROOT, "  %-12s %18s %8s %18s %8s%n", k.label(), cells[0], cells[1], cells[2],
                    cells[3]);
            md.append("| ").append(k.label()).append(" | ").append(String.join(" | ", cells)).append(" |\n");
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("oneThreadOpsPerMicro", one == null ? null : one[0]);
            t.put("oneThreadError", one == null ? null : one[1]);
            t.put("oneThreadAllocBytesPerOp", one == null ? null : one[2]);
            t.put("eightThreadsOpsPerMicro", eight == null ? null : eight[0]);
            t.put("eightThreadsError", eight == null ? null : eight[1]);
            t.put("eightThreadsAllocBytesPerOp", eight == null ? null : eight[2]);
            json.put(k.label(), t);
        }
        md.append('\n');
        root.put("scheduleCancel", json);
    }

    private static String cell(double[] v, int index) {
        if (v == null) {
            return "n/a";
        }
        if (index == 0) {
            return String.format(Locale.ROOT, "%.3f ± %.3f", v[0], v[1]);
        }
        return Double.isNaN(v[index]) ? "n/a" : String.format(Locale.ROOT, "%.0f", v[index]);
    }

    private static void footprint(Mode mode, PrintStream console, List<String> failures, Map<String, Object> root,
            StringBuilder md) {
        console.println();
        console.printf(Locale.ROOT, "== %d pending once-only tasks (1 h ahead): heap retained per task (after a full "
                + "GC), time to close; median of %d%n", PENDING, mode.footprintRepeats());
        console.printf(Locale.ROOT, "  %-12s %14s %14s %16s%n", "timer", "B/pending task", "close ms", "schedule ms");
        md.append("## ").append(PENDING).append(" pending tasks\n\nHeap in use after a full GC with ")
                .append(PENDING).append(" no-op once-only tasks pending 1 h ahead minus before, per task; the time "
                        + "`close()` (STPE: `shutdownNow()` + `awaitTermination`, Netty: `stop()`, Akka: "
                        + "`terminate()` until terminated) takes with them pending; median of ")
                .append(mode.footprintRepeats()).append(".\n\n| timer | B/pending task | close ms | "
                        + "schedule 200 000 ms |\n|---|---:|---:|---:|\n");
        Map<String, Object> json = new LinkedHashMap<>();
        for (ScaleTimer.Kind k : ScaleTimer.Kind.values()) {
            if (k.latenessOnly()) {
                continue;
            }
            List<double[]> repeats = new ArrayList<>();
            try {
                for (int i = 0; i < mode.footprintRepeats(); i++) {
                    repeats.add(footprintOnce(k));
                }
            } catch (Exception e) {
                failures.add("footprint " + k.label() + ": " + e);
                console.println("  " + k.label() + " FAILED: " + e);
                continue;
            }
            double bytes = median(repeats.stream().map(r -> r[0]).toList());
            double closeMillis = median(repeats.stream().map(r -> r[1]).toList());
            double scheduleMillis = median(repeats.stream().map(r -> r[2]).toList());
            console.printf(Locale.ROOT, "  %-12s %14.1f %14.1f %16.1f%n", k.label(), bytes, closeMillis,
                    scheduleMillis);
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", k.label(), bytes, closeMillis,
                    scheduleMillis));
            json.put(k.label(), Map.of("bytesPerPendingTask", bytes, "closeMillis", closeMillis,
                    "scheduleAllMillis", scheduleMillis, "repeats", repeats.size()));
        }
        md.append('\n');
        root.put("pending" + PENDING, json);
    }

    /** @return {bytes per pending task, close ms, schedule-all ms} of one fresh timer */
    private static double[] footprintOnce(ScaleTimer.Kind kind) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ScaleTimer timer = ScaleTimer.open(kind, false);
        boolean closed = false;
        try {
            for (int i = 0; i < 10_000; i++) { // the code paths once (classes, JIT), nothing left pending
                timer.scheduleAndCancel(TimeUnit.HOURS.toNanos(1));
            }
            Thread.sleep(200);
            long before = heapAfterFullGc(memory);
            long t0 = System.nanoTime();
            for (int i = 0; i < PENDING; i++) {
                timer.schedulePending(TimeUnit.HOURS.toNanos(1) + i);
            }
            long scheduleNanos = System.nanoTime() - t0;
            Thread.sleep(200); // the timer thread takes them in
            long after = heapAfterFullGc(memory);
            long c0 = System.nanoTime();
            timer.close();
            closed = true;
            long closeNanos = System.nanoTime() - c0;
            return new double[] {(double) (after - before) / PENDING, closeNanos / 1e6, scheduleNanos / 1e6};
        } finally {
            if (!closed) {
                timer.close();
            }
        }
    }

    private static long heapAfterFullGc(MemoryMXBean memory) throws InterruptedException {
        System.gc();
        Thread.sleep(50);
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double median(List<Double> values) {
        List<Double> v = values.stream().sorted().toList();
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private record Config(ScaleTimer.Kind kind, int tasks, boolean aligned) {
        String label() {
            return kind.label() + " " + tasks + (aligned ? " aligned" : " staggered");
        }
    }

    private static void jitter(Mode mode, long seed, Path dir, PrintStream console, List<String> failures,
            Map<String, Object> root, StringBuilder md) throws Exception {
        long warmupTicks = Math.round(mode.jitterWarmupSeconds() * 1e9 / PERIOD_NANOS);
        long measuredTicks = Math.round(mode.jitterSeconds() * 1e9 / PERIOD_NANOS);
        List<Config> configs = new ArrayList<>();
        for (ScaleTimer.Kind k : ScaleTimer.Kind.values()) {
            for (int n : TASK_COUNTS) {
                configs.add(new Config(k, n, false));
                configs.add(new Config(k, n, true));
            }
        }
        console.println();
        console.printf(Locale.ROOT, "== Lateness with N periodic 1 kHz tasks on one timer: %s s warm-up + %s s "
                + "measured per run, %d configurations, %d round(s), order shuffled each round (seed %d)%n",
                mode.jitterWarmupSeconds(), mode.jitterSeconds(), configs.size(), mode.rounds(), seed);
        Map<Config, List<ScaleJitter.Result>> results = new LinkedHashMap<>();
        configs.forEach(c -> results.put(c, new ArrayList<>()));
        Random shuffle = new Random(seed);
        console.printf(Locale.ROOT, "  %5s %-28s %9s %9s %9s %9s %8s %7s %7s %7s%n", "round", "timer, tasks",
                "p50 µs", "p99 µs", "p99.9 µs", "max µs", "missed", "timer%", "total%", "rqwait%");
        for (int round = 1; round <= mode.rounds(); round++) {
            List<Config> order = new ArrayList<>(configs);
            Collections.shuffle(order, shuffle);
            int position = 0;
            for (Config c : order) {
                position++;
                try {
                    ScaleJitter.Result r = ScaleJitter.run(c.kind(), c.tasks(), c.aligned(), PERIOD_NANOS,
                            warmupTicks, measuredTicks);
                    results.get(c).add(r);
                    Histogram h = r.histogram();
                    console.printf(Locale.ROOT, "  %5s %-28s %9s %9s %9s %9s %8d %7s %7s %7s%n",
                            round + "." + position, c.label(), micros(h.getValueAtPercentile(50)),
                            micros(h.getValueAtPercentile(99)), micros(h.getValueAtPercentile(99.9)),
                            micros(h.getMaxValue()), r.missed(), percent(r.timerCpuShare()),
                            percent(r.totalCpuShare()), percent(r.runQueueWaitShare()));
                } catch (Exception | LinkageError e) {
                    failures.add("scale jitter " + c.label() + ": " + e);
                    console.println("  " + round + "." + position + " " + c.label() + " FAILED: " + e);
                    e.printStackTrace(console);
                }
            }
        }
        md.append("## Lateness with N periodic 1 kHz tasks on one timer\n\nLateness of every run of every task "
                + "against its own slot, µs (HdrHistogram, coordinated-omission corrected), median over ")
                .append(mode.rounds()).append(" round(s) (shuffled order, seed ").append(seed).append("); ")
                .append(mode.jitterSeconds()).append(" s measured after ").append(mode.jitterWarmupSeconds())
                .append(" s warm-up; missed = slots without a run of their own (% of all slots); timer CPU = the "
                        + "timer's own thread, total = every thread it started (Akka runs the tasks on its "
                        + "dispatcher), share of one core, median; rq wait = run-queue wait of the thread that ran "
                        + "the first task run (the timer thread; Akka: a dispatcher thread) / wall time, worst round."
                        + "\n\n"
                        + "| timer | tasks | slots | p50 | p99 | p99.9 | max | missed % | timer CPU % | total CPU % "
                        + "| rq wait % |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Object> json = new ArrayList<>();
        Map<String, double[][]> plot = new LinkedHashMap<>();
        for (Config c : configs) {
            List<ScaleJitter.Result> rs = results.get(c);
            if (rs.isEmpty()) {
                continue;
            }
            double p50 = median(rs.stream().map(r -> (double) r.histogram().getValueAtPercentile(50)).toList());
            double p99 = median(rs.stream().map(r -> (double) r.histogram().getValueAtPercentile(99)).toList());
            double p999 = median(rs.stream().map(r -> (double) r.histogram().getValueAtPercentile(99.9)).toList());
            double max = median(rs.stream().map(r -> (double) r.histogram().getMaxValue()).toList());
            double missedShare = median(rs.stream().map(r -> (double) r.missed() / r.deadlines()).toList());
            double timerCpu = median(rs.stream().map(ScaleJitter.Result::timerCpuShare).toList());
            double totalCpu = median(rs.stream().map(ScaleJitter.Result::totalCpuShare).toList());
            double worstWait = rs.stream().mapToDouble(ScaleJitter.Result::runQueueWaitShare)
                    .filter(x -> !Double.isNaN(x)).max().orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %d %s | %d | %s | %s | %s | %s | %.2f | %s | %s | %s |%n",
                    c.kind().label(), c.tasks(), c.aligned() ? "aligned" : "staggered", rs.get(0).deadlines(),
                    micros(Math.round(p50)), micros(Math.round(p99)), micros(Math.round(p999)),
                    micros(Math.round(max)), 100 * missedShare, percent(timerCpu), percent(totalCpu),
                    percent(worstWait)));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timer", c.kind().label());
            m.put("tasks", c.tasks());
            m.put("slots", c.aligned() ? "aligned" : "staggered");
            m.put("rounds", rs.size());
            m.put("p50MicrosMedian", p50 / 1000);
            m.put("p99MicrosMedian", p99 / 1000);
            m.put("p999MicrosMedian", p999 / 1000);
            m.put("maxMicrosMedian", max / 1000);
            m.put("missedShareMedian", missedShare);
            m.put("timerCpuShareMedian", timerCpu);
            m.put("totalCpuShareMedian", totalCpu);
            List<Object> perRound = new ArrayList<>();
            for (ScaleJitter.Result r : rs) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("p50Micros", r.histogram().getValueAtPercentile(50) / 1000.0);
                rm.put("p99Micros", r.histogram().getValueAtPercentile(99) / 1000.0);
                rm.put("p999Micros", r.histogram().getValueAtPercentile(99.9) / 1000.0);
                rm.put("maxMicros", r.histogram().getMaxValue() / 1000.0);
                rm.put("deadlines", r.deadlines());
                rm.put("missed", r.missed());
                rm.put("early", r.early());
                rm.put("timerCpuShare", r.timerCpuShare());
                rm.put("totalCpuShare", r.totalCpuShare());
                rm.put("stealNanos", r.stealNanos() < 0 ? null : r.stealNanos());
                rm.put("runQueueWaitShare", r.runQueueWaitShare());
                perRound.add(rm);
            }
            m.put("perRound", perRound);
            json.add(m);
            String series = c.kind().label() + (c.aligned() ? " aligned" : " staggered");
            double[][] points = plot.computeIfAbsent(series, s -> new double[3][TASK_COUNTS.length]);
            int index = java.util.Arrays.binarySearch(TASK_COUNTS, c.tasks());
            points[0][index] = p50 / 1000;
            points[1][index] = p99 / 1000;
            points[2][index] = p999 / 1000;
        }
        root.put("latenessWithTasks", Map.of("periodNanos", PERIOD_NANOS, "warmupTicks", warmupTicks,
                "measuredTicks", measuredTicks, "rounds", mode.rounds(), "shuffleSeed", seed, "configurations", json));
        Path png = dir.resolve("lateness-vs-tasks.png");
        TasksPlot.write(String.format(Locale.ROOT, "Lateness p99 of N periodic 1 kHz tasks on one timer — %s",
                MachineInfo.shortLine()), TASK_COUNTS, plot, png);
        console.println("  wrote " + png);
        md.append("\n![lateness p99 against the number of tasks](lateness-vs-tasks.png)\n");
    }

    static String micros(long nanos) {
        double us = nanos / 1000.0;
        return us >= 100 ? String.format(Locale.ROOT, "%.0f", us) : String.format(Locale.ROOT, "%.1f", us);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f", 100 * share);
    }
}
