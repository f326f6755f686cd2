package io.obstime.bench.scheduler;

import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.scheduler.ScheduledTask;
import io.obstime.scheduler.TimeScheduler;
import io.obstime.scheduler.TimeSchedulerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
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
 * One scheduler tick on simulated time (one periodic task, run inline): the cost of the scheduler's bookkeeping per
 * run, with lateness recording off or on, and with no JFR recording or a JFR recording running with the default
 * configuration (the rare events enabled, the per-tick event {@code obstime.Tick} disabled). Run with
 * {@code -prof gc} to see the bytes allocated per tick.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SchedulerTickBenchmark {

    private static final Duration PERIOD = Duration.ofMillis(1);

    /** Lateness recording: off, or on up to 1 s. */
    @Param({"off", "on"})
    public String lateness;

    /** JFR: none, or a recording with the JDK's default configuration running. */
    @Param({"none", "default"})
    public String jfr;

    private SimulatedTimeSource clock;
    private TimeScheduler scheduler;
    private ScheduledTask task;
    private Recording recording;
    private long runs;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        clock = SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse("2026-11-29T12:00:00Z")),
                LeapSecondTable.bundled());
        TimeSchedulerSettings settings = TimeSchedulerSettings.defaults();
        if (lateness.equals("on")) {
            settings = settings.withLatenessRecordingUpToNanos(1_000_000_000L);
        }
        scheduler = TimeScheduler.standalone(clock, settings);
        task = scheduler.schedulePeriodically(PERIOD, () -> runs++);
        if (jfr.equals("default")) {
            recording = new Recording(Configuration.getConfiguration("default"));
            recording.start();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scheduler.close();
        if (recording != null) {
            recording.close();
        }
        if (task.runCount() == 0) {
            throw new IllegalStateException("the task never ran");
        }
    }

    /** @return the runs so far: advancing the clock by one period runs the task once */
    @Benchmark
    public long tick() {
        clock.advance(PERIOD);
        return runs;
    }
}
