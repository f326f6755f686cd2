/**
 * TAI-keyed scheduling: {@link io.obstime.scheduler.TimeScheduler} (standalone, no runtime needed) and the faces for
 * Akka Typed 2.6 ({@code io.obstime.scheduler.akka}) and Apache Pekko 1.x ({@code io.obstime.scheduler.pekko}).
 *
 * <p>Akka, Pekko, Typesafe Config and the Scala library are {@code requires static}: the user brings one runtime, and
 * the standalone scheduler needs none. Their jars are automatic modules ({@code akka.actor.typed},
 * {@code akka.actor}, {@code pekko.actor.typed}, {@code pekko.actor}, {@code typesafe.config}, {@code scala.library});
 * an application module that uses a face {@code requires} its runtime (say {@code requires pekko.actor.typed;}),
 * which resolves it.
 *
 * <p>{@code io.obstime.scheduler.actor} and {@code io.obstime.scheduler.config} are internal (the one implementation
 * behind both faces) and not exported; so are {@code io.obstime.scheduler.akka.internal} and
 * {@code io.obstime.scheduler.pekko.internal} (the runtime lines of the {@code TaiBehaviors} decorators).
 */
module io.obstime.scheduler {
    requires transitive io.obstime.clock;
    requires org.slf4j;
    // JDK Flight Recorder events (missed ticks, overruns, failures, ticks): in every JDK and JRE build since 11. Not
    // static: a static requires leaves it unresolved on the module path unless the user adds it.
    requires jdk.jfr;

    // Not `static transitive`: javac would then demand both runtimes when compiling every user's module.
    requires static akka.actor.typed;
    requires static akka.actor;
    requires static pekko.actor.typed;
    requires static pekko.actor;
    requires static typesafe.config;
    requires static scala.library;

    exports io.obstime.scheduler;
    exports io.obstime.scheduler.javadsl;
    exports io.obstime.scheduler.scaladsl;
    exports io.obstime.scheduler.akka;
    exports io.obstime.scheduler.akka.javadsl;
    exports io.obstime.scheduler.akka.scaladsl;
    exports io.obstime.scheduler.pekko;
    exports io.obstime.scheduler.pekko.javadsl;
    exports io.obstime.scheduler.pekko.scaladsl;
}
