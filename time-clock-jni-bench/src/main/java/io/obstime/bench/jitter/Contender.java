package io.obstime.bench.jitter;

/** One way of running a periodic task, measured by {@link JitterBenchmark}. */
interface Contender {

    /** @return a short stable identifier, used in tables, file names and JSON */
    String name();

    /** @return what runs, with its settings, in one sentence */
    String description();

    /** @return null when it can run on this machine, else why it is skipped */
    default String unavailableReason() {
        return null;
    }

    /**
     * Runs the periodic task for {@code spec.warmupTicks() + spec.measuredTicks()} periods and measures the second
     * part.
     *
     * @throws Exception when the contender cannot run (the harness reports it as failed)
     */
    ContenderResult run(RunSpec spec) throws Exception;

    /**
     * What to run.
     *
     * @param periodNanos the task's period
     * @param warmupTicks periods run before measuring (JIT warm-up; not recorded)
     * @param measuredTicks periods measured
     */
    record RunSpec(long periodNanos, long warmupTicks, long measuredTicks) {
        public RunSpec {
            if (periodNanos < 1) {
                throw new IllegalArgumentException("periodNanos must be >= 1, was " + periodNanos);
            }
            if (warmupTicks < 0) {
                throw new IllegalArgumentException("warmupTicks must be >= 0, was " + warmupTicks);
            }
            if (measuredTicks < 1) {
                throw new IllegalArgumentException("measuredTicks must be >= 1, was " + measuredTicks);
            }
        }
    }
}
