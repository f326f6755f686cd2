package io.obstime.drills;

import io.obstime.clock.ClockStatus;
import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.TimeSource;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TimeScheduler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one drill scenario inside the QEMU guest that {@code time-drills/run-drills.sh} boots, and prints its checks.
 *
 * <p>It has the drill helper set up the guest's kernel (clock a few seconds before the event, TAI offset, sync
 * status, armed leap second), then reads obstime's {@code TimeSource.system()} in a tight loop (about every 100 µs)
 * together with {@code System.nanoTime()} (CLOCK_MONOTONIC) through the event, while a 1 kHz periodic task on
 * {@code TimeScheduler.standalone(TimeSource.system())}, started at a whole TAI second, records the slot and the TAI
 * of each run. For an action scenario (TAI offset change, clock step, chronyd) the action runs on its own thread at
 * the event. Then it judges:
 * <ul>
 *   <li>(a) {@code tai-continuity}: TAI − MONOTONIC never changes by more than 2 ms between samples, except once by
 *       exactly the scenario's step; TAI never goes back except at a negative step; {@code tai-value-before/after}:
 *       TAI − UTC is the expected offset at the first and the last sample;</li>
 *   <li>(b) {@code kernel-before/after}: the helper's adjtimex reading is what the scenario set up and what the
 *       event must leave; {@code obstime-vs-kernel-before/after}: {@code status().kernelTaiOffset()} and
 *       {@code leapState()} agree with that reading and {@code taiOffset()} is the expected offset;</li>
 *   <li>(c) {@code sched-each-slot-once}, {@code sched-none-early}, {@code sched-skips-at-event}: every slot run or
 *       counted skipped once, none early, at most 20 skipped around the event (or the step's length for a forward
 *       step); lateness p50/p99/max printed.</li>
 * </ul>
 * Output lines start with {@code DRILL}; the last is {@code DRILL RESULT <scenario> jdk<N> PASS|FAIL ...}. Exit
 * status 0 when every check passes, 1 when one fails, 2 on a usage or setup error.
 *
 * <p>This program never sets a clock itself; the helper does, and refuses to outside the guest.
 */
public final class Drill {

    static final long PERIOD_NANOS = 1_000_000L;
    static final long TOLERANCE_NANOS = 2_000_000L;
    static final long SKIP_TOLERANCE = 20;
    /**
     * How far (in slots) the last slot handled may trail the TAI reached when the scheduler is closed: a TCG guest
     * stalls the timer thread for up to ~200 ms; a TAI jump back of a second or more (what this guards against) shows
     * as 1000 or more.
     */
    static final long REACH_TOLERANCE = 250;
    private static final long SECOND = 1_000_000_000L;
    private static final long SAMPLE_INTERVAL_NANOS = 100_000L;
    private static final long SPARSE_INTERVAL_NANOS = 1_000_000L;
    private static final long WARM_UP_NANOS = 2 * SECOND;
    /** Dense sampling covers the second before a midnight and the one after, where obstime switches readings. */
    private static final long DENSE_BEFORE_NANOS = 1_200_000_000L;
    private static final long DENSE_AFTER_NANOS = 1_500_000_000L;
    private static final long BRACKET_LIMIT_NANOS = 50_000L;
    private static final long TRACE_THRESHOLD_NANOS = 100_000L;

    private final Scenario scenario;
    private final String helper;
    private final long leadNanos;
    private final long afterNanos;
    private final Path workDir;
    private final int jdk = Runtime.version().feature();
    private final List<Check> checks = new ArrayList<>();

