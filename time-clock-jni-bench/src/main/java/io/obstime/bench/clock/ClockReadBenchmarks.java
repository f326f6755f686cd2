package io.obstime.bench.clock;

import io.obstime.bench.clock.binding.JniClock;
import java.util.List;

/** The clock-read benchmarks in report order (baseline first), with what each measures and when it can run. */
public final class ClockReadBenchmarks {

    /**
     * One benchmark method.
     *
     * @param className simple name of the benchmark class in this package
     * @param method its {@code @Benchmark} method
     * @param route what is read, as a user would write it
     * @param minJdk the lowest JDK feature version that has it
     */
    public record Entry(String className, String method, String route, int minJdk) {

        /** @return JMH's full benchmark name, {@code package.Class.method} */
        public String benchmarkName() {
            return ClockReadBenchmarks.class.getPackageName() + "." + className + "." + method;
        }

        /** @return null when it can run in this JVM, else why not */
        public String unavailableReason() {
            if (Runtime.version().feature() < minJdk) {
                return "needs JDK " + minJdk + "+ (running " + Runtime.version().feature() + ")";
            }
            if (className.equals("JniBenchmark")) {
                return JniClock.unavailableReason();
            }
            return null;
        }
    }

    /** Every clock-read benchmark, baseline first. */
    public static final List<Entry> ALL = List.of(
            new Entry("NanoTimeBaselineBenchmark", "nanoTime", "System.nanoTime() (baseline, vDSO floor)", 17),
            new Entry("InstantNowBenchmark", "instantNow", "Instant.now()", 17),
            new Entry("ObstimeTaiNanosBenchmark", "taiNanos", "obstime TimeSource.system().taiNanos()", 17),
            new Entry("ObstimeUtcNanosBenchmark", "utcNanos", "obstime TimeSource.system().utcNanos()", 17),
            new Entry("ObstimeTaiTimeNowBenchmark", "taiTimeNow", "obstime TaiTime.now()", 17),
            new Entry("FfmCriticalDowncallBenchmark", "ffmCriticalDowncall", "FFM critical downcall, reused segment", 22),
            new Entry("FfmDowncallBenchmark", "ffmDowncall", "FFM downcall, reused segment", 22),
            new Entry("JniBenchmark", "jni", "JNI, hand-written C", 17),
            new Entry("JnaDirectMappingBenchmark", "jnaDirectMapping", "JNA direct mapping, raw address", 17),
            new Entry("JnaStructurePerCallBenchmark", "jnaStructurePerCall",
                    "JNA Structure per call (TMT CSW's way)", 17));

    private ClockReadBenchmarks() {
    }
}
