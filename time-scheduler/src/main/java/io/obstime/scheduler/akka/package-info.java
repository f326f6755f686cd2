/**
 * The scheduler for Akka Typed 2.6 actor systems: {@link io.obstime.scheduler.akka.AkkaTimeScheduler}, a
 * {@link io.obstime.scheduler.TimeScheduler} configured from the system's {@code obstime.scheduler} config, running on
 * its dispatcher, stopping with it, and delivering messages to typed actors at TAI instants. Akka is a
 * {@code provided} dependency: the application brings its own {@code akka-actor-typed}.
 */
package io.obstime.scheduler.akka;
