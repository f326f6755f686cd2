package io.obstime.monitor;

import io.obstime.clock.ClockStatus;
import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.TimeSource;

/** A real time source read {@code shiftNanos} ahead (positive) or behind: a system clock that is off. */
final class ShiftedTimeSource implements TimeSource {

    private final TimeSource base;
    private final long shiftNanos;

    private ShiftedTimeSource(TimeSource base, long shiftNanos) {
        this.base = base;
        this.shiftNanos = shiftNanos;
    }

    static TimeSource of(TimeSource base, long shiftNanos) {
        return new ShiftedTimeSource(base, shiftNanos);
    }

    @Override
    public long utcNanos() {
        return base.utcNanos() + shiftNanos;
    }

    @Override
    public long taiNanos() {
        return base.taiNanos() + shiftNanos;
    }

    @Override
    public int taiOffset() {
        return base.taiOffset();
    }

    @Override
    public ClockStatus status() {
        return base.status();
    }

    @Override
    public LeapSecondTable leapSeconds() {
        return base.leapSeconds();
    }
}
