/**
 * Akka Typed 2.6, Scala API: {@link io.obstime.scheduler.akka.scaladsl.TaiBehaviors}, the behavior decorator that
 * gives an actor its own keyed TAI timers ({@link io.obstime.scheduler.scaladsl.TaiTimerScheduler}).
 */
package io.obstime.scheduler.akka.scaladsl;
