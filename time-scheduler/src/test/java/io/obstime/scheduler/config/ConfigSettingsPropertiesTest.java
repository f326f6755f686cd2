package io.obstime.scheduler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** jqwik properties, in their own class: surefire miscounts a class that two test engines both report on. */
class ConfigSettingsPropertiesTest {

    @Property
    void aDurationInNsUsOrMsIsReadToTheNanosecond(
            @ForAll @LongRange(min = 1, max = 999_999) long count, @ForAll("units") String unit) {
        long nanosPerUnit = switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            default -> 1_000_000L;
        };
        ConfigSettings cs = ConfigSettings.fromConfig(ConfigFactory.parseString(
                "obstime.scheduler { timer-slack = " + count + unit + ", min-period = " + count + unit + " }"));

        assertEquals(count * nanosPerUnit, cs.settings().timerSlackNanos());
        assertEquals(count * nanosPerUnit, cs.settings().minPeriodNanos());
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("ns", "us", "ms");
    }
}
