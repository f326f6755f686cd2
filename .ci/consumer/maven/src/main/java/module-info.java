/** A user's application module: obstime's scheduler and clock monitor, and with them (requires transitive) the clock. */
module io.obstime.consumer {
    requires io.obstime.scheduler;
    requires io.obstime.monitor;
}