    private Drill(Scenario scenario, String helper, long leadNanos, long afterNanos, Path workDir) {
        this.scenario = scenario;
        this.helper = helper;
        this.leadNanos = leadNanos;
        this.afterNanos = afterNanos;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        String name = null;
        String helper = "/drill/drill-helper";
        double lead = 8;
        double after = 3;
        Path work = Path.of("/tmp/drill");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> name = args[++i];
                case "--helper" -> helper = args[++i];
                case "--lead-seconds" -> lead = Double.parseDouble(args[++i]);
                case "--after-seconds" -> after = Double.parseDouble(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--list" -> {
                    boolean quickOnly = i + 1 < args.length && args[i + 1].equals("quick");
                    for (Scenario s : Scenario.ALL) {
                        if (!quickOnly || s.quick()) {
                            System.out.println(s.name() + "\t" + s.description());
                        }
                    }
                    return;
                }
                default -> {
                    System.err.println("usage: Drill --scenario NAME [--helper PATH] [--lead-seconds S] "
                            + "[--after-seconds S] [--work DIR] | --list [quick]");
                    System.exit(2);
                }
            }
        }
        String wanted = name;
        Scenario scenario = wanted == null ? null : Scenario.byName(wanted).orElse(null);
        if (scenario == null) {
            System.err.println("DRILL ERROR unknown or missing --scenario " + wanted);
            System.exit(2);
        }
        Files.createDirectories(work);
        Drill drill = new Drill(scenario, helper, Math.round(lead * 1e9), Math.round(after * 1e9), work);
        boolean pass = drill.run();
        System.out.flush();
        System.exit(pass ? 0 : 1);
    }

    private boolean run() throws Exception {
        say("BEGIN " + scenario.name() + " jdk" + jdk + " (" + Runtime.version() + "): " + scenario.description());
        // 1. The leap-second table, named before obstime's first use (as -Dobstime.leapSecondsFile would).
        Path tableFile = writeTable();
        if (tableFile != null) {
            System.setProperty(LeapSecondTable.FILE_PROPERTY, tableFile.toString());
            say("leap table " + tableFile + " (" + scenario.table() + ")");
        }
        // 2. The kernel: clock first, then TAI offset and sync status, then arm (arming before setting the clock
        //    would be silently cancelled by the clock set).
        // 2. The kernel before obstime starts: a previous leap leaves TIME_WAIT with STA_INS/STA_DEL set, where a new
        //    arm is ignored, so clear the bits and let one second boundary pass (TIME_WAIT -> TIME_OK); the clock a
        //    minute before the event; the kernel's TAI offset.
        runHelper(List.of(helper, "arm", "none", "pause", "1100", "set-utc", at(scenario.eventUtc().minusSeconds(60)),
                "set-tai", Integer.toString(scenario.kernelTai()), "status"));

        // 3. obstime starts, and the drill loads and warms up what it uses, without hurry: under TCG on a busy host
        //    this takes from 5 to 30 s. The process then runs when the clock is set, as a long-running one would.
        TimeSource clock = TimeSource.system();
        clock.taiNanos();
        clock.status();
        warmUp(clock);

        // 4. The clock set to event - lead (a step the running obstime sees), the sync status (setting the clock sets
        //    STA_UNSYNC), then the leap armed: after the clock set, which would cancel it.
        KernelReading set = runHelper(List.of(helper, "set-utc", at(scenario.eventUtc().minusNanos(leadNanos)),
                scenario.synced() ? "sync" : "unsync", "arm", scenario.arm(), "status"));
        long eventMonotonic = set.monotonicNanos() + (epochNanos(scenario.eventUtc()) - set.realtimeNanos());
        clock.taiNanos();
        KernelReading before = runHelper(List.of(helper, "status"));
        ClockStatus obstimeBefore = clock.status();
        int offsetBefore = clock.taiOffset();
        say("obstime before: taiOffset=" + offsetBefore + " " + obstimeBefore);
        judgeKernelSetup(before);
        judgeObstimeVsKernel("before", obstimeBefore, offsetBefore, before, scenario.offsetBefore());
        long readyBeforeEvent = eventMonotonic - System.nanoTime();
        checks.add(Check.of("ready-before-event", readyBeforeEvent >= 2 * SECOND, String.format(Locale.ROOT,
                "the drill was sampling %.3f s before the event (want >= 2 s; lead %.1f s)", readyBeforeEvent / 1e9,
                leadNanos / 1e9)));

        // 4. The 1 kHz task from the next whole TAI second but one, and the sampler until event + after.
        long taiNow = clock.taiNanos();
        long startTai = (Math.floorDiv(taiNow, SECOND) + 1) * SECOND;
        if (startTai - taiNow < SECOND / 2) {
            startTai += SECOND;
        }
        long windowNanos = eventMonotonic - System.nanoTime() + afterNanos + 60 * SECOND;
        Ticks ticks = new Ticks(startTai, PERIOD_NANOS, (int) Math.min(Integer.MAX_VALUE - 8,
                Math.max(10_000, windowNanos / PERIOD_NANOS + 10_000)));
        Samples samples = new Samples((int) Math.min(40_000_000, Math.max(100_000, windowNanos / 50_000)));
        TickTask task = new TickTask(clock, ticks);
        TimeScheduler scheduler = TimeScheduler.standalone(clock);
        task.handle = scheduler.schedulePeriodicallyAtTaiNanos(startTai, PERIOD_NANOS, task);

        Action action = scenario.isLeap() ? null : new Action(eventMonotonic);
        if (action != null) {
            action.start();
        }
        long endMonotonic = eventMonotonic + afterNanos;
        while (true) {
            long now = sample(clock, samples);
            // Every ~100 µs from 1.2 s before the event to 1.5 s after it and while an action runs; every ~1 ms
            // elsewhere, so that the one vCPU of the TCG guest is left to the timer thread (a sample costs tens of µs
            // there).
            boolean dense = (now >= eventMonotonic - DENSE_BEFORE_NANOS && now < eventMonotonic + DENSE_AFTER_NANOS)
                    || (action != null && action.startMonotonic != 0
                    && (action.doneMonotonic == 0 || now < action.doneMonotonic + DENSE_AFTER_NANOS));
            if (now >= endMonotonic && (action == null || action.doneMonotonic != 0)) {
                if (action == null || now >= action.doneMonotonic + afterNanos) {
                    break;
                }
            }
            LockSupport.parkNanos(dense ? SAMPLE_INTERVAL_NANOS : SPARSE_INTERVAL_NANOS);
        }
        if (action != null) {
            action.join();
            for (String line : action.output) {
                say("action: " + line);
            }
            say("action exit=" + action.exit + " took " + (action.doneMonotonic - action.startMonotonic) / 1e6
                    + " ms");
        }

        // 5. The kernel and obstime after the event; then stop the task.
        KernelReading after = runHelper(List.of(helper, "status"));
        ClockStatus obstimeAfter = clock.status();
        int offsetAfter = clock.taiOffset();
        say("obstime after: taiOffset=" + offsetAfter + " " + obstimeAfter);
        long reachedTai = Math.max(samples.maxTai(), clock.taiNanos());
        scheduler.close();
        long closedTai = Math.max(reachedTai, clock.taiNanos());
        long runCount = task.handle.runCount();
        long skipped = task.handle.skippedTicks();

        // 6. Judge.
        Samples.Continuity continuity = samples.continuity(scenario.stepNanos(), TOLERANCE_NANOS);
        checks.add(Check.of("tai-continuity", continuity.pass(), continuity.figures()));
        judgeValue("tai-value-before", samples, 0, scenario.offsetBefore());
        judgeValue("tai-value-after", samples, samples.size - 1, scenario.offsetAfter());
        judgeKernelAfter(after);
        judgeObstimeVsKernel("after", obstimeAfter, offsetAfter, after, scenario.offsetAfter());
        checks.add(ticks.eachSlotOnce(runCount, skipped, reachedTai, closedTai, REACH_TOLERANCE));
        checks.add(ticks.noneEarly(eventMonotonic));
        long windowEnd = action == null ? endMonotonic : action.doneMonotonic + afterNanos;
        long expectedSkips = scenario.stepNanos() > 0 ? scenario.stepNanos() / PERIOD_NANOS : 0;
        checks.add(ticks.skipsAroundEvent(eventMonotonic - SECOND, windowEnd, expectedSkips, SKIP_TOLERANCE));
        long[] all = ticks.lateness(Long.MIN_VALUE, Long.MAX_VALUE);
        long[] atEvent = ticks.lateness(eventMonotonic - SECOND, windowEnd);
        say(String.format(Locale.ROOT, "lateness all runs: p50=%s p99=%s max=%s; event window: p50=%s p99=%s max=%s "
                        + "(runs=%d, timer: TAI deadlines, read by the task)", Samples.us(all[0]), Samples.us(all[1]),
                Samples.us(all[2]), Samples.us(atEvent[0]), Samples.us(atEvent[1]), Samples.us(atEvent[2]),
                ticks.size));

        // Traces: every change of TAI - MONOTONIC over 100 us (the first 6; not the expected step), and the event.
        int traced = 0;
        for (int i = 1; i < samples.size && traced < 6; i++) {
            if (i != continuity.stepIndex() && Math.abs(samples.delta(i)) > TRACE_THRESHOLD_NANOS) {
                say("trace: d(TAI-MONO) of " + Samples.us(samples.delta(i)) + " (mono relative to the event):");
                for (String line : samples.trace(i, 2, eventMonotonic)) {
                    say("  " + line);
                }
                traced++;
            }
        }
        say("trace around the event (mono relative to the event):");
        for (String line : samples.trace(samples.indexAtMonotonic(eventMonotonic), 3, eventMonotonic)) {
            say("  " + line);
        }

        boolean pass = true;
        for (Check check : checks) {
            System.out.println(check.line(scenario.name(), jdk));
            pass &= check.pass();
        }
        System.out.println(String.format(Locale.ROOT,
                "DRILL RESULT %s jdk%d %s tai_max_abs_delta=%s tai_max_backward=%s unexplained_skip=%d biggest_skip=%d "
                        + "skipped_at_event=%d "
                        + "skipped_total=%d late_p50=%s late_p99=%s late_max=%s kernel_tai=%d->%d offset=%d->%d "
                        + "source=%s->%s",
                scenario.name(), jdk, pass ? "PASS" : "FAIL", Samples.us(continuity.maxAbsDeltaNanos()),
                Samples.us(continuity.maxBackwardNanos()), ticks.unexplainedBetween(eventMonotonic - SECOND, windowEnd),
                ticks.biggestSkipBetween(eventMonotonic - SECOND, windowEnd),
                ticks.skippedBetween(eventMonotonic - SECOND, windowEnd), skipped, Samples.us(all[0]),
                Samples.us(all[1]), Samples.us(all[2]), before.tai(), after.tai(), offsetBefore, offsetAfter,
                obstimeBefore.taiSource(), obstimeAfter.taiSource()));
        return pass;
    }

    /**
     * Loads and JIT-warms the sampler, a 1 kHz task on a throwaway scheduler and the helper's process start, so that
     * class loading and first compilations do not fall into the measured seconds. Reads clocks only.
     */
    private void warmUp(TimeSource clock) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Samples scratch = new Samples(100_000);
        Ticks scratchTicks = new Ticks(0, PERIOD_NANOS, 10_000);
        TickTask warmTask = new TickTask(clock, scratchTicks);
        try (TimeScheduler warm = TimeScheduler.standalone(clock)) {
            warmTask.handle = warm.schedulePeriodically(java.time.Duration.ofMillis(1), warmTask);
            long until = System.nanoTime() + WARM_UP_NANOS;
            while (System.nanoTime() < until) {
                sample(clock, scratch);
                LockSupport.parkNanos(SAMPLE_INTERVAL_NANOS);
            }
        }
        scratch.continuity(0, TOLERANCE_NANOS);
        runHelper(List.of(helper, "status"));
        say(String.format(Locale.ROOT, "warm-up: %d samples, %d ticks in %.2f s", scratch.size, scratchTicks.size,
                (System.nanoTime() - t0) / 1e9));
    }

    private static String at(Instant utc) {
        return "@" + utc.getEpochSecond() + "." + String.format(Locale.ROOT, "%09d", utc.getNano());
    }

    /** One sample: MONOTONIC, TAI, UTC, MONOTONIC; retried when the two MONOTONIC reads lie far apart. */
    private static long sample(TimeSource clock, Samples samples) {
        long m1;
        long tai;
        long utc;
        long m2;
        int tries = 0;
        do {
            m1 = System.nanoTime();
            tai = clock.taiNanos();
            utc = clock.utcNanos();
            m2 = System.nanoTime();
        } while (m2 - m1 > BRACKET_LIMIT_NANOS && ++tries < 10);
        samples.add(m1 + (m2 - m1) / 2, tai, utc);
        return m2;
    }

    private void judgeValue(String name, Samples samples, int index, int expectedOffset) {
        if (samples.size == 0) {
            checks.add(Check.of(name, false, "no samples"));
            return;
        }
        long offset = samples.offset(index);
        long miss = offset - expectedOffset * SECOND;
        checks.add(Check.of(name, Math.abs(miss) <= TOLERANCE_NANOS, String.format(Locale.ROOT,
                "utc=%s tai-utc=%.6fs expected=%ds", utcText(samples.utcNanos[index]), offset / 1e9,
                expectedOffset)));
    }

    private void judgeKernelSetup(KernelReading k) {
        boolean pass = k.tai() == scenario.kernelTai() && k.armed().equals(scenario.arm())
                && k.synchronised() == scenario.synced();
        checks.add(Check.of("kernel-before", pass, "helper: " + k.describe() + " want tai=" + scenario.kernelTai()
                + " armed=" + scenario.arm() + " synchronised=" + scenario.synced()));
    }

    private void judgeKernelAfter(KernelReading k) {
        checks.add(Check.of("kernel-after", k.tai() == scenario.kernelTaiAfter(), "helper: " + k.describe()
                + " want tai=" + scenario.kernelTaiAfter() + (scenario.isLeap() ? " (the kernel made the leap)" : "")));
    }

    private void judgeObstimeVsKernel(String when, ClockStatus status, int offset, KernelReading k,
                                      int expectedOffset) {
        boolean pass = status.kernelTaiOffset() == k.tai() && status.leapState() == k.expectedLeapState()
                && offset == expectedOffset && status.taiOffset() == expectedOffset;
        checks.add(Check.of("obstime-vs-kernel-" + when, pass, String.format(Locale.ROOT,
                "obstime: kernelTaiOffset=%d leapState=%s taiOffset()=%d status.taiOffset=%d taiSource=%s; "
                        + "kernel (helper): %s -> leapState %s; expected TAI-UTC %d",
                status.kernelTaiOffset(), status.leapState(), offset, status.taiOffset(), status.taiSource(),
                k.describe(), k.expectedLeapState(), expectedOffset)));
    }

    private Path writeTable() throws IOException {
        Instant updated = Instant.parse("2026-07-06T00:00:00Z");
        Instant validUntil = Instant.parse("2027-12-28T00:00:00Z");
        String text;
        switch (scenario.table()) {
            case BUNDLED:
                return null;
            case KNOWS_INSERT:
                text = LeapSecondsFile.write(LeapSecondsFile.bundledEntriesPlus(scenario.leapDay(), true), updated,
                        validUntil);
                break;
            case KNOWS_DELETE:
                text = LeapSecondsFile.write(LeapSecondsFile.bundledEntriesPlus(scenario.leapDay(), false), updated,
                        validUntil);
                break;
            case STALE_VALID:
                text = LeapSecondsFile.write(LeapSecondsFile.bundledEntriesPlus(null, true), updated, validUntil);
                break;
            case EXPIRED:
                text = LeapSecondsFile.write(LeapSecondsFile.bundledEntriesPlus(null, true),
                        Instant.parse("2026-01-06T00:00:00Z"), Instant.parse("2027-06-29T00:00:00Z"));
                break;
            default:
                throw new IllegalStateException(scenario.table().toString());
        }
        Path file = workDir.resolve("leap-seconds-" + scenario.name() + ".list");
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }

    /** Runs the helper (or another command), echoes its output, and returns its last status line. */
    private KernelReading runHelper(List<String> command) throws IOException, InterruptedException {
        List<String> output = new ArrayList<>();
        int exit = exec(command, output);
        KernelReading last = null;
        for (String line : output) {
            say("helper: " + line);
            if (line.startsWith("HELPER after=")) {
                last = KernelReading.parse(line);
            }
        }
        if (exit != 0 || last == null) {
            say("ERROR helper " + command + " exited " + exit);
            System.exit(2);
        }
        return last;
    }

    private List<String> resolve(List<String> command) {
        List<String> resolved = new ArrayList<>(command);
        resolved.replaceAll(part -> part.equals("HELPER") ? helper : part);
        return resolved;
    }

    private int exec(List<String> command, List<String> output) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(resolve(command)).redirectErrorStream(true).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.add(line);
            }
        }
        return p.waitFor();
    }

    /** The scenario's action, run at the event on its own thread while the main thread samples. */
    private final class Action extends Thread {
        final long atMonotonic;
        final List<String> output = new ArrayList<>();
        volatile long startMonotonic;
        volatile long doneMonotonic;
        volatile int exit = -1;

        Action(long atMonotonic) {
            super("drill-action");
            this.atMonotonic = atMonotonic;
            setDaemon(true);
        }

        @Override
        public void run() {
            long wait;
            while ((wait = atMonotonic - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            startMonotonic = System.nanoTime();
            try {
                exit = exec(scenario.action(), output);
            } catch (IOException | InterruptedException | RuntimeException e) {
                output.add("action failed: " + e);
            } finally {
                doneMonotonic = Math.max(1, System.nanoTime());
            }
        }
    }

    /** The 1 kHz task: records its slot (the next deadline less one period, published before the run) and TAI. */
    private static final class TickTask implements Runnable {
        private final TimeSource clock;
        private final Ticks ticks;
        volatile ScheduledTask handle;

        TickTask(TimeSource clock, Ticks ticks) {
            this.clock = clock;
            this.ticks = ticks;
        }

        @Override
        public void run() {
            long before = System.nanoTime();
            long tai = clock.taiNanos();
            long after = System.nanoTime();
            ScheduledTask h = handle;
            if (h != null) {
                ticks.add(h.nextDeadlineTaiNanos() - h.periodNanos(), tai, before, after, h.skippedTicks());
            }
        }
    }

    static long epochNanos(Instant utc) {
        return Math.addExact(Math.multiplyExact(utc.getEpochSecond(), SECOND), utc.getNano());
    }

    static String utcText(long utcNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(utcNanos, SECOND), Math.floorMod(utcNanos, SECOND)).toString();
    }

    private static void say(String text) {
        System.out.println("DRILL " + text);
    }
}
