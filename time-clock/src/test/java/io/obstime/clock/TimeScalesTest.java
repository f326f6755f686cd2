package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.threeten.extra.scale.TaiInstant;
import org.threeten.extra.scale.UtcInstant;

/** TT, GPS and Modified Julian Dates against published values; each expected number says where it comes from. */
class TimeScalesTest {

    private static final LeapSecondTable TABLE = LeapSecondTable.bundled();

    @Test
    void sofaCookbookExampleUtcToTaiAndTt() {
        // SOFA "Time Scale and Calendar Tools" (IAU SOFA, 2023), section 4.4 example: UTC 2006-01-15 21:24:37.5 is
        // TAI 21:25:10.5 and TT 21:25:42.684 (also what astropy 5.2.1 prints for Time(...).tai / .tt).
        TaiTime tai = UtcTime.parse("2006-01-15T21:24:37.5Z UTC").toTai(TABLE);
        assertEquals(TaiTime.parse("2006-01-15T21:25:10.5 TAI"), tai);
        assertEquals(TtTime.parse("2006-01-15T21:25:42.684 TT"), tai.toTt());
        assertEquals(tai, tai.toTt().toTai());
    }

    @Test
    void j2000IsJd2451545TtAnd115855816Utc() {
        // J2000.0 = JD 2451545.0 TT = 2000-01-01T12:00:00 TT (IAU 1976/1994) = 11:59:27.816 TAI = 11:58:55.816 UTC
        // (USNO; astropy 5.2.1: Time(2451545.0, format='jd', scale='tt').utc.isot).
        TtTime j2000 = TtTime.parse("2000-01-01T12:00:00 TT");
        ModifiedJulianDate mjd = j2000.toMjd();
        assertEquals(51544, mjd.day());
        assertEquals(43_200_000_000_000L, mjd.nanosOfDay());
        assertEquals(2451545.0, mjd.jd());
        assertEquals(2451544.5, mjd.jd1());
        assertEquals(0.5, mjd.jd2());
        assertEquals(TaiTime.parse("2000-01-01T11:59:27.816 TAI"), j2000.toTai());
        assertEquals(UtcTime.parse("2000-01-01T11:58:55.816Z UTC"), j2000.toTai().toUtc(TABLE));
        assertEquals(mjd, j2000.toTai().toMjd(TimeScale.TT, TABLE));
    }

    @Test
    void sofaCookbookExampleMjds() {
        // astropy 5.2.1 (ERFA 2.0) for the SOFA example instant: .mjd 53750.892100694444 (UTC), .tai.mjd
        // 53750.89248263889, .tt.mjd 53750.89285513889.
        TaiTime tai = UtcTime.parse("2006-01-15T21:24:37.5Z UTC").toTai(TABLE);
        assertEquals(53750.892100694444, tai.toMjd(TimeScale.UTC, TABLE).mjd(), 1e-11);
        assertEquals(53750.89248263889, tai.toMjd(TimeScale.TAI, TABLE).mjd(), 1e-11);
        assertEquals(53750.89285513889, tai.toMjd(TimeScale.TT, TABLE).mjd(), 1e-11);
        assertEquals("MJD 53750 + 77077.500000000 s UTC", tai.toMjd(TimeScale.UTC, TABLE).toString());
    }

    @Test
    void utcMjdOfALeapSecondFollowsSofaADayOf86401Seconds() {
        // astropy 5.2.1 (ERFA iauDtf2d): Time('2016-12-31T23:59:60.5', scale='utc') has mjd 57753.99999421303,
        // jd1 2457754.0 + jd2 0.49999421302994174 (its own split), TAI 2017-01-01T00:00:36.5.
        TaiTime inside = TaiTime.parseUtc("2016-12-31T23:59:60.5Z UTC", TABLE);
        assertEquals(TaiTime.parse("2017-01-01T00:00:36.5 TAI"), inside);
        ModifiedJulianDate mjd = inside.toMjd(TimeScale.UTC, TABLE);
        assertEquals(57753, mjd.day());
        assertEquals(86_400_500_000_000L, mjd.nanosOfDay());
        assertEquals(86_401_000_000_000L, mjd.dayLengthNanos());
        assertEquals(57753.99999421303, mjd.mjd(), 1e-11);
        assertEquals(2457754.0 + 0.49999421302994174, mjd.jd1() + mjd.jd2(), 1e-9);
        assertEquals(inside, mjd.toTai(TABLE));
        assertEquals("MJD 57753 + 86400.500000000 s UTC", mjd.toString());
        assertEquals(mjd, ModifiedJulianDate.parse("MJD 57753 + 86400.500000000 s UTC"));
    }

