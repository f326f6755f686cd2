package io.obstime.monitor.internal.chrony;

/**
 * chrony's 32-bit floating-point format on its command port (candm.h, "Float"): a 7-bit signed exponent {@code e}
 * in the top bits and a 25-bit signed (two's complement) coefficient {@code c} without hidden bit, big-endian; the
 * value is c × 2<sup>e − 25</sup>. Every such value is exactly a double, so {@link #decode} is exact.
 */
public final class ChronyFloat {

    static final int COEFFICIENT_BITS = 25;
    static final int EXPONENT_MIN = -64;
    static final int EXPONENT_MAX = 63;
    static final int COEFFICIENT_MAX = (1 << (COEFFICIENT_BITS - 1)) - 1;

    private ChronyFloat() {
    }

    /**
     * @param bits the 32 bits as read (big-endian) from the wire
     * @return the value, exactly
     */
    public static double decode(int bits) {
        int exponent = bits >> COEFFICIENT_BITS; // arithmetic shift: the sign-extended 7-bit exponent
        int coefficient = (bits << (32 - COEFFICIENT_BITS)) >> (32 - COEFFICIENT_BITS);
        return Math.scalb((double) coefficient, exponent - COEFFICIENT_BITS);
    }

    /**
     * The nearest value in the format (ties to even), saturating at its largest magnitude (about 2<sup>62</sup>);
     * values below its smallest step (2<sup>-89</sup>) become 0. For replies made by tests.
     *
     * @param value a finite double
     * @return the 32 bits to put on the wire
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public static int encode(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite: " + value);
        }
        if (value == 0) {
            return 0;
        }
        // |value| < 2^(getExponent + 1), so with e = getExponent + 2 the coefficient is below 2^24 in magnitude.
        int exponent = Math.max(EXPONENT_MIN, Math.min(EXPONENT_MAX, Math.getExponent(value) + 2));
        double coefficient = Math.rint(Math.scalb(value, COEFFICIENT_BITS - exponent));
        if (Math.abs(coefficient) > COEFFICIENT_MAX) {
            if (exponent < EXPONENT_MAX) {
                exponent++;
                coefficient = Math.rint(Math.scalb(value, COEFFICIENT_BITS - exponent));
            } else {
                coefficient = Math.copySign(COEFFICIENT_MAX, value);
            }
        }
        return exponent << COEFFICIENT_BITS | ((int) coefficient & ((1 << COEFFICIENT_BITS) - 1));
    }
}
