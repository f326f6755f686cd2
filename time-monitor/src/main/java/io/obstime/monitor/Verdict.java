package io.obstime.monitor;

/**
 * The answer to "can I trust my timestamps right now?", from one check of the system clock. The
 * {@link #exitCode() exit codes} follow the monitoring-plugin convention (Nagios, Icinga, Sensu).
 */
public enum Verdict {
    /** At least one reference vouches for the clock and the best offset estimate is within the threshold. */
    OK(0),
    /**
     * Usable, but something needs attention: the offset is within the threshold but its uncertainty is not, some
     * configured references do not answer, the kernel's TAI offset is wrong, or the leap table expires soon.
     */
    DEGRADED(1),
    /** The best offset estimate is beyond the threshold, or trusted references disagree by more than it. */
    ALERT(2),
    /** Nothing vouches for the clock: no reference answered and the kernel is unsynchronised. */
    UNKNOWN(3);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    /** @return the process exit code of the command-line check for this verdict: 0, 1, 2 or 3 */
    public int exitCode() {
        return exitCode;
    }
}
