package io.obstime.bench.scale;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Schedule + cancel throughput: a no-op once-only task scheduled 1 s ahead and cancelled at once, by 1 thread and by 8
 * threads at the same timer (the churn of timeouts that are almost always cancelled: request timeouts, watchdogs).
 * One timer per trial, configured as {@link ScaleTimer} says. With {@code -prof gc}, {@code gc.alloc.rate.norm} is
 * the bytes allocated per schedule + cancel (the caller's and the timer thread's).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ScheduleCancelBenchmark {

    /** Far enough ahead that no task fires before it is cancelled. */
    static final long DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Param({"obstime", "netty-wheel", "jdk-stpe", "akka"})
    public String timer;

    private ScaleTimer scaleTimer;

    @Setup(Level.Trial)
    public void open() {
        scaleTimer = ScaleTimer.open(ScaleTimer.Kind.of(timer), false);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        scaleTimer.close();
    }

    @Benchmark
    @Threads(1)
    public void oneThread() {
        scaleTimer.scheduleAndCancel(DELAY_NANOS);
    }

    @Benchmark
    @Threads(8)
    public void eightThreads() {
        scaleTimer.scheduleAndCancel(DELAY_NANOS);
    }
}
