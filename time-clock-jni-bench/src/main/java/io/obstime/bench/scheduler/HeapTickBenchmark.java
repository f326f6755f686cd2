package io.obstime.bench.scheduler;

import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.TimeSchedulerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one run costs the scheduler with N periodic 1 kHz tasks held, staggered evenly over the period, on simulated
 * time: each operation advances the clock to the next task's slot, so exactly one task runs (inline) and goes back
 * into the deadline heap. This is the engine's own work per run at that heap size (heap removal and insertion, the
 * counters, the clock listener), without the timer thread's waits: at 1000 tasks × 1 kHz, a million runs a second
 * cost this many nanoseconds each. With {@code -prof gc}, the bytes per run: those are the simulated clock's own (each
 * move of it allocates); the timer thread's tick allocates nothing (the jitter benchmark's B/tick column).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class HeapTickBenchmark {

    private static final long PERIOD_NANOS = 1_000_000;

    /** Periodic tasks held by the scheduler. */
    @Param({"1", "10", "100", "1000", "10000"})
    public int tasks;

    private SimulatedTimeSource clock;
    private TimeScheduler scheduler;
    private final List<ScheduledTask> scheduled = new ArrayList<>();
    private Duration step;
    private long runs;

    @Setup(Level.Trial)
    public void setUp() {
        clock = SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse("2026-11-29T12:00:00Z")),
                LeapSecondTable.bundled());
        scheduler = TimeScheduler.standalone(clock, TimeSchedulerSettings.defaults());
        long startTaiNanos = clock.taiNanos() + PERIOD_NANOS;
        long stepNanos = PERIOD_NANOS / tasks; // 1, 10, ..., 10 000 divide 1 ms exactly
        for (int i = 0; i < tasks; i++) {
            scheduled.add(scheduler.schedulePeriodicallyAtTaiNanos(startTaiNanos + i * stepNanos, PERIOD_NANOS,
                    () -> runs++));
        }
        clock.advance(Duration.ofNanos(PERIOD_NANOS - stepNanos)); // the next step reaches the first slot
        step = Duration.ofNanos(stepNanos);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scheduler.close();
        long expected = 0;
        for (ScheduledTask t : scheduled) {
            expected += t.runCount();
            if (t.skippedTicks() != 0) {
                throw new IllegalStateException("a task skipped slots on simulated time: " + t);
            }
        }
        if (runs == 0 || runs != expected) {
            throw new IllegalStateException("runs " + runs + " but the tasks counted " + expected);
        }
    }

    /** @return the runs so far: each step reaches exactly one task's slot */
    @Benchmark
    public long run() {
        clock.advance(step);
        return runs;
    }
}
