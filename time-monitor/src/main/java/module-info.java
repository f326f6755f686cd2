/**
 * Is the clock right? {@code io.obstime.monitor} checks the system clock against references (the kernel, chrony,
 * NTP servers, PTP hardware clocks) and gives one verdict with its reasons.
 *
 * <p>Only {@code io.obstime.monitor} is exported; the protocol codecs behind the references and the command-line check
 * are internal. Micrometer is optional ({@code requires static}): only {@link io.obstime.monitor.MicrometerClockMetrics}
 * uses it (not transitive: Micrometer is an automatic module; a user of that class requires it anyway to make a
 * registry). JDK Flight Recorder ({@code jdk.jfr}, in every JDK image) records one event per check.
 */
module io.obstime.monitor {
    requires transitive io.obstime.clock;
    requires org.slf4j;
    requires jdk.jfr;
    requires static micrometer.core;

    exports io.obstime.monitor;
}
