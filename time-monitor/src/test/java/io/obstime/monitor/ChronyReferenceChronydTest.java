package io.obstime.monitor;

import io.obstime.clock.LeapState;
import io.obstime.clock.TimeSource;
import io.obstime.monitor.internal.chrony.ChronyCommand.Outcome;
import io.obstime.monitor.internal.chrony.ChronyTracking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link ChronyReference} against REAL chronyd ({@link ChronydPair}): every tracking field decoded as
 * {@code chronyc -c tracking} prints it, the sign of the offset as chronyc words it, and the non-answers a real
 * chronyd gives.
 */
@ExtendWith(ChronydPair.Extension.class)
class ChronyReferenceChronydTest {

    private static final TimeSource CLOCK = TimeSource.system();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** chronyc's CSV columns for tracking. */
    private static final int REFID = 0, ADDRESS = 1, STRATUM = 2, REF_TIME = 3, SYSTEM_TIME = 4, LAST_OFFSET = 5,
            RMS_OFFSET = 6, FREQUENCY = 7, RESIDUAL = 8, SKEW = 9, ROOT_DELAY = 10, ROOT_DISPERSION = 11,
            UPDATE_INTERVAL = 12, LEAP = 13;

    /** Fields that change only when chronyd updates: equal before and after, no update came in between. */
    private static final int[] PER_UPDATE = {REFID, STRATUM, REF_TIME, LAST_OFFSET, RMS_OFFSET, FREQUENCY, RESIDUAL,
        SKEW, ROOT_DELAY, UPDATE_INTERVAL, LEAP};

    @Test
    void decodesEveryTrackingFieldAsChronycPrintsIt(ChronydPair chronyd) throws Exception {
        ChronyReference reference = ChronyReference.udp("127.0.0.1", chronyd.client.cmdPort);
        // The client updates 16 times a second: read chronyc, us, chronyc, until no update fell in between.
        for (int attempt = 0; attempt < 100; attempt++) {
            String[] before = chronyd.client.trackingCsv();
            Outcome ours = reference.tracking(TIMEOUT);
            String[] after = chronyd.client.trackingCsv();
            if (!samePerUpdate(before, after)) {
                continue;
            }
            ChronyTracking t = ours.tracking();
            assertTrue(t != null, ours::reason);
            String context = Arrays.toString(before) + " vs " + t;
            assertEquals(before[REFID], t.referenceIdHex(), context);
            assertEquals(before[ADDRESS], t.address(), context);
            assertEquals(Integer.parseInt(before[STRATUM]), t.stratum(), context);
            assertEquals(new BigDecimal(before[REF_TIME]).doubleValue(), t.referenceTimeUtcNanos() / 1e9, 1e-6, context);
            assertEquals(before[LAST_OFFSET], printed(t.lastOffset(), 9), context);
            assertEquals(before[RMS_OFFSET], printed(t.rmsOffset(), 9), context);
            assertEquals(before[FREQUENCY], printed(t.frequencyPpm(), 3), context);
            assertEquals(before[RESIDUAL], printed(t.residualFrequencyPpm(), 3), context);
            assertEquals(before[SKEW], printed(t.skewPpm(), 3), context);
            assertEquals(before[ROOT_DELAY], printed(t.rootDelay(), 9), context);
            assertEquals(before[UPDATE_INTERVAL], printed(t.lastUpdateInterval(), 1), context);
            assertEquals(before[LEAP], t.leapStatusText(), context);
            // These two are computed at the moment of asking: between the two chronyc readings.
            assertBetween(before[SYSTEM_TIME], after[SYSTEM_TIME], t.currentCorrection(), 200e-9, context);
            assertBetween(before[ROOT_DISPERSION], after[ROOT_DISPERSION], t.rootDispersion(), 5e-6, context);
            return;
        }
        fail("chronyd updated during every one of 100 reads");
    }

