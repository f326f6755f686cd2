package io.obstime.monitor;

import io.obstime.clock.ClockBackend;
import io.obstime.clock.ClockStatus;
import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.LeapState;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.TaiSource;
import io.obstime.clock.TimeSource;
import io.obstime.clock.UtcTime;

import java.time.Instant;

/**
 * A FAKE kernel state over simulated time: readings from a {@link SimulatedTimeSource}, {@link #status()} as the test
 * sets it (unsynchronised, a wrong TAI offset, no native access), which a simulated source cannot show.
 */
final class StatusClock implements TimeSource {

    final SimulatedTimeSource time;
    volatile ClockStatus status;

    StatusClock(String utc) {
        this.time = SimulatedTimeSource.startingAt(UtcTime.of(Instant.parse(utc)), LeapSecondTable.bundled());
        synchronised(1_000);
    }

    /** A synchronised kernel with this maximum error and the right TAI offset. */
    StatusClock synchronised(long maxErrorMicros) {
        return with(true, maxErrorMicros, time.taiOffset(), ClockBackend.JNA);
    }

    /** An unsynchronised kernel (chrony without rtcsync) with a maximum error of 16 s and the right TAI offset. */
    StatusClock unsynchronised() {
        return with(false, 16_000_000, time.taiOffset(), ClockBackend.JNA);
    }

    StatusClock with(boolean synchronised, long maxErrorMicros, int kernelTaiOffset, ClockBackend backend) {
        status = new ClockStatus(synchronised, maxErrorMicros, maxErrorMicros < 0 ? -1 : maxErrorMicros / 2,
                LeapState.NONE, kernelTaiOffset, time.taiOffset(),
                kernelTaiOffset == time.taiOffset() ? TaiSource.KERNEL : TaiSource.LEAP_SECOND_TABLE, backend);
        return this;
    }

    @Override
    public long utcNanos() {
        return time.utcNanos();
    }

    @Override
    public long taiNanos() {
        return time.taiNanos();
    }

    @Override
    public int taiOffset() {
        return time.taiOffset();
    }

    @Override
    public ClockStatus status() {
        return status;
    }

    @Override
    public LeapSecondTable leapSeconds() {
        return time.leapSeconds();
    }
}
