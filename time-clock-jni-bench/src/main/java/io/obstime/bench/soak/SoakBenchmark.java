package io.obstime.bench.soak;

import io.obstime.bench.report.BenchLogging;
import io.obstime.bench.report.Json;
import io.obstime.bench.report.MachineInfo;
import io.obstime.clock.TimeSource;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.TimeSchedulerSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The soak: one periodic task (1 kHz by default) on obstime's standalone scheduler with its shipped defaults
 * (inline on the timer thread, parking, missed ticks skipped) for N minutes, with every slot of the window accounted
 * for from its TAI slot index ({@link SlotLedger}), the scheduler's own counters compared with the ledger, drift of
 * the deadlines against the TAI grid, the heap after each GC, and lateness per minute.
 *
 * <pre>java -cp benchmarks.jar io.obstime.bench.soak.SoakBenchmark --minutes N [--period-us 1000] [--out DIR]</pre>
 *
 * Writes {@code soak-results.json} and {@code soak-report.md} to the out directory. Exit status 1 when the accounting
 * does not add up (a lost, doubled or off-grid slot, or counters that disagree): that is a bug, not a figure.
 * Heap flatness and lateness are reported, never judged by the exit status.
 */
public final class SoakBenchmark {

    private static final String TIMER_THREAD_NAME = "soak-obstime-timer";
    private static final long SECOND_NANOS = 1_000_000_000L;
    /** Slot 0 is a whole TAI second at least this far ahead: the scheduler has long taken the task in by then. */
    private static final long START_AHEAD_NANOS = 2 * SECOND_NANOS;

    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.configure();
        double minutes = Double.NaN;
        long periodNanos = 1_000_000;
        Path out = Path.of("target", "bench-results", "soak-jdk" + Runtime.version().feature());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = parsePositive("--minutes", value(args, ++i, "--minutes"));
                case "--period-us" -> periodNanos = Math.round(parsePositive("--period-us",
                        value(args, ++i, "--period-us")) * 1000);
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "-h", "--help" -> {
                    System.out.println("usage: SoakBenchmark --minutes N [--period-us 1000] [--out DIR]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; usage: SoakBenchmark --minutes N [--period-us 1000] [--out DIR]");
            }
        }
        if (Double.isNaN(minutes)) {
            throw new IllegalArgumentException("--minutes N is required (N > 0, fractions allowed)");
        }
        long windowNanos = Math.round(minutes * 60 * SECOND_NANOS);
        if (periodNanos < 1 || 60 * SECOND_NANOS % periodNanos != 0) {
            throw new IllegalArgumentException("--period-us must divide one minute, was " + periodNanos / 1000.0);
        }
        long slots = windowNanos / periodNanos;
        if (slots < 1) {
            throw new IllegalArgumentException("--minutes " + minutes + " is shorter than one period");
        }
        Files.createDirectories(out);
        boolean ok = run(minutes, periodNanos, slots, out, System.out);
        System.exit(ok ? 0 : 1);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static double parsePositive(String option, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was '" + text + "'", e);
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(option + " must be > 0, was " + text);
        }
        return v;
    }

    /** @return whether the accounting added up */
    static boolean run(double minutes, long periodNanos, long slots, Path out, PrintStream console)
            throws Exception {
        console.printf(Locale.ROOT, "== Soak: one task every %d µs on obstime's standalone scheduler (defaults: inline, "
                + "parking, SKIP), %s min = %d slots%n", periodNanos / 1000, minutes, slots);
        console.println("   " + MachineInfo.oneLine());
        TimeSource source = TimeSource.system();
        TimeScheduler scheduler = TimeScheduler.standalone(source,
                TimeSchedulerSettings.defaults().withTimerThreadName(TIMER_THREAD_NAME));
        HeapAfterGc heap = new HeapAfterGc();
        long startTaiNanos = Math.floorDiv(source.taiNanos() + START_AHEAD_NANOS, SECOND_NANOS) * SECOND_NANOS
                + SECOND_NANOS;
        SlotLedger ledger = new SlotLedger(startTaiNanos, periodNanos, slots);
        // A first full GC settles what the first GC notification itself creates (JMX's lazily built objects), so
        // that it is not counted as growth between the start and the end.
        collect(heap, "settle");
        long heapAtStart = collect(heap, "start");
        AtomicReference<ScheduledTask> self = new AtomicReference<>();
        ScheduledTask task = scheduler.schedulePeriodicallyAtTaiNanos(startTaiNanos, periodNanos, () -> {
            long now = source.taiNanos();
            ScheduledTask me = self.get();
            if (ledger.onRun(now, me.nextDeadlineTaiNanos())) {
                me.cancel(); // the window's last slot has been served or passed: no run after this one
            }
        });
        self.set(task);
        long startedWallNanos = System.nanoTime();
        long endTaiNanos = startTaiNanos + slots * periodNanos;
        int minutesTotal = ledger.totals().latenessPerMinute().length;
        int reported = 0;
        while (task.nextDeadlineTaiNanos() != ScheduledTask.NO_DEADLINE) {
            long remaining = endTaiNanos - source.taiNanos();
            if (remaining < -10 * SECOND_NANOS) {
                throw new IllegalStateException("the task did not reach its last slot 10 s after the window ended");
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                    Math.min(remaining, TimeUnit.SECONDS.toNanos(1))));
            long done = (ledger.lastSlot() + 1) * periodNanos / (60 * SECOND_NANOS);
            while (reported < Math.min(done, minutesTotal)) {
                SlotLedger.Totals t = ledger.totals();
                console.println("   " + minuteLine(reported, t));
                reported++;
            }
        }
        // The full GC at the end before the totals are copied: the copies (a histogram per minute) are the
        // report's, not the scheduler's, and must not count as growth.
        long heapAtEnd = collect(heap, "end");
        SlotLedger.Totals totals = ledger.totals();
        long schedulerRuns = task.runCount();
        long schedulerSkipped = task.skippedTicks();
        long schedulerFailures = task.failureCount();
        scheduler.close();
        heap.close();
        long wallNanos = System.nanoTime() - startedWallNanos;
        while (reported < minutesTotal) {
            console.println("   " + minuteLine(reported++, totals));
        }

        List<String> violations = new ArrayList<>();
        check(violations, totals.lost() == 0, "slots lost (elapsed - run - skipped) = " + totals.lost());
        check(violations, totals.doubled() == 0, "doubled slots = " + totals.doubled());
        check(violations, totals.notIncreasing() == 0, "runs not after the previous run's slot = "
                + totals.notIncreasing());
        check(violations, totals.skippedByBits() == totals.skippedByGaps(), "skipped from the slot bits ("
                + totals.skippedByBits() + ") != skipped from the gaps (" + totals.skippedByGaps() + ")");
        check(violations, totals.slotsWithRun() == totals.runs(), "slots with a run (" + totals.slotsWithRun()
                + ") != runs (" + totals.runs() + ")");
        check(violations, totals.offGrid() == 0, "runs off the TAI grid = " + totals.offGrid() + " (max "
                + totals.maxAbsOffGridNanos() + " ns)");
        long ledgerRunsAll = totals.runs() + totals.runsAfterWindow() + totals.notIncreasing();
        check(violations, schedulerRuns == ledgerRunsAll, "scheduler runCount " + schedulerRuns + " != runs seen "
                + ledgerRunsAll);
        long ledgerSkippedAll = totals.skippedByGaps() + totals.skippedAfterWindow();
        check(violations, schedulerSkipped == ledgerSkippedAll, "scheduler skippedTicks " + schedulerSkipped
                + " != skipped seen " + ledgerSkippedAll);

        check(violations, schedulerFailures == 0, "runs that threw (scheduler failureCount) = "
                + schedulerFailures);

        List<HeapAfterGc.Sample> gcs = heap.samples();
        Report report = new Report(minutes, periodNanos, startTaiNanos, totals, schedulerRuns, schedulerSkipped,
                heapAtStart, heapAtEnd, gcs, wallNanos, violations);
        console.println(report.consoleSummary());
        Files.writeString(out.resolve("soak-results.json"), Json.write(report.json()));
        Files.writeString(out.resolve("soak-report.md"), report.markdown());
        console.println("   wrote " + out.resolve("soak-results.json") + " and soak-report.md");
        return violations.isEmpty();
    }

    private static void check(List<String> violations, boolean holds, String what) {
        if (!holds) {
            violations.add(what);
        }
    }

    /** Runs a full GC and waits for its notification: @return heap in use after it (bytes) */
    private static long collect(HeapAfterGc heap, String when) throws InterruptedException {
        int before = heap.samples().size();
        System.gc();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            List<HeapAfterGc.Sample> s = heap.samples();
            for (int i = s.size() - 1; i >= before; i--) {
                if (s.get(i).cause().contains("System.gc")) {
                    return s.get(i).heapAfterBytes();
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no notification of the System.gc() at the " + when + " within 5 s");
    }

    static String minuteLine(int minute, SlotLedger.Totals t) {
        Histogram h = t.latenessPerMinute()[minute];
        return String.format(Locale.ROOT, "minute %3d: runs %7d, skipped %5d, lateness p50 %7s p99 %7s p99.9 %7s "
                + "max %8s µs", minute + 1, t.runsPerMinute()[minute], t.skippedPerMinute()[minute],
                micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)),
                micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()));
    }

    static String micros(long nanos) {
        double us = nanos / 1000.0;
        return us >= 100 ? String.format(Locale.ROOT, "%.0f", us) : String.format(Locale.ROOT, "%.1f", us);
    }

    /** The soak's report: console summary, Markdown and JSON from the same figures. */
    record Report(double minutes, long periodNanos, long startTaiNanos, SlotLedger.Totals totals, long schedulerRuns,
            long schedulerSkipped, long heapAtStartBytes, long heapAtEndBytes, List<HeapAfterGc.Sample> gcs,
            long wallNanos, List<String> violations) {

        /** @return least-squares slope of heap-after-GC over the collections during the window, bytes per minute */
        double heapSlopeBytesPerMinute() {
            List<HeapAfterGc.Sample> during = gcs.stream().filter(s -> !s.cause().contains("System.gc")).toList();
            if (during.size() < 2) {
                return Double.NaN;
            }
            double mx = during.stream().mapToDouble(HeapAfterGc.Sample::uptimeMillis).average().orElseThrow();
            double my = during.stream().mapToDouble(HeapAfterGc.Sample::heapAfterBytes).average().orElseThrow();
            double sxy = 0;
            double sxx = 0;
            for (HeapAfterGc.Sample s : during) {
                sxy += (s.uptimeMillis() - mx) * (s.heapAfterBytes() - my);
                sxx += (s.uptimeMillis() - mx) * (s.uptimeMillis() - mx);
            }
            return sxx == 0 ? Double.NaN : sxy / sxx * 60_000;
        }

        Histogram overall() {
            Histogram all = new Histogram(SlotLedger.HIGHEST_TRACKABLE_NANOS, 3);
            for (Histogram h : totals.latenessPerMinute()) {
                all.add(h);
            }
            return all;
        }

        String consoleSummary() {
            Histogram all = overall();
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "   slots elapsed %d = run %d + skipped %d (lost %d, doubled %d); "
                    + "scheduler's counters: runCount %d, skippedTicks %d%n", totals.slotsElapsed(), totals.runs(),
                    totals.skippedByGaps(), totals.lost(), totals.doubled(), schedulerRuns, schedulerSkipped));
            s.append(String.format(Locale.ROOT, "   drift against the TAI grid: %d runs off the grid (max %d ns)%n",
                    totals.offGrid(), totals.maxAbsOffGridNanos()));
            s.append(String.format(Locale.ROOT, "   heap after full GC: %s at start, %s at end (%+d B); %d GCs "
                    + "during the window, heap after them %s; slope %s%n", kib(heapAtStartBytes), kib(heapAtEndBytes),
                    heapAtEndBytes - heapAtStartBytes, gcs.stream().filter(g -> !g.cause().contains("System.gc")).count(),
                    heapRange(), slope()));
            s.append(String.format(Locale.ROOT, "   lateness over the window: p50 %s, p99 %s, p99.9 %s, max %s µs%n",
                    micros(all.getValueAtPercentile(50)), micros(all.getValueAtPercentile(99)),
                    micros(all.getValueAtPercentile(99.9)), micros(all.getMaxValue())));
            s.append(violations.isEmpty() ? "   accounting: OK (every slot run or skipped once, all on the grid, the "
                    + "scheduler's counters agree)" : "   accounting FAILED: " + String.join("; ", violations));
            return s.toString();
        }

        private String heapRange() {
            List<HeapAfterGc.Sample> during = gcs.stream().filter(s -> !s.cause().contains("System.gc")).toList();
            if (during.isEmpty()) {
                return "n/a (no GC ran)";
            }
            long min = during.stream().mapToLong(HeapAfterGc.Sample::heapAfterBytes).min().orElseThrow();
            long max = during.stream().mapToLong(HeapAfterGc.Sample::heapAfterBytes).max().orElseThrow();
            return kib(min) + " to " + kib(max);
        }

        private String slope() {
            double v = heapSlopeBytesPerMinute();
            return Double.isNaN(v) ? "n/a (fewer than 2 GCs)" : String.format(Locale.ROOT, "%+.0f B/min", v);
        }

        static String kib(long bytes) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }

        String markdown() {
            StringBuilder md = new StringBuilder();
            md.append("# Soak report\n\nMachine: ").append(MachineInfo.oneLine()).append(".\n")
                    .append(String.format(Locale.ROOT, "One task every %d µs on obstime's standalone scheduler "
                            + "(defaults: inline on the timer thread, parking, missed ticks skipped), %s min from "
                            + "slot 0 = TAI %d ns (wall time %.1f s).%n%n", periodNanos / 1000, minutes,
                            startTaiNanos, wallNanos / 1e9));
            md.append("```\n").append(consoleSummary()).append("\n```\n\n");
            md.append("| minute | runs | skipped | p50 µs | p99 µs | p99.9 µs | max µs |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int m = 0; m < totals.latenessPerMinute().length; m++) {
                Histogram h = totals.latenessPerMinute()[m];
                md.append(String.format(Locale.ROOT, "| %d | %d | %d | %s | %s | %s | %s |%n", m + 1,
                        totals.runsPerMinute()[m], totals.skippedPerMinute()[m], micros(h.getValueAtPercentile(50)),
                        micros(h.getValueAtPercentile(99)), micros(h.getValueAtPercentile(99.9)),
                        micros(h.getMaxValue())));
            }
            md.append("\n| JVM uptime s | collector | cause | heap after GC |\n|---:|---|---|---:|\n");
            for (HeapAfterGc.Sample g : gcs) {
                md.append(String.format(Locale.ROOT, "| %.1f | %s | %s | %s |%n", g.uptimeMillis() / 1000.0,
                        g.collector(), g.cause(), kib(g.heapAfterBytes())));
            }
            return md.toString();
        }

        Map<String, Object> json() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("benchmark", "obstime soak: one periodic task, every slot accounted for from its TAI index");
            root.put("date", Instant.now().toString());
            root.put("machine", MachineInfo.describe());
            root.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
            root.put("minutes", minutes);
            root.put("periodNanos", periodNanos);
            root.put("startTaiNanos", startTaiNanos);
            root.put("wallSeconds", wallNanos / 1e9);
            Map<String, Object> slots = new LinkedHashMap<>();
            slots.put("elapsed", totals.slotsElapsed());
            slots.put("run", totals.runs());
            slots.put("skipped", totals.skippedByGaps());
            slots.put("skippedFromBits", totals.skippedByBits());
            slots.put("lost", totals.lost());
            slots.put("doubled", totals.doubled());
            slots.put("notIncreasing", totals.notIncreasing());
            slots.put("offGrid", totals.offGrid());
            slots.put("maxAbsOffGridNanos", totals.maxAbsOffGridNanos());
            slots.put("runsAfterWindow", totals.runsAfterWindow());
            slots.put("schedulerRunCount", schedulerRuns);
            slots.put("schedulerSkippedTicks", schedulerSkipped);
            root.put("slots", slots);
            root.put("violations", violations);
            Map<String, Object> heap = new LinkedHashMap<>();
            heap.put("afterFullGcAtStartBytes", heapAtStartBytes);
            heap.put("afterFullGcAtEndBytes", heapAtEndBytes);
            heap.put("slopeBytesPerMinute", heapSlopeBytesPerMinute());
            List<Object> list = new ArrayList<>();
            for (HeapAfterGc.Sample g : gcs) {
                list.add(Map.of("uptimeMillis", g.uptimeMillis(), "collector", g.collector(), "cause", g.cause(),
                        "heapAfterBytes", g.heapAfterBytes()));
            }
            heap.put("collections", list);
            root.put("heapAfterGc", heap);
            List<Object> perMinute = new ArrayList<>();
            for (int m = 0; m < totals.latenessPerMinute().length; m++) {
                Histogram h = totals.latenessPerMinute()[m];
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("minute", m + 1);
                pm.put("runs", totals.runsPerMinute()[m]);
                pm.put("skipped", totals.skippedPerMinute()[m]);
                pm.put("p50Micros", h.getValueAtPercentile(50) / 1000.0);
                pm.put("p99Micros", h.getValueAtPercentile(99) / 1000.0);
                pm.put("p999Micros", h.getValueAtPercentile(99.9) / 1000.0);
                pm.put("maxMicros", h.getMaxValue() / 1000.0);
                perMinute.add(pm);
            }
            root.put("latenessPerMinute", perMinute);
            return root;
        }
    }
}
