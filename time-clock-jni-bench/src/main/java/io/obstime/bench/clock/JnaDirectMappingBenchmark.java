package io.obstime.bench.clock;

import io.obstime.bench.clock.binding.JnaDirectClock;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** CLOCK_TAI through JNA direct mapping ({@code Native.register}) with a raw native address argument. */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class JnaDirectMappingBenchmark {

    private final JnaDirectClock.Reader reader = new JnaDirectClock.Reader();

    @Benchmark
    public long jnaDirectMapping() {
        return reader.taiNanos();
    }
}
