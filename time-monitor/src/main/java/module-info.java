/**
 * Is the clock right? {@code io.obstime.monitor} checks the system clock against references (the kernel, chrony,
 * NTP servers, PTP hardware clocks) and gives one verdict with its reasons.
 *
 * <p>Only {@code io.obstime.monitor} is exported; the protocol codecs behind the references are internal.
 */
module io.obstime.monitor {
    requires transitive io.obstime.clock;
    requires org.slf4j;

    exports io.obstime.monitor;
}
