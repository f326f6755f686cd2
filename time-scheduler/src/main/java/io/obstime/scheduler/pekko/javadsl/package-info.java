/**
 * Apache Pekko 1.x, Java API: {@link io.obstime.scheduler.pekko.javadsl.TaiBehaviors}, the behavior decorator that
 * gives an actor its own keyed TAI timers ({@link io.obstime.scheduler.javadsl.TaiTimerScheduler}).
 */
package io.obstime.scheduler.pekko.javadsl;
