package io.obstime.clock;

/**
 * UT1 − UTC at one instant, as a {@link Ut1Table} interpolates it from IERS Bulletin A: the value (often called DUT1,
 * the FITS keyword at Rubin and elsewhere), its published uncertainty, and whether it rests on a prediction.
 *
 * @param ut1MinusUtcNanos UT1 − UTC in nanoseconds (within ±0.9 s); inside an inserted leap second, where UTC repeats
 *                         23:59:59 as {@code CLOCK_REALTIME} does, the value after the leap
 * @param uncertaintyNanos the Bulletin A error of UT1 − UTC, nanoseconds: the larger of the two tabulated days' (on
 *                         a tabulated day, that day's)
 * @param predicted        true if the value rests on a prediction (flag {@code P}), not only on measurements
 *                         ({@code I})
 */
public record Ut1MinusUtc(long ut1MinusUtcNanos, long uncertaintyNanos, boolean predicted) {

    /** @return UT1 − UTC in seconds, as a double (exact to well below a nanosecond in this range) */
    public double seconds() {
        return ut1MinusUtcNanos / 1e9;
    }

    /** @return the uncertainty in seconds, as a double */
    public double uncertaintySeconds() {
        return uncertaintyNanos / 1e9;
    }
}
