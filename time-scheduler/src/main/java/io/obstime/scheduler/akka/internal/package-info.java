/**
 * Internal, not API: the Akka lines of {@code io.obstime.scheduler.akka.javadsl.TaiBehaviors} and
 * {@code io.obstime.scheduler.akka.scaladsl.TaiBehaviors}. Not exported.
 */
package io.obstime.scheduler.akka.internal;
