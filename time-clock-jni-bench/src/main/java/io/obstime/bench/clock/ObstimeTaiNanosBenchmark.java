package io.obstime.bench.clock;

import io.obstime.clock.TimeSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** obstime as shipped: {@code TimeSource.system().taiNanos()} (FFM on JDK 22+, JNA direct mapping before). */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ObstimeTaiNanosBenchmark {

    @Benchmark
    public long taiNanos() {
        return TimeSource.system().taiNanos();
    }
}
