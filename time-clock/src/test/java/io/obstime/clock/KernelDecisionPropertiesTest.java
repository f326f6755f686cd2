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

/**
 * The decision's rule against a kernel whose offset is anything near the table's, at any instant away from a
 * midnight (the windows around midnights have their own properties): TAI is UTC + the table's offset, except that a
 * kernel one second off an <em>expired</em> table is followed (one WARN); adjtimex's TIME_OOP outside a midnight
 * changes nothing. {@link TaiSource#KERNEL} exactly when the kernel's offset is the one delivered; one WARN when it
 * is not, or when the kernel is followed beyond the table; none otherwise.
 */
class KernelDecisionPropertiesTest {

    private static final LeapSecondTable TABLE = LeapSecondTable.bundled()
            .withLeapSecond(LocalDate.of(2026, 12, 31), true);
    private static final long FROM_1972 = Instant.parse("1972-01-01T00:00:00Z").getEpochSecond() * SECOND;
    private static final long DAY = 86_400 * SECOND;

    @Property(tries = 1_000)
    void taiIsTheTablesOffsetUnlessAnExpiredTableIsOneSecondOffTheKernel(
            @ForAll("instants") long utcNanos,
            @ForAll @IntRange(min = -3, max = 3) int kernelMinusTable,
            @ForAll boolean timeOop) {
        int tableOffset = TABLE.taiMinusUtcAtUtcNanos(utcNanos);
        FakeKernelClock kernel = new FakeKernelClock(Instant.EPOCH);
        kernel.realtimeNanos = utcNanos;
        kernel.kernelTaiOffset = tableOffset + kernelMinusTable;
        kernel.state = timeOop ? KernelTimex.TIME_OOP : KernelTimex.TIME_ERROR;
        SystemTimeSource source = new SystemTimeSource(kernel, TABLE, "property", null);

        boolean expired = TABLE.isExpiredAt(Instant.ofEpochSecond(Math.floorDiv(utcNanos, SECOND)));
        boolean followKernel = expired && Math.abs(kernelMinusTable) == 1;
        int delivered = followKernel ? kernel.kernelTaiOffset : tableOffset;
        String context = "UTC " + Instant.ofEpochSecond(0, utcNanos) + ", kernel − table " + kernelMinusTable
                + " s, TIME_OOP " + timeOop + ", expired " + expired;
        ClockStatus status = source.status();
        assertEquals(kernelMinusTable == 0 || followKernel ? TaiSource.KERNEL : TaiSource.LEAP_SECOND_TABLE,
                status.taiSource(), context);
        assertEquals(delivered, status.taiOffset(), context);
        assertEquals(utcNanos + delivered * SECOND, source.taiNanos(), context);
        boolean warned = kernelMinusTable != 0;
        assertEquals(warned ? 1 : 0, source.warningsLogged(), context);
    }

    @Provide
    Arbitrary<Long> instants() {
        // Anywhere from 1972 to 2100 but the two seconds around a midnight; half of them in the days of a leap second.
        Long[] midnights = TABLE.leapSeconds().stream().map(l -> l.utcEpochSecond() * SECOND)
                .filter(m -> m > FROM_1972).toArray(Long[]::new);
        Arbitrary<Long> nearLeap = Arbitraries.of(midnights).flatMap(m ->
                Arbitraries.longs().between(SECOND, DAY - SECOND - 1).map(d -> m + (d % 2 == 0 ? d : d - DAY)));
        Arbitrary<Long> anywhere = Arbitraries.longs().between(FROM_1972,
                Instant.parse("2100-01-01T00:00:00Z").getEpochSecond() * SECOND)
                .filter(u -> Math.floorMod(u, DAY) >= SECOND && Math.floorMod(u, DAY) < DAY - SECOND);
        return Arbitraries.oneOf(nearLeap, anywhere);
    }
}
