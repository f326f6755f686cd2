/** A user's application module: obstime's scheduler, and with it (requires transitive) the clock. */
module io.obstime.consumer {
    requires io.obstime.scheduler;
}
