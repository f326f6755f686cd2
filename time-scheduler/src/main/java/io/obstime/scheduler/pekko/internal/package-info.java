/**
 * Internal, not API: the Pekko lines of {@code io.obstime.scheduler.pekko.javadsl.TaiBehaviors} and
 * {@code io.obstime.scheduler.pekko.scaladsl.TaiBehaviors}. Not exported.
 */
package io.obstime.scheduler.pekko.internal;
