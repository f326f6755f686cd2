/**
 * Akka Typed 2.6, Java API: {@link io.obstime.scheduler.akka.javadsl.TaiBehaviors}, the behavior decorator that gives
 * an actor its own keyed TAI timers ({@link io.obstime.scheduler.javadsl.TaiTimerScheduler}).
 */
package io.obstime.scheduler.akka.javadsl;
