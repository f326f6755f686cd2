package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's second example of "## Time" (leap-second labels, TT, GPS, MJD, UT1): the lines between the README
 * markers below are the README's, verbatim (checked), and each comment's value is asserted after them.
 */
class ReadmeTimeExampleTest {

    @Test
    void theExampleRunsAndItsCommentsAreTrue() {
        // README:begin
        TaiTime leap = TaiTime.parseUtc("2016-12-31T23:59:60.5Z UTC");     // 2017-01-01T00:00:36.500000000 TAI
        String label = leap.toUtcString();                                 // 2016-12-31T23:59:60.500000000Z UTC
        UtcTime posix = UtcTime.parse("2016-12-31T23:59:60.5Z UTC");       // 2016-12-31T23:59:59.999999999Z UTC
        // UtcTime.parse("2017-06-30T23:59:60Z UTC") throws: no leap second ended that day

        TaiTime tai = TaiTime.parse("2026-11-21T22:28:34.967550419 TAI");
        TtTime tt = tai.toTt();                                            // 2026-11-21T22:29:07.151550419 TT
        GpsTime gps = tai.toGps();                                         // 2026-11-21T22:28:15.967550419 GPS
        long week = gps.week();                                            // 2445 (full week number, no roll-over)
        double secondsOfWeek = gps.secondsOfWeek();                        // 599295.967550419
        ModifiedJulianDate mjd = tai.toMjd(TimeScale.TT);                  // MJD 61365 + 80947.151550419 s TT
        double jd = mjd.jd();                                              // 2461366.4368883283 (a double: 40 µs)
        ModifiedJulianDate leapMjd = leap.toMjd(TimeScale.UTC);            // MJD 57753 + 86400.500000000 s UTC

        UtcTime utc = UtcTime.parse("2026-11-21T22:27:57.967550419Z UTC");
        Ut1MinusUtc dut1 = Ut1Table.system().ut1MinusUtc(utc);             // -0.059697456 s ± 0.0092639 s, predicted
        Ut1Time ut1 = utc.toUt1();                                         // 2026-11-21T22:27:57.907852963 UT1 ±0.009263900 s
        // README:end

        assertEquals(TaiTime.parse("2017-01-01T00:00:36.5 TAI"), leap);
        assertEquals("2016-12-31T23:59:60.500000000Z UTC", label);
        assertEquals(UtcTime.parse("2016-12-31T23:59:59.999999999Z UTC"), posix);
        assertEquals("2026-11-21T22:29:07.151550419 TT", tt.toString());
        assertEquals("2026-11-21T22:28:15.967550419 GPS", gps.toString());
        assertEquals(2445, week);
        assertEquals(599295.967550419, secondsOfWeek, 1e-9);
        assertEquals("MJD 61365 + 80947.151550419 s TT", mjd.toString());
        assertEquals(2461366.4368883283, jd, 1e-9);
        assertEquals("MJD 57753 + 86400.500000000 s UTC", leapMjd.toString());
        assertEquals(tai, utc.toTai());
        assertTrue(dut1.predicted());
        // The bundled finals2000A, lines 19682-19683 (2026-11-21 P-0.0587653, 2026-11-22 P-0.0597611), by hand:
        // -0.0587653 - 0.0009958 × 80877.967550419 / 86400 = -0.05969746 s; the uncertainty is the larger day's.
        assertEquals(-59_697_456L, dut1.ut1MinusUtcNanos());
        assertEquals(9_263_900L, dut1.uncertaintyNanos());
        assertEquals(utc.epochNanos() + dut1.ut1MinusUtcNanos(), ut1.epochNanos());
        assertEquals("2026-11-21T22:27:57.907852963 UT1 ±0.009263900 s", ut1.toString());
    }

    @Test
    void theReadmeShowsTheseLinesVerbatim() throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/test/java/io/obstime/clock/ReadmeTimeExampleTest.java"),
                StandardCharsets.UTF_8);
        List<String> example = source.subList(source.indexOf("        // README:begin") + 1,
                source.indexOf("        // README:end")).stream().map(String::strip).toList();
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String time = readme.substring(readme.indexOf("\n## Time\n"), readme.indexOf("\n## ", readme.indexOf(
                "\n## Time\n") + 1));
        String block = String.join("\n", example);
        assertTrue(time.contains("```java\n" + block + "\n```"), "README's ## Time lacks, verbatim:\n" + block);
    }
}
