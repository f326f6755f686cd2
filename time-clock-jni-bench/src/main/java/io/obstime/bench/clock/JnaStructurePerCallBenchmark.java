package io.obstime.bench.clock;

import io.obstime.bench.clock.binding.JnaStructureClock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** CLOCK_TAI through JNA with a {@code timespec} Structure allocated per call: the TMT CSW time service's route. */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JnaStructurePerCallBenchmark {

    @Benchmark
    public long jnaStructurePerCall() {
        return JnaStructureClock.taiNanos();
    }
}
