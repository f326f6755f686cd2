package io.obstime.monitor.example;

import io.obstime.clock.TimeSource;
import io.obstime.monitor.ChronyReference;
import io.obstime.monitor.ClockReference;
import io.obstime.monitor.NtpReference;
import io.obstime.monitor.ReferenceReading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The README's example of the NTP and chrony references ("### NTP and chrony references"), copied verbatim there. */
public final class ReferencesExample {

    private ReferencesExample() {
    }

    /**
     * Measures an NTP server and chronyd's view once each.
     *
     * @param ntpServer         the NTP server's host
     * @param ntpPort           its port
     * @param chronyCommandPort chronyd's command port on 127.0.0.1
     * @return the two readings
     */
    public static List<ReferenceReading> check(String ntpServer, int ntpPort, int chronyCommandPort) {
        TimeSource clock = TimeSource.system();
        List<ReferenceReading> readings = new ArrayList<>();
        try (ClockReference ntp = NtpReference.builder(ntpServer).port(ntpPort)
                     .samples(4).sampleSpacing(Duration.ofMillis(20)).build();   // own server: no rate limit
             ClockReference chrony = ChronyReference.udp("127.0.0.1", chronyCommandPort)) {
            for (ClockReference reference : List.of(ntp, chrony)) {
                ReferenceReading reading = reference.measure(clock, Duration.ofSeconds(2));
                System.out.println(reading);   // offset, ± bound, ...; or "no answer: " and the reason
                readings.add(reading);
            }
        }
        return readings;
    }
}
