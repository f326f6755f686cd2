package io.obstime.clock;

/**
 * Something driven by a {@link SimulatedTimeSource}, such as a scheduler: the source stops at each of its deadlines
 * while it advances, the way a real clock would pass them.
 *
 * <p>Every method is called on the thread that calls {@code advance} or {@code step}, one call at a time.
 */
public interface SimulatedTimeListener {

    /**
     * @return the earliest TAI deadline (nanoseconds since 1970-01-01T00:00:00 TAI) this listener waits for, or
     *         {@link Long#MAX_VALUE} for none
     */
    long nextDeadlineTaiNanos();

    /**
     * Called with the simulated clock reading exactly {@code nowTaiNanos}: at each deadline the source passes, after a
     * step, and at the end of an advance.
     *
     * @param nowTaiNanos the simulated TAI now, nanoseconds since 1970-01-01T00:00:00 TAI
     */
    void onTime(long nowTaiNanos);

    /**
     * Called once at the end of each {@code advance} or {@code step}, after its last {@link #onTime} call, also when
     * that move ends with an exception. This is where a listener reports what went wrong during the move as a whole:
     * what it throws here propagates from {@code advance}/{@code step} (after every listener's {@code moveEnded} has
     * been called: the first exception is thrown, later ones are added to it as suppressed; if the move itself threw,
     * they are added to that exception). Does nothing by default.
     *
     * @param nowTaiNanos the simulated TAI now, nanoseconds since 1970-01-01T00:00:00 TAI
     */
    default void moveEnded(long nowTaiNanos) {
    }
}
