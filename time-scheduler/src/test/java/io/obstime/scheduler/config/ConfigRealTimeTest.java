package io.obstime.scheduler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.obstime.scheduler.TimeSchedulerSettings;
import io.obstime.scheduler.TimerThreadPolicy;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigRealTimeTest {

    private static ConfigSettings parse(String hocon) {
        return ConfigSettings.fromConfig(ConfigFactory.parseString(hocon).resolve());
    }

    @Test
    void theTimerThreadKeysAreRead() {
        TimeSchedulerSettings s = parse("""
                obstime.scheduler {
                  timer-thread-policy = rr
                  timer-thread-priority = 80
                  timer-thread-cpus = [0, 0]
                  spin-margin = 200us
                  real-time-spin = on
                }
                """).settings();
        assertEquals(TimerThreadPolicy.RR, s.timerThreadPolicy());
        assertEquals(80, s.timerThreadRealTimePriority());
        assertEquals(new TreeSet<>(List.of(0)), s.timerThreadCpus());
        assertTrue(s.realTimeSpinAllowed());
        assertEquals(TimerThreadPolicy.FIFO, parse("obstime.scheduler.timer-thread-policy = fifo\n"
                + "obstime.scheduler.timer-thread-priority = 1").settings().timerThreadPolicy());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "timer-thread-policy   | realtime | must be inherited, fifo or rr",
        "timer-thread-policy   | FIFO     | must be inherited, fifo or rr",
        "timer-thread-priority | 7        | for INHERITED must be in [0, 0]",
        "timer-thread-priority | high     | must be an integer",
        "timer-thread-cpus     | [-1]     | must be CPU numbers in [0, ",
        "timer-thread-cpus     | [100000] | must be CPU numbers in [0, ",
        "timer-thread-cpus     | 3        | must be a list of CPU numbers",
        "real-time-spin        | maybe    | off or on",
        "record-lateness-up-to | -1s      | must be >= 0",
        "record-lateness-up-to | 100      | unit",
    })
    void aBadValueFailsNamingTheKey(String key, String value, String problem) {
        ConfigException.BadValue e = assertThrows(ConfigException.BadValue.class,
                () -> parse("obstime.scheduler." + key + " = " + value));
        assertTrue(e.getMessage().contains("'obstime.scheduler." + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void latenessRecordingIsOffByDefaultAndReadToTheNanosecond() {
        assertEquals(0L, parse("").settings().latenessRecordingUpToNanos());
        assertEquals(1_500_000L, parse("obstime.scheduler.record-lateness-up-to = 1500us").settings()
                .latenessRecordingUpToNanos());
    }

    @Test
    void aPriorityOutsideTheRealTimeRangeNamesThePriorityKey() {
        ConfigException.BadValue e = assertThrows(ConfigException.BadValue.class,
                () -> parse("obstime.scheduler { timer-thread-policy = fifo, timer-thread-priority = 100 }"));
        assertTrue(e.getMessage().contains("'obstime.scheduler.timer-thread-priority': 100 is not accepted: "
                + "timerThreadRealTimePriority for FIFO must be in [1, 99], was 100"), e.getMessage());
    }

    @Test
    void spinningUnderFifoIsRefusedAgainstTheSpinMarginKeyWithTheReason() {
        ConfigException.BadValue e = assertThrows(ConfigException.BadValue.class, () -> parse(
                "obstime.scheduler { timer-thread-policy = fifo, timer-thread-priority = 80, spin-margin = 200us }"));
        assertTrue(e.getMessage().contains("'obstime.scheduler.spin-margin': \"200us\" is not accepted: "
                + "spinMarginNanos = 200000 with timerThreadPolicy FIFO is refused"), e.getMessage());
        assertTrue(e.getMessage().contains("can starve its CPU"), e.getMessage());
    }
}
