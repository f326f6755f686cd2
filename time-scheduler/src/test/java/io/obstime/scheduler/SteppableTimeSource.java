package io.obstime.scheduler;

import io.obstime.clock.ClockBackend;
import io.obstime.clock.ClockStatus;
import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.LeapState;
import io.obstime.clock.TaiSource;
import io.obstime.clock.TimeSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A real-thread test clock: the system clock (or a base TAI reading the test supplies) plus an offset the test can
 * step, so the scheduler runs its own timer thread (it is not a SimulatedTimeSource) while the test moves TAI and UTC
 * together, as a step of the system clock would (only this object's offset moves).
 */
final class SteppableTimeSource implements TimeSource {

    private static final long UNARMED = Long.MAX_VALUE;

    private final TimeSource system = TimeSource.system();
    private final LongSupplier baseTaiNanos;
    private final AtomicLong stepNanos = new AtomicLong();
    private final AtomicLong stepAtTaiNanos = new AtomicLong(UNARMED);
    private volatile long pendingStepNanos;
    private volatile boolean stepped;

    /** On the system clock. */
    SteppableTimeSource() {
        this.baseTaiNanos = system::taiNanos;
    }

    /** On {@code baseTaiNanos}, read at each {@link #taiNanos()} (UTC is that less the system's TAI offset). */
    SteppableTimeSource(LongSupplier baseTaiNanos) {
        this.baseTaiNanos = baseTaiNanos;
    }

    void step(long nanos) {
        stepNanos.addAndGet(nanos);
        stepped = true;
    }

    /** Steps by {@code nanos} once, in the first TAI reading that reaches {@code taiNanos}: in the reader's thread. */
    void stepWhenReaching(long taiNanos, long nanos) {
        pendingStepNanos = nanos;
        stepAtTaiNanos.set(taiNanos);
    }

    /** @return true once a step was made */
    boolean stepped() {
        return stepped;
    }

    @Override
    public long utcNanos() {
        return taiNanos() - system.taiOffset() * 1_000_000_000L;
    }

    @Override
    public long taiNanos() {
        long tai = baseTaiNanos.getAsLong() + stepNanos.get();
        long at = stepAtTaiNanos.get();
        if (tai >= at && stepAtTaiNanos.compareAndSet(at, UNARMED)) {
            step(pendingStepNanos);
            tai += pendingStepNanos;
        }
        return tai;
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
