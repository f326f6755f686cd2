/**
 * Scala API of the runtime-independent parts of obstime's actor support: {@link
 * io.obstime.scheduler.scaladsl.TaiTimerScheduler}, an actor's own keyed TAI timers, given to a behavior by
 * {@code io.obstime.scheduler.akka.scaladsl.TaiBehaviors} (Akka Typed 2.6) or
 * {@code io.obstime.scheduler.pekko.scaladsl.TaiBehaviors} (Apache Pekko 1.x). Periods are
 * {@code scala.concurrent.duration.FiniteDuration}; the Java API is in {@code io.obstime.scheduler.javadsl}.
 */
package io.obstime.scheduler.scaladsl;
