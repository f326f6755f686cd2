package io.obstime.bench;

import io.obstime.bench.clock.ClockReadBenchmarks;
import io.obstime.bench.jitter.JitterBenchmark;
import io.obstime.bench.report.BenchLogging;
import io.obstime.bench.report.MachineInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * The one command: the clock-read JMH benchmarks (average and sample time, with JMH's gc profiler), then the 1 kHz
 * jitter benchmark in interleaved rounds, then a summary. {@code quick}: short forks and iterations, 5 rounds of
 * 0.2 s warm-up + 0.3 s per jitter contender; {@code full}: 5 rounds of 3 s + 10 s. Results go to
 * {@code <out>/<mode>-jdk<N>/}: {@code jmh-results.json} (JMH's own JSON), {@code jitter-results.json},
 * {@code lateness-percentiles.png}, {@code lateness-*.hgrm} and {@code summary.md}.
 *
 * <pre>java [--enable-native-access=ALL-UNNAMED] -cp benchmarks.jar io.obstime.bench.BenchmarkSuite quick|full
 *      [--out DIR] [--only clock|jitter] [--load]</pre>
 *
 * Exits 1 when a benchmark could not run (an error, not a skip), never because of a figure.
 */
public final class BenchmarkSuite {

    private record Mode(String name, int forks, int warmupIterations, TimeValue warmupTime,
            int measurementIterations, TimeValue measurementTime, double jitterSeconds, double jitterWarmupSeconds,
            int jitterRounds, boolean pmQos) {
    }

    // Jitter warm-up: the park path of a 1 kHz task is taken only a thousand times a second, so the JIT needs
    // seconds to compile it; until then interpreted code allocates what compiled code does not (bytes per tick).
    // Jitter rounds: every contender once per round, order shuffled (JitterBenchmark); the JIT's work carries over
    // from round to round, so after the first round a short warm-up is enough.
    private static final Mode QUICK = new Mode("quick", 1, 1, TimeValue.milliseconds(300), 3,
            TimeValue.milliseconds(150), 0.3, 0.2, JitterBenchmark.DEFAULT_ROUNDS, false);
    private static final Mode FULL = new Mode("full", 2, 3, TimeValue.milliseconds(500), 5,
            TimeValue.milliseconds(500), 10, 3, JitterBenchmark.DEFAULT_ROUNDS, true);

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.configure();
        Mode mode = null;
        Path out = Path.of("target", "bench-results");
        String only = null;
        boolean load = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "quick" -> mode = QUICK;
                case "full" -> mode = FULL;
                case "--out" -> out = Path.of(requireValue(args, ++i, "--out"));
                case "--only" -> only = requireValue(args, ++i, "--only");
                case "--load" -> load = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; usage: BenchmarkSuite quick|full [--out DIR] [--only clock|jitter] [--load]");
            }
        }
        if (mode == null) {
            throw new IllegalArgumentException("usage: BenchmarkSuite quick|full [--out DIR] [--only clock|jitter] [--load]");
        }
        if (only != null && !only.equals("clock") && !only.equals("jitter")) {
            throw new IllegalArgumentException("--only must be clock or jitter, was '" + only + "'");
        }
        Path dir = out.resolve(mode.name() + "-jdk" + Runtime.version().feature());
        Files.createDirectories(dir);
        PrintStream console = System.out;
        console.println("obstime benchmarks, " + mode.name() + " pass: " + MachineInfo.oneLine());
        console.println("results: " + dir.toAbsolutePath());

        List<String> failures = new ArrayList<>();
        List<String[]> clockRows = List.of();
        long clockSeconds = -1;
        long jitterSeconds = -1;
        if (!"jitter".equals(only)) {
            long start = System.nanoTime();
            clockRows = runClockReads(mode, dir, console, failures);
            clockSeconds = (System.nanoTime() - start) / 1_000_000_000L;
        }
        List<JitterBenchmark.Outcome> jitter = List.of();
        if (!"clock".equals(only)) {
            long start = System.nanoTime();
            jitter = JitterBenchmark.run(JitterBenchmark.Options.defaults()
                    .withDurations(mode.jitterSeconds(), mode.jitterWarmupSeconds()).withRounds(mode.jitterRounds())
                    .withPmQos(mode.pmQos()).withLoad(load).withOutDir(dir), console);
            jitter.stream().filter(JitterBenchmark.Outcome::failed)
                    .forEach(o -> failures.add("jitter " + o.name() + ": " + o.reason()));
            jitterSeconds = (System.nanoTime() - start) / 1_000_000_000L;
        }
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, markdown(mode, clockRows, jitter));
        console.println();
        if (!clockRows.isEmpty()) {
            console.println("== Clock reads (JMH; ns per read; alloc from -prof gc)");
            printClockTable(console, clockRows);
        }
        console.println("wrote " + summary);
        console.println("time taken: clock reads " + (clockSeconds < 0 ? "not run" : clockSeconds + " s")
                + ", jitter " + (jitterSeconds < 0 ? "not run" : jitterSeconds + " s"));
        if (!failures.isEmpty()) {
            console.println("FAILED (benchmarks that could not run):");
            failures.forEach(f -> console.println("  " + f));
            System.exit(1);
        }
        console.println("done: every benchmark ran (skips, if any, are listed above with their reason)");
        System.exit(0);
    }

    private static String requireValue(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static final String[] CLOCK_HEADER =
            {"route", "avgt ns", "± ns", "sample p50", "p99", "p99.9", "alloc B/op"};

    private static List<String[]> runClockReads(Mode mode, Path dir, PrintStream console, List<String> failures) {
        List<ClockReadBenchmarks.Entry> runnable = new ArrayList<>();
        console.println();
        console.println("== Clock reads: JMH, modes avgt + sample, -prof gc, " + mode.forks() + " fork(s), "
                + mode.warmupIterations() + "x" + mode.warmupTime() + " warm-up, " + mode.measurementIterations()
                + "x" + mode.measurementTime() + " measured");
        for (ClockReadBenchmarks.Entry e : ClockReadBenchmarks.ALL) {
            String reason = e.unavailableReason();
            if (reason == null) {
                runnable.add(e);
            } else {
                console.println("  SKIPPED " + e.route() + ": " + reason);
            }
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(mode.forks())
                .warmupIterations(mode.warmupIterations()).warmupTime(mode.warmupTime())
                .measurementIterations(mode.measurementIterations()).measurementTime(mode.measurementTime())
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON).result(dir.resolve("jmh-results.json").toString())
                .shouldFailOnError(false);
        for (ClockReadBenchmarks.Entry e : runnable) {
            options.include("^" + Pattern.quote(e.benchmarkName()) + "$");
        }
        // The forks inherit this JVM's options; these make sure, whatever this JVM was started with (one call:
        // jvmArgsAppend replaces, it does not add).
        List<String> forkOptions = new ArrayList<>();
        if (Runtime.version().feature() >= 22) {
            forkOptions.add("--enable-native-access=ALL-UNNAMED"); // JNA, JNI, FFM: JDK 24+ warns otherwise
        }
        if (Runtime.version().feature() >= 23) {
            forkOptions.add("--sun-misc-unsafe-memory-access=allow"); // JMH 1.37 uses Unsafe: JDK 24+ warns
        }
        if (!forkOptions.isEmpty()) {
            options.jvmArgsAppend(forkOptions.toArray(String[]::new));
        }
        Collection<RunResult> results;
        boolean jmhRan = true;
        try {
            results = runnable.isEmpty() ? List.of() : new Runner(options.build()).run();
        } catch (RunnerException e) {
            // E.g. another JMH run holds /tmp/jmh.lock: benchmarks must not run side by side.
            console.println("  JMH could not run: " + e.getMessage());
            failures.add("clock reads: JMH could not run: " + e.getMessage());
            results = List.of();
            jmhRan = false;
        }

        Map<String, Map<String, RunResult>> byBenchmark = new LinkedHashMap<>();
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            byBenchmark.computeIfAbsent(p.getBenchmark(), k -> new LinkedHashMap<>()).put(p.getMode().shortLabel(), r);
        }
        List<String[]> rows = new ArrayList<>();
        for (ClockReadBenchmarks.Entry e : ClockReadBenchmarks.ALL) {
            String reason = e.unavailableReason();
            if (reason != null) {
                rows.add(new String[] {e.route(), "skipped: " + reason});
                continue;
            }
            Map<String, RunResult> modes = byBenchmark.getOrDefault(e.benchmarkName(), Map.of());
            RunResult avgt = modes.get("avgt");
            RunResult sample = modes.get("sample");
            if (!jmhRan) {
                rows.add(new String[] {e.route(), "not run: JMH could not run"});
                continue;
            }
            if (avgt == null || sample == null) {
                failures.add("clock read " + e.route() + ": JMH produced no " + (avgt == null ? "avgt" : "sample")
                        + " result (see the JMH output above)");
                rows.add(new String[] {e.route(), "FAILED: no result"});
                continue;
            }
            Statistics s = sample.getPrimaryResult().getStatistics();
            rows.add(new String[] {e.route(), num(avgt.getPrimaryResult().getScore()),
                    num(avgt.getPrimaryResult().getScoreError()), num(s.getPercentile(50)), num(s.getPercentile(99)),
                    num(s.getPercentile(99.9)), num(allocNorm(avgt))});
        }
        return rows;
    }

    private static double allocNorm(RunResult r) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return e.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static void printClockTable(PrintStream out, List<String[]> rows) {
        out.printf(Locale.ROOT, "  %-44s %10s %8s %11s %8s %8s %11s%n", (Object[]) CLOCK_HEADER);
        for (String[] r : rows) {
            if (r.length == 2) {
                out.printf(Locale.ROOT, "  %-44s %s%n", r[0], r[1]);
            } else {
                out.printf(Locale.ROOT, "  %-44s %10s %8s %11s %8s %8s %11s%n", (Object[]) r);
            }
        }
    }

    private static String markdown(Mode mode, List<String[]> clockRows, List<JitterBenchmark.Outcome> jitter) {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(MachineInfo.oneLine()).append("; ").append(mode.name()).append(" pass.\n\n");
        if (!clockRows.isEmpty()) {
            md.append("| ").append(String.join(" | ", CLOCK_HEADER)).append(" |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (String[] r : clockRows) {
                if (r.length == 2) {
                    md.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | | | | | |\n");
                } else {
                    md.append("| ").append(String.join(" | ", r)).append(" |\n");
                }
            }
            md.append('\n');
        }
        if (!jitter.isEmpty()) {
            md.append("| contender | p50 µs | p99 µs | p99.9 µs | max µs | missed | timer CPU % | timer B/tick "
                    + "| steal ms | rq wait ms |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (JitterBenchmark.Outcome o : jitter) {
                md.append("| ").append(o.name()).append(" | ");
                if (!o.ran()) {
                    md.append(o.status()).append(": ").append(o.reason()).append(" | | | | | | | | |\n");
                } else {
                    md.append(String.join(" | ", JitterBenchmark.cells(o))).append(" |\n");
                }
            }
            md.append("\nLateness of each 1 ms tick against its absolute deadline (HdrHistogram, coordinated-omission "
                    + "corrected), median over ").append(mode.jitterRounds()).append(" interleaved rounds [min-max]; ")
                    .append(mode.jitterSeconds()).append(" s measured after ").append(mode.jitterWarmupSeconds())
                    .append(" s warm-up per contender and round; steal and rq wait: the worst round. Per-round "
                    + "figures, the shuffle seed and each round's order: jitter-results.json.");
            if (mode.jitterWarmupSeconds() * mode.jitterRounds() < JitterBenchmark.STEADY_STATE_WARMUP_SECONDS) {
                md.append(' ').append(JitterBenchmark.WARMUP_NOTE);
            }
            md.append('\n');
        }
        return md.toString();
    }
}
