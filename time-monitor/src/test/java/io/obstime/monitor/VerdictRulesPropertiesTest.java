package io.obstime.monitor;

import io.obstime.clock.ClockStatus;
import io.obstime.clock.LeapState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static io.obstime.monitor.VerdictRulesTest.AT;
import static io.obstime.monitor.VerdictRulesTest.KERNEL;
import static io.obstime.monitor.VerdictRulesTest.MS;
import static io.obstime.monitor.VerdictRulesTest.THRESHOLD;
import static io.obstime.monitor.VerdictRulesTest.assess;
import static io.obstime.monitor.VerdictRulesTest.kernel;
import static io.obstime.monitor.VerdictRulesTest.ntp;
import static io.obstime.monitor.VerdictRulesTest.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The verdict rules over generated readings: the rules as the issue states them, and no overflow anywhere. */
class VerdictRulesPropertiesTest {


    @Property
    void apartIsExactForEveryPairOfLongs(@ForAll long a, @ForAll long b, @ForAll("limits") long limit) {
        boolean exact = BigInteger.valueOf(a).subtract(BigInteger.valueOf(b)).abs()
                .compareTo(BigInteger.valueOf(limit)) > 0;
        assertEquals(exact, VerdictRules.apart(a, b, limit));
    }

    @Provide
    Arbitrary<Long> limits() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE);
    }

    @Provide
    Arbitrary<ReferenceReading> readings() {
        Arbitrary<String> names = Arbitraries.of("ntp:a", "ntp:b", "chrony", "phc:/dev/ptp0");
        Arbitrary<Long> offsets = Arbitraries.oneOf(Arbitraries.longs().between(-20 * MS, 20 * MS),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE));
        Arbitrary<Long> uncertainties = Arbitraries.longs().between(0, 20 * MS);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 2);
        return Combinators.combine(names, offsets, uncertainties, kind).as((n, o, u, k) -> switch (k) {
            case 0 -> ntp(n, o, u);
            case 1 -> ReferenceReading.bounded(n, AT, u, LeapState.NONE, "");
            default -> silent(n);
        });
    }

    @Provide
    Arbitrary<List<ReferenceReading>> readingLists() {
        return readings().list().ofMaxSize(4);
    }

    @Property
    void theVerdictFollowsItsDefinition(@ForAll boolean synced, @ForAll("readingLists") List<ReferenceReading> configured) {
        ClockStatus k = kernel(synced, synced ? 2_000 : 16_000_000, 37);
        VerdictRules.Assessment a = assess(k, configured.toArray(ReferenceReading[]::new));
        List<ReferenceReading> all = new ArrayList<>();
        all.add(KERNEL.reading(k, AT));
        all.addAll(configured);
        List<ReferenceReading> answered = all.stream().filter(ReferenceReading::answered).toList();
        assertFalse(a.reasons().isEmpty());
        if (answered.isEmpty()) {
            assertEquals(Verdict.UNKNOWN, a.verdict());
            return;
        }
        long smallest = answered.stream().mapToLong(ReferenceReading::uncertaintyNanos).min().orElseThrow();
        assertEquals(smallest, a.best().uncertaintyNanos(), "the best has the smallest uncertainty");
        boolean beyond = VerdictRules.apart(a.best().offsetNanos(), 0, THRESHOLD);
        boolean disagree = false;
        for (ReferenceReading x : answered) {
            for (ReferenceReading y : answered) {
                disagree |= x.uncertaintyNanos() <= THRESHOLD && y.uncertaintyNanos() <= THRESHOLD
                        && VerdictRules.apart(x.offsetNanos(), y.offsetNanos(), THRESHOLD);
            }
        }
        boolean silentConfigured = configured.stream().anyMatch(r -> !r.answered());
        Verdict expected = beyond || disagree ? Verdict.ALERT
                : a.best().uncertaintyNanos() > THRESHOLD || silentConfigured ? Verdict.DEGRADED : Verdict.OK;
        assertEquals(expected, a.verdict(), a.reasons().toString());
    }

    @Property
    void theKernelsUnsynchronisedFlagNeverRaisesTheVerdictWhenAnotherReferenceAnswers(
            @ForAll("readingLists") List<ReferenceReading> configured) {
        if (configured.stream().noneMatch(ReferenceReading::answered)) {
            return;
        }
        ReferenceReading[] refs = configured.toArray(ReferenceReading[]::new);
        Verdict unsynced = assess(kernel(false, 16_000_000, 37), refs).verdict();
        // The same kernel synchronised with a bound too wide to matter (never the best, never trusted): the same verdict.
        Verdict wide = assess(kernel(true, 1_000_000_000, 37), refs).verdict();
        assertSame(wide, unsynced);
    }
}
