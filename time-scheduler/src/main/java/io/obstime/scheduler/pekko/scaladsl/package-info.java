/**
 * Apache Pekko 1.x, Scala API: {@link io.obstime.scheduler.pekko.scaladsl.TaiBehaviors}, the behavior decorator that
 * gives an actor its own keyed TAI timers ({@link io.obstime.scheduler.scaladsl.TaiTimerScheduler}).
 */
package io.obstime.scheduler.pekko.scaladsl;