    @Test
    void theOffsetIsSystemMinusReferenceAsChronycWordsIt(ChronydPair chronyd) throws Exception {
        ChronyReference reference = ChronyReference.udp("127.0.0.1", chronyd.client.cmdPort);
        for (int attempt = 0; attempt < 100; attempt++) {
            String before = chronyd.client.chronyc("tracking");
            ReferenceReading reading = reference.measure(CLOCK, TIMEOUT);
            String after = chronyd.client.chronyc("tracking");
            if (!line(before, "Last offset").equals(line(after, "Last offset"))
                    || !line(before, "Root delay").equals(line(after, "Root delay"))) {
                continue; // chronyd updated in between
            }
            assertTrue(reading.offsetMeasured(), reading::toString);
            // "System time : 0.000001201 seconds fast of NTP time": fast is the system clock ahead, offset > 0.
            String systemTime = line(before, "System time");
            double words = number(systemTime) * (systemTime.contains(" fast ") ? 1 : -1);
            assertEquals(words, reading.offsetNanos() / 1e9, 200e-9, systemTime + " vs " + reading);
            // chrony_exporter's bound from chronyd's own, real values.
            double bound = Math.abs(number(line(before, "Last offset"))) + number(line(before, "Root dispersion"))
                    + number(line(before, "Root delay")) / 2;
            assertEquals(bound, reading.uncertaintyNanos() / 1e9, 5e-6, reading::toString);
            assertTrue(reading.uncertaintyNanos() > 0, reading::toString);
            assertEquals(9, reading.stratum());
            assertEquals(-1, reading.delayNanos());
            assertEquals(LeapState.NONE, reading.leap());
            assertEquals("chrony:127.0.0.1:" + chronyd.client.cmdPort, reading.reference());
            assertTrue(reading.detail().startsWith("refid 7F000001 (127.0.0.1), last offset "), reading::toString);
            return;
        }
        fail("chronyd updated during every one of 100 reads");
    }

    private static String line(String tracking, String field) {
        return tracking.lines().filter(l -> l.startsWith(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + " in " + tracking));
    }

    /** The first number after the colon: "Last offset     : -0.000000014 seconds" gives -1.4e-8. */
    private static double number(String line) {
        return Double.parseDouble(line.replaceAll("^[^:]*: *([-+]?[0-9.]+).*$", "$1"));
    }

    @Test
    void aChronydOnItsOwnLocalClockVouchesForNothing(ChronydPair chronyd) throws Exception {
        ChronyReference reference = ChronyReference.udp("127.0.0.1", chronyd.server.cmdPort);
        ChronyTracking tracking = reference.tracking(TIMEOUT).tracking();
        assertEquals(chronyd.server.trackingCsv()[REFID], tracking.referenceIdHex());
        assertEquals(8, tracking.stratum());
        ReferenceReading reading = reference.measure(CLOCK, TIMEOUT);
        assertFalse(reading.answered(), reading::toString);
        assertEquals("chronyd follows only its own clock (local reference 7F7F0101): it vouches for nothing",
                reading.detail());
    }

    @Test
    void theWrongPortOfARealChronydIsNoAnswer(ChronydPair chronyd) {
        // A tracking request to chronyd's NTP port, and an NTP request to its command port: chronyd drops both.
        ReferenceReading chrony = ChronyReference.udp("127.0.0.1", chronyd.server.ntpPort)
                .measure(CLOCK, Duration.ofMillis(600));
        assertFalse(chrony.answered(), chrony::toString);
        ReferenceReading ntp = NtpReference.builder("127.0.0.1").port(chronyd.server.cmdPort).samples(1).build()
                .measure(CLOCK, Duration.ofMillis(300));
        assertFalse(ntp.answered(), ntp::toString);
    }

    private static boolean samePerUpdate(String[] before, String[] after) {
        if (before.length != 14 || after.length != 14) {
            throw new IllegalStateException("chronyc -c tracking gave " + Arrays.toString(before) + ", "
                    + Arrays.toString(after));
        }
        return Arrays.stream(PER_UPDATE).allMatch(i -> before[i].equals(after[i]));
    }

    /** A double as C's printf("%.Nf") prints it: its exact binary value rounded half-even. */
    private static String printed(double value, int decimals) {
        String text = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return text.equals(new BigDecimal(0).setScale(decimals).toPlainString()) && (value < 0 || 1 / value < 0)
                ? "-" + text : text;
    }

    private static void assertBetween(String before, String after, double value, double slack, String context) {
        double a = Double.parseDouble(before);
        double b = Double.parseDouble(after);
        assertTrue(value >= Math.min(a, b) - slack && value <= Math.max(a, b) + slack,
                value + " not within [" + before + ", " + after + "] ± " + slack + ": " + context);
    }
}
