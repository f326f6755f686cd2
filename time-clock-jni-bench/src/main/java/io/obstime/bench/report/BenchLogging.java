package io.obstime.bench.report;

/**
 * slf4j-simple settings for the bench's mains, set before the first logger exists: obstime's own messages (its one
 * WARN about the kernel's TAI offset, say) stay visible; Akka's start-up chatter does not.
 */
public final class BenchLogging {

    private BenchLogging() {
    }

    /** Call first thing in a main. Keeps any value already given with -D. */
    public static void configure() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.log.akka", "warn");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("java.awt.headless", "true");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
