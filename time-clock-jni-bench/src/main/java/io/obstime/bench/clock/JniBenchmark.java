package io.obstime.bench.clock;

import io.obstime.bench.clock.binding.JniClock;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CLOCK_TAI through a hand-written JNI function (src/main/c). When the build had no C compiler the library is absent:
 * the suite then leaves this benchmark out with the reason, and a direct JMH run fails its setup with that reason.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class JniBenchmark {

    @Setup
    public void requireLibrary() {
        String reason = JniClock.unavailableReason();
        if (reason != null) {
            throw new IllegalStateException("JNI benchmark skipped: " + reason);
        }
    }

    @Benchmark
    public long jni() {
        return JniClock.taiNanos();
    }
}
