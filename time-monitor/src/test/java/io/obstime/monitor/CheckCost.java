package io.obstime.monitor;

import io.obstime.clock.TimeSource;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * What one check of a {@link ClockMonitor} costs with the kernel reference only, on this machine's clock: a small
 * main, not JMH (a check runs once a minute; its cost matters only as "negligible or not"). Baseline first:
 * {@code TimeSource.status()} alone (one adjtimex), then {@code checkNow()} (status, two clock reads, the verdict, the
 * snapshot, the JFR event's enabled test). Prints the median, 99th percentile and mean per call in microseconds and
 * the bytes allocated per check.
 *
 * <pre>
 * mvn -q -DskipTests -pl time-monitor -am package
 * java -cp time-monitor/target/test-classes:time-monitor/target/time-monitor.jar io.obstime.monitor.CheckCost [N]
 * </pre>
 */
public final class CheckCost {

    private CheckCost() {
    }

    /** The figures of one run, microseconds per call. */
    record Figures(double statusMedianMicros, double checkMedianMicros, double checkP99Micros, double checkMeanMicros,
                   long bytesPerCheck) {
    }

    /** @param args optional number of measured calls (default 20 000, after as many for warm-up) */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Figures f = measure(TimeSource.system(), n);
        System.out.printf("obstime monitor check cost (%s %s, %s, %d calls after %d warm-up):%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name")
                        + " " + System.getProperty("os.version"), n, n);
        System.out.printf("  TimeSource.status() alone      median %8.2f µs%n", f.statusMedianMicros());
        System.out.printf("  checkNow(), kernel only        median %8.2f µs   p99 %8.2f µs   mean %8.2f µs%n",
                f.checkMedianMicros(), f.checkP99Micros(), f.checkMeanMicros());
        System.out.printf("  allocated per check            %d bytes%n", f.bytesPerCheck());
    }

    static Figures measure(TimeSource clock, int n) {
        long[] status = new long[n];
        long[] check = new long[n];
        try (ClockMonitor monitor = ClockMonitor.builder().clock(clock).build()) {
            for (int round = 0; round < 2; round++) { // round 0 warms up
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    clock.status();
                    status[i] = System.nanoTime() - t0;
                }
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    monitor.checkNow();
                    check[i] = System.nanoTime() - t0;
                }
            }
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < n; i++) {
                monitor.checkNow();
            }
            long bytes = (threads.getThreadAllocatedBytes(id) - before) / n;
            double mean = Arrays.stream(check).average().orElse(0) / 1000.0;
            Arrays.sort(status);
            Arrays.sort(check);
            return new Figures(status[n / 2] / 1000.0, check[n / 2] / 1000.0, check[(int) (n * 0.99)] / 1000.0, mean,
                    bytes);
        }
    }
}
