package io.obstime.scheduler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.obstime.clock.TimeSource;
import io.obstime.scheduler.TimeScheduler;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Typesafe Config, Akka, Pekko and Scala are {@code provided}: a standalone user has none of them. This loads the
 * scheduler in a class loader that holds only obstime, SLF4J and JNA, and runs a task there.
 */
class StandaloneWithoutConfigTest {

    private static URL jarOf(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void theStandaloneSchedulerRunsWithoutTypesafeConfigOrAnActorRuntime() throws Exception {
        URL[] classpath = {
            jarOf(TimeScheduler.class), jarOf(TimeSource.class), jarOf(org.slf4j.LoggerFactory.class),
            jarOf(com.sun.jna.Native.class),
        };
        try (URLClassLoader bare = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> bare.loadClass("com.typesafe.config.Config"));
            assertThrows(ClassNotFoundException.class, () -> bare.loadClass("akka.actor.typed.ActorSystem"));
            assertThrows(ClassNotFoundException.class, () -> bare.loadClass("scala.Function1"));

            Class<?> timeSource = bare.loadClass(TimeSource.class.getName());
            Class<?> scheduler = bare.loadClass(TimeScheduler.class.getName());
            Object system = timeSource.getMethod("system").invoke(null);
            Object standalone = scheduler.getMethod("standalone", timeSource).invoke(null, system);
            CompletableFuture<String> ran = new CompletableFuture<>();
            Method scheduleOnceAtTaiNanos = scheduler.getMethod("scheduleOnceAtTaiNanos", long.class, Runnable.class);

            scheduleOnceAtTaiNanos.invoke(standalone, 0L, (Runnable) () -> ran.complete("ran"));

            assertEquals("ran", ran.get(10, TimeUnit.SECONDS));
            scheduler.getMethod("close").invoke(standalone);
        }
    }
}
