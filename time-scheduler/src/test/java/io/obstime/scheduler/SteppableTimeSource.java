package io.obstime.scheduler;

import io.obstime.clock.ClockBackend;
import io.obstime.clock.ClockStatus;
import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.LeapState;
import io.obstime.clock.TaiSource;
import io.obstime.clock.TimeSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real-thread test clock: the system clock plus an offset the test can step, so the scheduler runs its own timer
 * thread (it is not a SimulatedTimeSource) while the test moves TAI and UTC together, as a step of the system clock
 * would (only this object's offset moves).
 */
final class SteppableTimeSource implements TimeSource {

    private final TimeSource system = TimeSource.system();
    private final AtomicLong stepNanos = new AtomicLong();

    void step(long nanos) {
        stepNanos.addAndGet(nanos);
    }

    @Override
    public long utcNanos() {
        return system.utcNanos() + stepNanos.get();
    }

    @Override
    public long taiNanos() {
        return system.taiNanos() + stepNanos.get();
    }

    @Override
    public int taiOffset() {
        return system.taiOffset();
    }

    @Override
    public ClockStatus status() {
        return new ClockStatus(false, -1, -1, LeapState.UNKNOWN, -1, taiOffset(), TaiSource.LEAP_SECOND_TABLE,
                ClockBackend.FALLBACK);
    }

    @Override
    public LeapSecondTable leapSeconds() {
        return system.leapSeconds();
    }
}
