package io.obstime.monitor.internal.chrony;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** chrony's 32-bit float: 7-bit signed exponent e, 25-bit signed coefficient c, value c × 2^(e − 25). */
class ChronyFloatPropertiesTest {

    @Example
    void handDecodedValues() {
        assertEquals(0.0, ChronyFloat.decode(0));
        assertEquals(Math.scalb(1.0, -25), ChronyFloat.decode(0x0000_0001), "e 0, c 1");
        assertEquals(-Math.scalb(1.0, -25), ChronyFloat.decode(0x01FF_FFFF), "e 0, c -1 (25 ones)");
        assertEquals(Math.scalb(1.0, -26), ChronyFloat.decode(0xFE00_0001), "e -1 (7 ones), c 1");
        assertEquals(1.0, ChronyFloat.decode(0x0480_0000), "e 2, c 2^23");
        assertEquals(-Math.scalb(1.0, 24 + 63 - 25), ChronyFloat.decode(0x7F00_0000), "e 63, c -2^24: the most negative");
        assertEquals(0x0480_0000, ChronyFloat.encode(1.0));
    }

    @Property
    void decodingIsExact(@ForAll int bits) {
        int exponent = bits >> 25;
        int coefficient = (bits & 0x01FF_FFFF) >= 0x0100_0000 ? (bits & 0x01FF_FFFF) - 0x0200_0000 : bits & 0x01FF_FFFF;
        BigDecimal exact = new BigDecimal(coefficient).multiply(exponent >= 25
                ? new BigDecimal(java.math.BigInteger.TWO.pow(exponent - 25))
                : BigDecimal.ONE.divide(new BigDecimal(java.math.BigInteger.TWO.pow(25 - exponent))));
        assertEquals(0, exact.compareTo(new BigDecimal(ChronyFloat.decode(bits))), () -> Integer.toHexString(bits));
    }

    @Property
    void encodingIsTheNearestWithinHalfAStep(@ForAll @DoubleRange(min = -1e18, max = 1e18) double value) {
        double back = ChronyFloat.decode(ChronyFloat.encode(value));
        // The coefficient's magnitude is at least 2^23: a step is at most 2^-23 of the value, the error half that;
        // except below 2^-65, where the exponent bottoms out and the absolute step is 2^-89.
        assertTrue(Math.abs(back - value) <= Math.max(Math.abs(value) * Math.scalb(1.0, -24), Math.scalb(1.0, -90)),
                () -> value + " -> " + back);
        assertEquals(Math.signum(value), Math.signum(back) == 0 ? Math.signum(value) : Math.signum(back));
    }

    @Property
    void whatDecodesReEncodesToTheSameValue(@ForAll int bits) {
        double value = ChronyFloat.decode(bits);
        assertEquals(value, ChronyFloat.decode(ChronyFloat.encode(value)), () -> Integer.toHexString(bits));
    }

    @Example
    void nonFiniteValuesAreRefused() {
        assertEquals("value must be finite: NaN",
                assertThrows(IllegalArgumentException.class, () -> ChronyFloat.encode(Double.NaN)).getMessage());
    }
}
