package io.obstime.monitor;

/**
 * Where each check is reported to JDK Flight Recorder: {@link ClockCheckEvent} if this Java runtime has JFR, nothing
 * if it has not. A {@code jlink} image without the {@code jdk.jfr} module, with obstime on the class path, would
 * otherwise fail every check with {@code NoClassDefFoundError: jdk/jfr/Event}; JFR's presence is checked once and said
 * once at INFO. (On the module path {@code io.obstime.monitor} requires {@code jdk.jfr}: it is always there.)
 */
final class ClockCheckRecording {

    /** Whether this runtime has JDK Flight Recorder. */
    private static final boolean JFR = jfrPresent();

    private ClockCheckRecording() {
    }

    private static boolean jfrPresent() {
        try {
            Class.forName("jdk.jfr.Event", false, ClockCheckRecording.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            ClockMonitor.LOG.info("JDK Flight Recorder (module jdk.jfr) is not in this Java runtime: the clock monitor records no "
                    + "io.obstime.monitor.ClockCheck events");
            return false;
        }
    }

    /**
     * Records one check if JFR is present and the event is enabled in a running recording.
     *
     * @param health     the check's snapshot
     * @param checkNanos how long the check took
     */
    static void commit(ClockHealth health, long checkNanos) {
        if (JFR) {
            ClockCheckEvent.commit(health, checkNanos);
        }
    }
}
