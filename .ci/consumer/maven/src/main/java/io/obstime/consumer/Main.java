package io.obstime.consumer;

import io.obstime.clock.ClockBackend;
import io.obstime.clock.ClockStatus;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;
import io.obstime.monitor.ClockHealth;
import io.obstime.monitor.ClockMonitor;
import io.obstime.scheduler.TimeScheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Prints TAI, checks the clock backend is the expected one, that a standalone scheduler fires a task and that the
 * clock monitor checks the kernel (its verdict depends on the machine and is only printed): what a user does first.
 * Exit 0 when all holds, 1 otherwise.
 *
 * <p>Usage: {@code Main EXPECTED_BACKEND} (FFM, JNA or FALLBACK).
 */
public final class Main {

    public static void main(String[] args) throws Exception {
        ClockBackend expected = ClockBackend.valueOf(args[0]);
        TimeSource clock = TimeSource.system();
        UtcTime utc = UtcTime.now();
        TaiTime tai = TaiTime.now();
        ClockStatus status = clock.status();
        Module module = TaiTime.class.getModule();
        System.out.println("consumer: TAI " + tai + ", UTC " + utc + ", TAI - UTC " + TaiTime.offset() + " s, backend "
                + status.backend() + ", obstime in " + (module.isNamed() ? "module " + module.getName()
                : "the unnamed module"));
        boolean ok = true;
        if (status.backend() != expected) {
            System.out.println("consumer: FAIL: backend " + status.backend() + ", expected " + expected);
            ok = false;
        }
        // TAI - UTC is 37 s since 2017 and the bundled table knows no later leap second before its expiry.
        long gapNanos = tai.epochNanos() - utc.epochNanos();
        if (TaiTime.offset() < 37 || Math.abs(gapNanos - TaiTime.offset() * 1_000_000_000L) > 1_000_000_000L) {
            System.out.println("consumer: FAIL: TAI - UTC read as " + gapNanos + " ns, offset " + TaiTime.offset());
            ok = false;
        }
        CountDownLatch fired = new CountDownLatch(1);
        try (TimeScheduler scheduler = TimeScheduler.standalone(clock)) {
            scheduler.scheduleOnce(TaiTime.now().plus(Duration.ofMillis(50)), fired::countDown);
            if (!fired.await(5, TimeUnit.SECONDS)) {
                System.out.println("consumer: FAIL: a task scheduled 50 ms ahead did not run within 5 s");
                ok = false;
            }
        }
        try (ClockMonitor monitor = ClockMonitor.builder().clock(clock).build()) {
            ClockHealth health = monitor.checkNow();
            System.out.println("consumer: clock monitor verdict " + health.verdict() + ", monitor in "
                    + ClockMonitor.class.getModule());
            if (health.readings().isEmpty() || !health.readings().get(0).reference().equals("kernel")) {
                System.out.println("consumer: FAIL: the monitor's check has no kernel reading: " + health);
                ok = false;
            }
        }
        System.out.println(ok ? "consumer: OK" : "consumer: FAILED");
        System.exit(ok ? 0 : 1);
    }

    private Main() {}
}
