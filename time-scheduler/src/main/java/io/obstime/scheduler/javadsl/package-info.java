/**
 * Java API of the runtime-independent parts of obstime's actor support: {@link
 * io.obstime.scheduler.javadsl.TaiTimerScheduler}, an actor's own keyed TAI timers, given to a behavior by
 * {@code io.obstime.scheduler.akka.javadsl.TaiBehaviors} (Akka Typed 2.6) or
 * {@code io.obstime.scheduler.pekko.javadsl.TaiBehaviors} (Apache Pekko 1.x). Periods are {@link java.time.Duration};
 * the Scala API is in {@code io.obstime.scheduler.scaladsl}.
 */
package io.obstime.scheduler.javadsl;
