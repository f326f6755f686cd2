/**
 * Internal, not API: the one implementation behind the Akka and Pekko faces
 * ({@link io.obstime.scheduler.akka.AkkaTimeScheduler}, {@link io.obstime.scheduler.pekko.PekkoTimeScheduler}).
 *
 * <p>Each face supplies an {@link io.obstime.scheduler.actor.ActorSystemBinding} (config, dispatchers, shutdown hooks
 * of its runtime) and the few lines that name its {@code ActorRef} type; everything else (settings from config, the
 * executor, shutdown wiring, delegation to the engine) is here, once; so are an actor's own TAI timers
 * ({@link io.obstime.scheduler.actor.ActorTimers}, behind both runtimes' {@code TaiBehaviors}) and the bookkeeping of
 * the target watchers ({@link io.obstime.scheduler.actor.WatchedTargets}). Nothing in this package names Akka or
 * Pekko, so loading it needs neither; it needs {@code com.typesafe:config} and the Scala library (for
 * {@code FiniteDuration}), which both runtimes bring. Classes here may change without notice.
 */
package io.obstime.scheduler.actor;
