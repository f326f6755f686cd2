/**
 * The scheduler for Apache Pekko 1.x actor systems: {@link io.obstime.scheduler.pekko.PekkoTimeScheduler}, a
 * {@link io.obstime.scheduler.TimeScheduler} configured from the system's {@code obstime.scheduler} config, running on
 * its dispatcher, stopping with it, and delivering messages to typed actors at TAI instants. Pekko is a
 * {@code provided} dependency: the application brings its own {@code pekko-actor-typed}.
 */
package io.obstime.scheduler.pekko;
