package io.obstime.bench.jitter;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The machine's floor: C {@code cyclictest} from rt-tests (Debian package {@code rt-tests}), one thread
 * (SCHED_OTHER or SCHED_FIFO, see {@link Variant}) waking with {@code clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)}
 * every period, its latency histogram (µs) parsed from {@code -h}. cyclictest skips missed deadlines (as obstime
 * does); its histogram is corrected for coordinated omission here with the period
 * ({@link Histogram#copyCorrectedForCoordinatedOmission}), and a wake-up late by {@code L} counts
 * {@code floor(L / period)} missed deadlines, the same accounting as the Java contenders.
 *
 * <p>PM QoS: by default cyclictest writes 0 to {@code /dev/cpu_dma_latency} and holds it while it runs, which keeps
 * every CPU of the machine out of deep idle states and so speeds up every wake-up on the machine, not only its own.
 * The main contender runs with {@code --laptop} (no PM QoS request), under the same power management as the Java
 * contenders; the {@code pmQos} variant, run alone and sequentially so that it biases no other contender, shows what
 * the request buys. No {@code -m} (mlockall) either: the JVM does not lock its memory. Skipped with a message when
 * cyclictest is not installed. The {@link Variant}s: SCHED_OTHER with the default slack, SCHED_OTHER with obstime's
 * 1 ns slack (the like-for-like floor for obstime parking), SCHED_FIFO, and PM QoS.
 */
final class CyclictestContender implements Contender {

    /** Histogram range in µs; slower wake-ups are counted as overflows and recorded at the measured maximum. */
    private static final int HISTOGRAM_MAX_MICROS = 20_000;

    /** How cyclictest's measuring thread runs. */
    enum Variant {
        /** SCHED_OTHER with the inherited timer slack (50 µs by default), {@code --laptop}. */
        OTHER("cyclictest", "SCHED_OTHER, default timer slack (inherited, 50 µs unless changed), --laptop"),
        /**
         * SCHED_OTHER with a timer slack of 1 ns, obstime's timer thread's: set by the benchmark on its own child,
         * through {@code /proc/PID/timerslack_ns}, before it execs cyclictest (threads inherit their creator's
         * slack, and exec keeps it), {@code --laptop}. Like with like against obstime parking.
         */
        OTHER_SLACK_1NS("cyclictest-slack1ns", "SCHED_OTHER, timer slack 1 ns (set by the benchmark through "
                + "/proc/PID/timerslack_ns before exec, inherited by its thread), --laptop"),
        /** SCHED_FIFO at {@link ObstimeRealtimeAdapter#FIFO_PRIORITY} (the kernel ignores slack for it), --laptop. */
        FIFO("cyclictest-fifo", "SCHED_FIFO priority " + ObstimeRealtimeAdapter.FIFO_PRIORITY + ", --laptop"),
        /** SCHED_OTHER holding the PM QoS request cpu_dma_latency=0 (cyclictest's own default). */
        PMQOS("cyclictest-pmqos", "SCHED_OTHER, holding the PM QoS request cpu_dma_latency=0 (its default; the "
                + "whole machine stays out of deep idle while it runs)");

        final String contenderName;
        final String settings;

        Variant(String contenderName, String settings) {
            this.contenderName = contenderName;
            this.settings = settings;
        }
    }

    private final Variant variant;

    CyclictestContender(Variant variant) {
        this.variant = variant;
    }

    @Override
    public String name() {
        return variant.contenderName;
    }

    @Override
    public String description() {
        return "C cyclictest (rt-tests), clock_nanosleep absolute, " + variant.settings;
    }

    @Override
    public String unavailableReason() {
        if (executable() == null) {
            return "cyclictest not found on PATH (install rt-tests: apt-get install -y rt-tests)";
        }
        if ((variant == Variant.FIFO || variant == Variant.OTHER_SLACK_1NS) && !"0".equals(ProcSched.uid())) {
            return "needs root (SCHED_FIFO, or writing a child's timerslack_ns)";
        }
        return null;
    }

    private static Path executable() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        dirs.add("/usr/sbin");
        dirs.add("/usr/bin");
        for (String dir : dirs) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "cyclictest");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public ContenderResult run(RunSpec spec) throws Exception {
        Path executable = executable();
        if (executable == null) {
            throw new IllegalStateException(unavailableReason());
        }
        long periodMicros = spec.periodNanos() / 1000;
        if (periodMicros < 1 || periodMicros * 1000 != spec.periodNanos()) {
            throw new IllegalArgumentException("cyclictest needs a period in whole µs, was " + spec.periodNanos() + " ns");
        }
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-q", "-i", Long.toString(periodMicros),
                "-l", Long.toString(spec.measuredTicks()), "-h", Integer.toString(HISTOGRAM_MAX_MICROS)));
        if (variant != Variant.PMQOS) {
            command.add("--laptop");
        }
        if (variant == Variant.FIFO) {
            command.addAll(List.of("-p", Integer.toString(ObstimeRealtimeAdapter.FIFO_PRIORITY), "--policy=fifo"));
        }
        Process process;
        if (variant == Variant.OTHER_SLACK_1NS) {
            // sh waits for a line, then execs cyclictest in its place (same pid): its slack is set in between.
            List<String> wrapped = new ArrayList<>(List.of("sh", "-c", "read go && exec \"$0\" \"$@\""));
            wrapped.addAll(command);
            process = new ProcessBuilder(wrapped).redirectErrorStream(true).start();
            Path slack = Path.of("/proc", Long.toString(process.pid()), "timerslack_ns");
            Files.writeString(slack, "1");
            String readBack = Files.readString(slack).trim();
            if (!readBack.equals("1")) {
                process.destroyForcibly();
                throw new IllegalStateException("timerslack_ns of the child reads " + readBack + " after writing 1");
            }
            process.getOutputStream().write('\n');
            process.getOutputStream().close();
        } else {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                synchronized (lines) {
                    lines.add("# reader failed: " + e);
                }
            }
        }, "bench-cyclictest-output");
        reader.start();

        // Process CPU time, sampled from /proc while it runs (the last sample is at most 100 ms before exit).
        long expectedNanos = spec.measuredTicks() * spec.periodNanos();
        long firstWall = 0;
        long firstCpu = -1;
        long lastWall = 0;
        long lastCpu = -1;
        long firstWait = -1;
        long lastWait = -1;
        long started = System.nanoTime();
        while (process.isAlive()) {
            if (System.nanoTime() - started > expectedNanos + TimeUnit.SECONDS.toNanos(30)) {
                process.destroyForcibly();
                throw new IllegalStateException("cyclictest ran 30 s longer than its " + spec.measuredTicks()
                        + " loops should take: killed");
            }
            long cpu = process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
            long wait = ProcSched.processRunQueueWaitNanos(process.pid());
            long now = System.nanoTime();
            if (cpu >= 0 && now - started > TimeUnit.MILLISECONDS.toNanos(200)) {
                if (firstCpu < 0) {
                    firstCpu = cpu;
                    firstWall = now;
                    firstWait = wait;
                }
                lastCpu = cpu;
                lastWall = now;
                lastWait = wait;
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        List<String> output;
        synchronized (lines) {
            output = List.copyOf(lines);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("cyclictest exited with " + process.exitValue() + ": "
                    + String.join(" | ", output.subList(Math.max(0, output.size() - 5), output.size())));
        }
        double cpuShare = firstCpu >= 0 && lastWall > firstWall
                ? (double) (lastCpu - firstCpu) / (lastWall - firstWall) : Double.NaN;
        return parse(output, spec, cpuShare, ProcSched.delta(firstWait, lastWait));
    }

    private ContenderResult parse(List<String> output, RunSpec spec, double cpuShare, long runQueueWaitNanos) {
        Histogram raw = new Histogram(LatenessRecorder.HIGHEST_TRACKABLE_NANOS, 3);
        long minMicros = -1;
        long maxMicros = -1;
        long overflows = 0;
        for (String line : output) {
            if (line.startsWith("# Min Latencies:")) {
                minMicros = Long.parseLong(line.substring(line.indexOf(':') + 1).trim().split("\\s+")[0]);
            } else if (line.startsWith("# Max Latencies:")) {
                maxMicros = Long.parseLong(line.substring(line.indexOf(':') + 1).trim().split("\\s+")[0]);
            } else if (line.startsWith("# Histogram Overflows:")) {
                overflows = Long.parseLong(line.substring(line.indexOf(':') + 1).trim().split("\\s+")[0]);
            } else if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                String[] fields = line.trim().split("\\s+");
                long micros = Long.parseLong(fields[0]);
                long count = Long.parseLong(fields[1]);
                if (count > 0) {
                    raw.recordValueWithCount(micros * 1000, count);
                }
            }
        }
        if (maxMicros < 0 || raw.getTotalCount() + overflows == 0) {
            throw new IllegalStateException("cyclictest printed no histogram: " + String.join(" | ", output));
        }
        String note = "lateness in whole µs (cyclictest's resolution); CPU share is the cyclictest process's";
        if (overflows > 0) {
            raw.recordValueWithCount(Math.min(maxMicros * 1000, LatenessRecorder.HIGHEST_TRACKABLE_NANOS), overflows);
            note += "; " + overflows + " wake-ups above " + HISTOGRAM_MAX_MICROS + " µs recorded at the maximum";
        }
        long missed = 0;
        for (var value : raw.recordedValues()) {
            missed += value.getCountAtValueIteratedTo() * (value.getValueIteratedTo() / spec.periodNanos());
        }
        Histogram corrected = raw.copyCorrectedForCoordinatedOmission(spec.periodNanos());
        return new ContenderResult("monotonic (cyclictest's CLOCK_MONOTONIC)", corrected, spec.measuredTicks(),
                raw.getTotalCount(), missed, -1, minMicros * 1000, cpuShare, cpuShare, -1, -1, List.of(), note,
                runQueueWaitNanos, "cyclictest process, all threads (sampled every 100 ms from 200 ms after start)");
    }
}
