package io.obstime.monitor.internal.cli;

import io.obstime.clock.ClockBackend;
import io.obstime.clock.ClockStatus;
import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.LeapState;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.TaiSource;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.monitor.ClockReference;
import io.obstime.monitor.ReferenceReading;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line in-process, with its output captured; the kernel state and the references are FAKES. */
class MonitorCliTest {

    /** What a run printed and returned. */
    private record Run(int exit, String out, String err) {
    }

    /** A FAKE kernel: simulated time, with the synchronised flag and maximum error as given. */
    private static TimeSource kernel(boolean synced, long maxErrorMicros) {
        SimulatedTimeSource sim = SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse("2026-11-21T12:00:00Z")),
                LeapSecondTable.bundled());
        return new TimeSource() {
            public long utcNanos() {
                return sim.utcNanos();
            }

            public long taiNanos() {
                return sim.taiNanos();
            }

            public int taiOffset() {
                return sim.taiOffset();
            }

            public ClockStatus status() {
                return new ClockStatus(synced, maxErrorMicros, maxErrorMicros / 2, LeapState.NONE, 37, 37,
                        TaiSource.KERNEL, ClockBackend.JNA);
            }

            public LeapSecondTable leapSeconds() {
                return sim.leapSeconds();
            }
        };
    }

    /** FAKE references: each --ntp host answers with the offset in milliseconds its host name says, "silent" none. */
    private static final class FakeReferences implements MonitorCli.References {
        final List<String> asked = new ArrayList<>();

        @Override
        public ClockReference ntp(String host, int port) {
            asked.add("ntp " + host + " " + port);
            return reference("ntp:" + host, host);
        }

        @Override
        public ClockReference chrony(String host, int port) {
            asked.add("chrony " + host + " " + port);
            return reference("chrony:" + host, host);
        }

        @Override
        public ClockReference phc(Path device) {
            asked.add("phc " + device);
            return reference("phc:" + device, "silent");
        }

        private static ClockReference reference(String name, String behaviour) {
            return new ClockReference() {
                public String name() {
                    return name;
                }

                public ReferenceReading measure(TimeSource clock, Duration timeout) {
                    TaiTime at = TaiTime.ofEpochNanos(clock.taiNanos());
                    if (behaviour.startsWith("silent")) {
                        return ReferenceReading.noAnswer(name, at, "no reply (fake)");
                    }
                    long ms = Long.parseLong(behaviour.replace("ms", ""));
                    return ReferenceReading.measured(name, at, ms * 1_000_000, 200_000, 400_000, 2, -1,
                            LeapState.NONE, "fake");
                }
            };
        }
    }

    private static Run run(TimeSource clock, MonitorCli.References refs, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MonitorCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> clock, refs);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void exitCodesFollowTheVerdict() {
        FakeReferences refs = new FakeReferences();
        Run ok = run(kernel(true, 1_000), refs);
        assertEquals(0, ok.exit, ok.out);
        assertTrue(ok.out.startsWith("Clock health at 2026-11-21T12:00:37.000000000 TAI: OK\n"), ok.out);
        Run degraded = run(kernel(true, 1_000), refs, "--ntp", "silent:1123");
        assertEquals(1, degraded.exit, degraded.out);
        assertTrue(degraded.out.contains("ntp:silent does not answer: no reply (fake)"), degraded.out);
        Run alert = run(kernel(false, 16_000_000), refs, "--ntp", "7ms", "--chrony", "6ms");
        assertEquals(2, alert.exit, alert.out);
        Run withinRaisedThreshold = run(kernel(false, 16_000_000), refs, "--ntp", "7ms", "--threshold", "10");
        assertEquals(0, withinRaisedThreshold.exit, withinRaisedThreshold.out);
        Run unknown = run(kernel(false, 16_000_000), refs);
        assertEquals(3, unknown.exit, unknown.out);
        assertEquals(List.of("ntp silent 1123", "ntp 7ms 123", "chrony 6ms 323", "ntp 7ms 123"), refs.asked);
    }

    @Test
    void usageErrorsExit64NamingTheOption() {
        FakeReferences refs = new FakeReferences();
        String[][] bad = {
                {"--bogus"}, {"--ntp"}, {"--ntp", "--watch"}, {"--ntp", "a:0"}, {"--ntp", "a:65536"}, {"--ntp", "a:x"},
                {"--ntp", ":123"}, {"--ntp", "[::1"}, {"--threshold", "0"}, {"--threshold", "-5"}, {"--threshold", "x"},
                {"--timeout", "0"}, {"--interval", "5"}, {"--watch", "--checks", "0"}, {"--watch", "--interval", "0"}};
        for (String[] args : bad) {
            Run r = run(kernel(true, 1_000), refs, args);
            assertEquals(64, r.exit, String.join(" ", args));
            assertTrue(r.err.startsWith("time-monitor: "), r.err);
            assertTrue(r.err.contains("Usage: java -jar time-monitor.jar"), r.err);
            assertEquals("", r.out);
        }
        assertTrue(refs.asked.isEmpty(), "nothing is built from a bad command line");
        assertTrue(run(kernel(true, 1_000), refs, "--threshold", "0").err
                .startsWith("time-monitor: --threshold must be positive: 0\n"));
        Run help = run(kernel(true, 1_000), refs, "--help");
        assertEquals(0, help.exit);
        assertTrue(help.out.startsWith("Usage: "));
    }

    @Test
    void hostsAndPortsParseAsOperatorsWriteThem() {
        assertEquals(new MonitorCli.Options.Ref("--ntp", "[::1]:11123", "::1", 11123),
                MonitorCli.Options.hostPort("--ntp", "[::1]:11123", 123));
        assertEquals(new MonitorCli.Options.Ref("--ntp", "[::1]", "::1", 123),
                MonitorCli.Options.hostPort("--ntp", "[::1]", 123));
        assertEquals(new MonitorCli.Options.Ref("--ntp", "fe80::1", "fe80::1", 123),
                MonitorCli.Options.hostPort("--ntp", "fe80::1", 123));
        assertEquals(new MonitorCli.Options.Ref("--chrony", "localhost", "localhost", 323),
                MonitorCli.Options.hostPort("--chrony", "localhost", 323));
        assertThrows(IllegalArgumentException.class, () -> MonitorCli.Options.hostPort("--ntp", "[::1]x", 123));
    }

    /** The options reach the library's REAL references; here each is pointed at something that cannot answer. */
    @Test
    void eachOptionBuildsTheRealReferenceWhichSaysWhyItDoesNotAnswer() {
        Run r = run(kernel(true, 1_000), CliReferences.INSTANCE,
                "--ntp", "127.0.0.1:9", "--chrony", "127.0.0.1:9", "--phc", "/dev/null", "--timeout", "1");
        assertEquals(1, r.exit, r.out + r.err); // the kernel vouches; configured references silent: DEGRADED
        for (String name : new String[] {"ntp:127.0.0.1:9", "chrony:127.0.0.1:9", "phc:/dev/null"}) {
            assertTrue(r.out.contains(name + " no answer: "), name + " in\n" + r.out);
        }
    }

    @Test
    void watchPrintsEveryCheckAndStopsAfterTheCountGiven() {
        Run r = run(TimeSource.system(), new FakeReferences(), "--watch", "--interval", "0.001", "--checks", "3",
                "--ntp", "0ms");
        assertEquals(3, r.out.split("Clock health at ", -1).length - 1, r.out);
        assertTrue(r.exit >= 0 && r.exit <= 3, "exit " + r.exit);
    }
}