    @Test
    void gpsWeekRollOversAreWeeks1024And2048() {
        // IS-GPS-200 / US Coast Guard NAVCEN: the week number rolled over (1023 → 0 in the 10-bit broadcast) at
        // 1999-08-21T23:59:47Z UTC and 2019-04-06T23:59:42Z UTC (GPS − UTC then 13 s and 18 s). astropy 5.2.1:
        // Time('2019-04-06T23:59:42', scale='utc').gps = 1238630400.0 = 2048 × 604800.
        GpsTime first = UtcTime.parse("1999-08-21T23:59:47Z UTC").toTai(TABLE).toGps();
        assertEquals(1024, first.week());
        assertEquals(0, first.nanosOfWeek());
        GpsTime second = UtcTime.parse("2019-04-06T23:59:42Z UTC").toTai(TABLE).toGps();
        assertEquals(2048, second.week());
        assertEquals(1_238_630_400_000_000_000L, second.epochNanos());
        assertEquals("2019-04-07T00:00:00.000000000 GPS", second.toString());
        assertEquals(second, GpsTime.ofWeek(2048, 0));
        assertEquals(0, second.week() % 1024, "the legacy 10-bit week");
        // The epoch: 1980-01-06T00:00:00Z UTC, when TAI − UTC was 19 s.
        assertEquals(GpsTime.ofEpochNanos(0), UtcTime.parse("1980-01-06T00:00:00Z UTC").toTai(TABLE).toGps());
        GpsTime mid = GpsTime.ofWeek(2000, 345_600_123_456_789L);
        assertEquals(345_600.123456789, mid.secondsOfWeek(), 1e-10);
        assertEquals(mid, GpsTime.parse(mid.toString()));
        assertEquals(Duration.ofSeconds(19), mid.toTai().durationUntil(mid.toTai().plus(Duration.ofSeconds(19))));
    }

    @Test
    void taiAgreesWithThreeTenExtraAtEveryLeapSecond() {
        // ThreeTen-Extra 1.11.0 (its own leap-second rules): UtcInstant of (MJD, nanos of day) -> TaiInstant, seconds
        // from 1958-01-01 TAI; 378 691 200 s later is 1970-01-01 TAI. Each leap day's 23:59:60.5 and next midnight.
        for (LeapSecond leap : TABLE.leapSeconds().subList(1, TABLE.leapSeconds().size())) {
            long day = leap.leapDay().toEpochDay() + ModifiedJulianDate.MJD_OF_1970;
            for (long nanosOfDay : new long[] {0, 86_399_999_999_999L, 86_400_500_000_000L}) {
                TaiInstant expected = UtcInstant.ofModifiedJulianDay(day, nanosOfDay).toTaiInstant();
                TaiTime actual = ModifiedJulianDate.of(TimeScale.UTC, day, nanosOfDay, TABLE).toTai(TABLE);
                assertEquals(expected.getTaiSeconds() - 378_691_200L, Math.floorDiv(actual.epochNanos(), 1_000_000_000L));
                assertEquals(expected.getNano(), Math.floorMod(actual.epochNanos(), 1_000_000_000L));
            }
        }
    }

    @Test
    void badInputIsRejectedNamingTheParameterAndValue() {
        IllegalArgumentException notInDay = assertThrows(IllegalArgumentException.class,
                () -> ModifiedJulianDate.of(TimeScale.UTC, 57754, 86_400_000_000_000L, TABLE));
        assertEquals("nanosOfDay 86400000000000 is outside MJD 57754 UTC, a day of 86400 s (0 to 86399999999999)",
                notInDay.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModifiedJulianDate.of(TimeScale.TAI, 57753, -1, TABLE));
        assertThrows(IllegalArgumentException.class,
                () -> ModifiedJulianDate.of(TimeScale.TAI, 57753, 86_400_000_000_000L, TABLE));
        IllegalArgumentException week = assertThrows(IllegalArgumentException.class,
                () -> GpsTime.ofWeek(1, GpsTime.NANOS_PER_WEEK));
        assertEquals("nanosOfWeek 604800000000000 is outside a GPS week (0 to 604799999999999)", week.getMessage());
        assertThrows(ArithmeticException.class, () -> ModifiedJulianDate.of(TimeScale.TT, 1_000_000, 0, TABLE));
        assertThrows(ArithmeticException.class, () -> GpsTime.ofEpochNanos(Long.MAX_VALUE));
        assertThrows(ArithmeticException.class, () -> TaiTime.ofEpochNanos(Long.MAX_VALUE).toTt());
        assertThrows(ArithmeticException.class, () -> TaiTime.ofEpochNanos(Long.MIN_VALUE).toGps());
        DateTimeParseException text = assertThrows(DateTimeParseException.class,
                () -> ModifiedJulianDate.parse("MJD 57753.5 UTC"));
        assertEquals("expected a ModifiedJulianDate as 'MJD <day> + <seconds>.<9 digits> s <UTC|TAI|TT|GPS>', such as "
                + "'MJD 57753 + 86400.500000000 s UTC', found 'MJD 57753.5 UTC'", text.getMessage());
        assertThrows(DateTimeParseException.class, () -> TtTime.parse("2016-12-31T23:59:60 TT"));
        assertThrows(DateTimeParseException.class, () -> GpsTime.parse("2016-12-31T23:59:59Z GPS"));
        assertEquals(TaiTime.of(Instant.parse("2017-01-01T00:00:00Z")).toTt(),
                TtTime.parse("2017-01-01T00:01:09.184 TT"));
    }
}
