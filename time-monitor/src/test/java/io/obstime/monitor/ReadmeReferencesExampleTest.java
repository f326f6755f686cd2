package io.obstime.monitor;

import io.obstime.monitor.example.ReferencesExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Java lines under "### NTP and chrony references" are {@link ReferencesExample}'s (a class outside this package: public API only), and they run
 * against the real chronyd pair of the tests.
 */
@ExtendWith(ChronydPair.Extension.class)
class ReadmeReferencesExampleTest {

    private static final Path README = Path.of("../README.md");
    private static final Path SOURCE = Path.of("src/test/java/io/obstime/monitor/example/ReferencesExample.java");

    @Test
    void theReadmeShowsTheExampleVerbatim() throws IOException {
        List<String> readme = Files.readAllLines(README, StandardCharsets.UTF_8);
        int heading = readme.indexOf("### NTP and chrony references");
        assertTrue(heading >= 0, "README lacks the heading");
        int start = readme.subList(heading, readme.size()).indexOf("```java") + heading + 1;
        int end = readme.subList(start, readme.size()).indexOf("```") + start;
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
        List<String> block = readme.subList(start, end);
        assertTrue(block.size() >= 5, "README's example is empty");
        for (String line : block) {
            assertTrue(source.contains(line.strip()), "README line not in ReferencesExample.java: " + line);
        }
    }

    @Test
    void theExampleMeasuresTheRealChronyd(ChronydPair chronyd) {
        List<ReferenceReading> readings = ReferencesExample.check("127.0.0.1", chronyd.server.ntpPort,
                chronyd.client.cmdPort);
        assertEquals(2, readings.size());
        assertTrue(readings.get(0).offsetMeasured(), readings.get(0)::toString);
        assertTrue(readings.get(1).offsetMeasured(), readings.get(1)::toString);
    }
}
