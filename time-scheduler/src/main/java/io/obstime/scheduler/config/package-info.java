/**
 * Internal, not API: reads the {@code obstime.scheduler} section of a Typesafe Config into
 * {@link io.obstime.scheduler.TimeSchedulerSettings}, for the Akka and Pekko faces.
 *
 * <p>Only the actor faces load this package, so {@code com.typesafe:config} (a {@code provided} dependency that every
 * Akka and Pekko system brings) is never needed by users of {@code TimeScheduler.standalone(...)}: nothing in
 * {@code io.obstime.scheduler} refers to it. Classes here may change without notice.
 */
package io.obstime.scheduler.config;
