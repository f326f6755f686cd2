package io.obstime.clock;

import static io.obstime.clock.FakeKernelClock.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.obstime.clock.internal.linux.KernelTimex;
import java.time.Instant;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * CLOCK_TAI or the table, for a random kernel offset at a random UTC instant (near the table's leap midnights, and
 * anywhere in 1972-2100, where the bundled table has expired after 2027-06-28). The rule, in whole seconds: the
 * kernel is read when its offset equals the table's, or is one more inside [M − 1 s, M + 1 s) of an inserted leap
 * second M or during TIME_OOP, or is one off an expired table. The readings then come from CLOCK_TAI (its marker
 * nanoseconds show), otherwise they are the table's mapping of the UTC reading.
 */
class KernelDecisionPropertiesTest {

    private static final LeapSecondTable TABLE = LeapSecondTable.bundled()
            .withLeapSecond(LocalDate.of(2026, 12, 31), true)
            .withLeapSecond(LocalDate.of(2027, 6, 30), false);
    private static final long FROM_1972 = Instant.parse("1972-01-01T00:00:00Z").getEpochSecond() * SECOND;

    @Property(tries = 1_000)
    void kernelIsReadExactlyWhenTheRuleAllows(@ForAll("instants") long utcNanos,
                                               @ForAll @IntRange(min = -3, max = 3) int kernelMinusTable,
                                               @ForAll @LongRange(min = -80_000_000, max = 80_000_000) long skewNanos,
                                               @ForAll boolean timeOop) {
        int tableOffset = TABLE.taiMinusUtcAtUtcNanos(utcNanos);
        FakeKernelClock kernel = new FakeKernelClock(Instant.EPOCH);
        kernel.realtimeNanos = utcNanos;
        kernel.kernelTaiOffset = tableOffset + kernelMinusTable;
        kernel.taiMarkerNanos = skewNanos; // the kernel's TAI a little off whole seconds, as two reads apart are
        kernel.state = timeOop ? KernelTimex.TIME_OOP : KernelTimex.TIME_ERROR;
        SystemTimeSource source = new SystemTimeSource(kernel, TABLE, "property", null);

        boolean expired = TABLE.isExpiredAt(Instant.ofEpochSecond(Math.floorDiv(utcNanos, SECOND)));
        boolean leapAllowance = kernelMinusTable == 1 && (insertionWithinASecond(utcNanos) || timeOop);
        boolean trusted = kernelMinusTable == 0 || leapAllowance || (Math.abs(kernelMinusTable) == 1 && expired);
        ClockStatus status = source.status();
        String context = "UTC " + Instant.ofEpochSecond(0, utcNanos) + ", kernel − table " + kernelMinusTable
                + " s, TIME_OOP " + timeOop + ", expired " + expired;
        assertEquals(trusted ? TaiSource.KERNEL : TaiSource.LEAP_SECOND_TABLE, status.taiSource(), context);
        long tai = source.taiNanos();
        if (trusted) {
            assertEquals(utcNanos + kernel.kernelTaiOffset * SECOND + skewNanos, tai, context);
        } else if (!timeOop) {
            assertEquals(TABLE.utcToTaiNanos(utcNanos), tai, context);
        }
        // One WARN for the table path, or for trusting a kernel one second off an expired table; none otherwise.
        boolean warned = !trusted || (kernelMinusTable != 0 && !leapAllowance);
        assertEquals(warned ? 1 : 0, source.warningsLogged(), context);
    }

    private static boolean insertionWithinASecond(long utcNanos) {
        return TABLE.leapSeconds().stream().anyMatch(l -> {
            long m = l.utcEpochSecond() * SECOND;
            boolean insertion = TABLE.taiMinusUtcAtUtcNanos(m) > TABLE.taiMinusUtcAtUtcNanos(m - 1);
            return insertion && utcNanos >= m - SECOND && utcNanos < m + SECOND;
        });
    }

    @Provide
    Arbitrary<Long> instants() {
        Long[] midnights = TABLE.leapSeconds().stream().map(l -> l.utcEpochSecond() * SECOND)
                .filter(m -> m > FROM_1972).toArray(Long[]::new);
        Arbitrary<Long> nearLeap = Arbitraries.of(midnights).flatMap(m ->
                Arbitraries.longs().between(-3 * SECOND, 3 * SECOND).map(d -> m + d));
        Arbitrary<Long> anywhere = Arbitraries.longs().between(FROM_1972,
                Instant.parse("2100-01-01T00:00:00Z").getEpochSecond() * SECOND);
        return Arbitraries.oneOf(nearLeap, nearLeap, anywhere);
    }
}
