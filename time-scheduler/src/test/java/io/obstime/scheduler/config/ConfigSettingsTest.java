package io.obstime.scheduler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.obstime.scheduler.MissedTickPolicy;
import io.obstime.scheduler.TaskFailurePolicy;
import io.obstime.scheduler.TimeSchedulerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigSettingsTest {

    private static ConfigSettings parse(String hocon) {
        return ConfigSettings.fromConfig(ConfigFactory.parseString(hocon).resolve());
    }

    @Test
    void referenceConfGivesTheDocumentedDefaults() {
        ConfigSettings cs = ConfigSettings.fromConfig(ConfigFactory.load());

        assertEquals(0L, cs.settings().spinMarginNanos());
        assertEquals(1L, cs.settings().timerSlackNanos());
        assertEquals(100_000L, cs.settings().minPeriodNanos());
        assertEquals(100_000_000L, cs.settings().maxParkNanos());
        assertEquals(MissedTickPolicy.SKIP, cs.settings().missedTickPolicy());
        assertEquals(1_000_000_000L, cs.settings().maxCatchUpNanos());
        assertEquals(TaskFailurePolicy.CONTINUE, cs.settings().taskFailurePolicy());
        assertFalse(cs.runInline());
        assertEquals("", cs.dispatcher());
    }

    @Test
    void anEmptyConfigFallsBackToReferenceConf() {
        ConfigSettings cs = parse("");

        assertEquals(100_000L, cs.settings().minPeriodNanos());
        assertTrue(cs.settings().simulatedFailuresRethrown());
        assertEquals(10_000_000_000L, cs.settings().overrunLogIntervalNanos());
        assertEquals(0L, parse("obstime.scheduler.overrun-log-interval = 0s").settings().overrunLogIntervalNanos());
        assertFalse(cs.runInline());
    }

    @Test
    void everyKeyIsRead() {
        ConfigSettings cs = parse("""
                obstime.scheduler {
                  spin-margin = 200us
                  timer-slack = 50us
                  min-period = 1ms
                  max-park = 20ms
                  missed-ticks = catch-up
                  max-catch-up = 250ms
                  on-task-failure = cancel
                  simulated-task-failures = log
                  overrun-log-interval = 1m
                  run-inline = on
                  dispatcher = "my-app.scheduler-dispatcher"
                }
                """);

        assertEquals(200_000L, cs.settings().spinMarginNanos());
        assertEquals(50_000L, cs.settings().timerSlackNanos());
        assertEquals(1_000_000L, cs.settings().minPeriodNanos());
        assertEquals(20_000_000L, cs.settings().maxParkNanos());
        assertEquals(MissedTickPolicy.CATCH_UP, cs.settings().missedTickPolicy());
        assertEquals(250_000_000L, cs.settings().maxCatchUpNanos());
        assertEquals(TaskFailurePolicy.CANCEL, cs.settings().taskFailurePolicy());
        assertFalse(cs.settings().simulatedFailuresRethrown());
        assertEquals(60_000_000_000L, cs.settings().overrunLogIntervalNanos());
        assertTrue(cs.runInline());
        assertEquals("my-app.scheduler-dispatcher", cs.dispatcher());
        assertTrue(cs.settings().executor().isEmpty(), "the caller chooses the executor");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "spin-margin     | -5us      | must be >= 0",
        "spin-margin     | 1s        | below 1s",
        "spin-margin     | 200       | unit",
        "spin-margin     | '\"200\"' | unit",
        "spin-margin     | 5parsecs  | not a duration",
        "spin-margin     | on        | unit",
        "timer-slack     | -1ns      | >= 0",
        "timer-slack     | 50        | unit",
        "min-period      | 0us       | > 0",
        "min-period      | -100us    | > 0",
        "max-park        | 0ms       | > 0",
        "max-park        | 100       | unit",
        "missed-ticks    | sometimes | skip or catch-up",
        "missed-ticks    | SKIP      | skip or catch-up",
        "missed-ticks    | 1         | string",
        "max-catch-up    | 0s        | > 0",
        "max-catch-up    | 1000      | unit",
        "on-task-failure | stop      | continue or cancel",
        "on-task-failure | CANCEL    | continue or cancel",
        "simulated-task-failures | throw | rethrow or log",
        "overrun-log-interval | -1s      | >= 0",
        "overrun-log-interval | 10       | unit",
        "run-inline      | maybe     | off or on",
        "dispatcher      | 5         | string",
        "dispatcher      | [a, b]    | string",
    })
    void aBadValueFailsNamingTheKeyAndTheValue(String key, String value, String problem) {
        ConfigException.BadValue e = assertThrows(ConfigException.BadValue.class,
                () -> parse("obstime.scheduler." + key + " = " + value));

        String message = e.getMessage();
        assertTrue(message.contains("'obstime.scheduler." + key + "'"), message);
        assertTrue(message.contains(value.replace(" ", "").replace("[a,b]", "[\"a\",\"b\"]")), message);
        assertTrue(message.contains(problem), message);
        assertTrue(message.contains("String: 1"), "names where the value was written: " + message);
    }

    @Test
    void zeroTimerSlackMeansAsInherited() {
        assertEquals(0L, parse("obstime.scheduler.timer-slack = 0ns").settings().timerSlackNanos());
    }

    @Test
    void theDefaultsMatchTheEnginesOwnDefaults() {
        ConfigSettings cs = parse("");

        assertEquals(TimeSchedulerSettings.defaults(), cs.settings(),
                "reference.conf and TimeSchedulerSettings.defaults() must not drift apart");
    }

    @Test
    void aNullConfigIsRejectedByName() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> ConfigSettings.fromConfig(null));
        assertEquals("config", e.getMessage());
    }

    @Test
    void anUnknownDispatcherIsReportedAgainstTheDispatcherKey() {
        ConfigException.BadValue e = ConfigSettings.unknownDispatcher(
                ConfigFactory.parseString("obstime.scheduler.dispatcher = nope"),
                new IllegalArgumentException("Dispatcher [nope] not configured"));

        assertTrue(e.getMessage().contains("'obstime.scheduler.dispatcher'"), e.getMessage());
        assertTrue(e.getMessage().contains("\"nope\""), e.getMessage());
        assertTrue(e.getMessage().contains("Dispatcher [nope] not configured"), e.getMessage());
    }
}
