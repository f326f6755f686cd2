package io.obstime.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

class SimulatedTimeSourceTest {

    private static final long NANOS = 1_000_000_000L;
    private static final long MILLIS = 1_000_000L;
    private static final LocalDate LEAP_DAY = LocalDate.of(2026, 12, 31);

    /** TAI − UTC since 2017-01-01, from the independently typed IERS history. */
    private static final int OFFSET_NOW = KnownLeapSeconds.HISTORY.get(KnownLeapSeconds.HISTORY.size() - 1)
            .taiMinusUtc();

    private static SimulatedTimeSource at(String utc) {
        return SimulatedTimeSource.startingAt(UtcTime.parse(utc), LeapSecondTable.bundled());
    }

    /** A listener with a set of TAI deadlines; it records every onTime with the clock's readings at that call. */
    private static final class Recorder implements SimulatedTimeListener {
        final String name;
        final SimulatedTimeSource source;
        final TreeSet<Long> deadlines = new TreeSet<>();
        final List<String> log;
        final Map<Long, LongConsumer> actions = new HashMap<>();

        Recorder(String name, SimulatedTimeSource source, List<String> log) {
            this.name = name;
            this.source = source;
            this.log = log;
            source.addListener(this);
        }

        Recorder at(long... taiNanos) {
            for (long t : taiNanos) {
                deadlines.add(t);
            }
            return this;
        }

        @Override
        public long nextDeadlineTaiNanos() {
            return deadlines.isEmpty() ? Long.MAX_VALUE : deadlines.first();
        }

        @Override
        public void onTime(long nowTaiNanos) {
            assertEquals(nowTaiNanos, source.taiNanos(), "the clock reads the instant given to onTime");
            log.add(name + "@" + nowTaiNanos);
            while (!deadlines.isEmpty() && deadlines.first() <= nowTaiNanos) {
                long due = deadlines.pollFirst();
                LongConsumer action = actions.remove(due);
                if (action != null) {
                    action.accept(nowTaiNanos);
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------- readings

    @Test
    void startsAtTheGivenUtcWithTheOffsetOfThatInstant() {
        SimulatedTimeSource source = at("2026-11-21T22:13:00.123456789Z UTC");
        assertEquals(UtcTime.parse("2026-11-21T22:13:00.123456789Z UTC").epochNanos(), source.utcNanos());
        assertEquals(source.utcNanos() + OFFSET_NOW * NANOS, source.taiNanos());
        assertEquals(OFFSET_NOW, source.taiOffset());
        SimulatedTimeSource in1998 = at("1998-06-01T00:00:00Z UTC");
        assertEquals(31, in1998.taiOffset(), "IERS: TAI − UTC = 31 s from 1997-07-01 to 1999-01-01");
    }

    @Test
    void statusIsSynchronisedSimulatedWithNoLeapAnnounced() {
        SimulatedTimeSource source = at("2026-11-21T00:00:00Z UTC");
        assertEquals(new ClockStatus(true, 0, 0, LeapState.NONE, OFFSET_NOW, OFFSET_NOW, TaiSource.SIMULATED,
                ClockBackend.SIMULATED), source.status());
        assertEquals(LeapSecondTable.bundled(), source.leapSeconds());
    }

    @Test
    void nowOfUtcTimeAndTaiTimeReadTheSimulatedSource() {
        SimulatedTimeSource source = at("2026-11-21T00:00:00Z UTC");
        assertEquals(UtcTime.parse("2026-11-21T00:00:00Z UTC"), UtcTime.now(source));
        assertEquals(UtcTime.parse("2026-11-21T00:00:00Z UTC").toTai(LeapSecondTable.bundled()), TaiTime.now(source));
        assertEquals(Duration.ofSeconds(90), UtcTime.parse("2026-11-21T00:01:30Z UTC").durationFromNow(source));
        assertEquals(Duration.ofSeconds(-90), TaiTime.now(source).minus(Duration.ofSeconds(90))
                .durationFromNow(source));
    }

    // ----------------------------------------------------------------------------------- leap seconds

    /** Advances in half seconds from 23:59:58 and records UTC text, TAI − start, offset, leap state. */
    private static List<String> halfSecondsAcrossTheLeap(SimulatedTimeSource source, int steps) {
        long startTai = source.taiNanos();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            seen.add(UtcTime.ofEpochNanos(source.utcNanos()).toString().substring(11, 23) + " tai+"
                    + (source.taiNanos() - startTai) / MILLIS + "ms " + source.taiOffset() + " "
                    + source.status().leapState());
            source.advance(Duration.ofMillis(500));
        }
        return seen;
    }

    @Test
    void repeats2359_59DuringInsertedLeapSecondWhileTaiStaysContinuous() {
        SimulatedTimeSource source = at("2026-12-31T23:59:58Z UTC");
        source.insertLeapSecond(LEAP_DAY);
        assertEquals(List.of(
                "23:59:58.000 tai+0ms 37 INSERT_PENDING",
                "23:59:58.500 tai+500ms 37 INSERT_PENDING",
                "23:59:59.000 tai+1000ms 37 INSERT_PENDING",
                "23:59:59.500 tai+1500ms 37 INSERT_PENDING",
                "23:59:59.000 tai+2000ms 38 IN_PROGRESS",
                "23:59:59.500 tai+2500ms 38 IN_PROGRESS",
                "00:00:00.000 tai+3000ms 38 OCCURRED",
                "00:00:00.500 tai+3500ms 38 OCCURRED"), halfSecondsAcrossTheLeap(source, 8));
        assertEquals(UtcTime.parse("2027-01-01T00:00:01Z UTC").epochNanos(), source.utcNanos());
    }

    @Test
    void skips2359_59DuringDeletedLeapSecond() {
        SimulatedTimeSource source = at("2026-12-31T23:59:58Z UTC");
        source.deleteLeapSecond(LEAP_DAY);
        assertEquals(List.of(
                "23:59:58.000 tai+0ms 37 DELETE_PENDING",
                "23:59:58.500 tai+500ms 37 DELETE_PENDING",
                "00:00:00.000 tai+1000ms 36 OCCURRED",
                "00:00:00.500 tai+1500ms 36 OCCURRED"), halfSecondsAcrossTheLeap(source, 4));
    }

    @Test
    void elapsedTimeAcrossTheSimulatedLeapCountsIt() {
        SimulatedTimeSource source = at("2026-12-31T23:59:58Z UTC");
        source.insertLeapSecond(LEAP_DAY);
        UtcTime newYear = UtcTime.parse("2027-01-01T00:00:00Z UTC");
        assertEquals(Duration.ofSeconds(3), newYear.durationFromNow(source), "58, 59, 60, then midnight");
        source.advance(Duration.ofSeconds(3));
        assertEquals(newYear, UtcTime.now(source));
        assertEquals(Duration.ZERO, newYear.durationFromNow(source));
    }

    @Test
    void leapSecondsIncludeTheSimulatedOneAndTheOriginalTableIsUntouched() {
        SimulatedTimeSource source = at("2026-06-01T00:00:00Z UTC");
        source.insertLeapSecond(LEAP_DAY);
        List<LeapSecond> leaps = source.leapSeconds().leapSeconds();
        LeapSecond last = leaps.get(leaps.size() - 1);
        assertEquals(LEAP_DAY, last.leapDay());
        assertEquals(OFFSET_NOW + 1, last.taiMinusUtc());
        assertEquals(KnownLeapSeconds.HISTORY.size(), LeapSecondTable.bundled().leapSeconds().size());
        assertEquals(LeapState.INSERT_PENDING, source.status().leapState());
        assertEquals(OFFSET_NOW, source.status().taiOffset());
    }

    @Test
    void aLeapSecondAlreadyInTheTableAlsoRepeats2359_59ButIsNotAnnounced() {
        SimulatedTimeSource source = at("2016-12-31T23:59:59.500Z UTC");
        source.advance(Duration.ofSeconds(1));
        assertEquals(UtcTime.parse("2016-12-31T23:59:59.500Z UTC").epochNanos(), source.utcNanos());
        assertEquals(37, source.taiOffset());
        assertEquals(LeapState.NONE, source.status().leapState());
    }

    @Test
    void announcingALeapThatHasStartedOrPrecedesTheTableIsRejected() {
        SimulatedTimeSource source = at("2026-12-31T23:59:59.500Z UTC");
        source.deleteLeapSecond(LEAP_DAY.plusYears(1));
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> at("2027-01-01T00:00:00Z UTC").insertLeapSecond(LEAP_DAY));
        assertTrue(late.getMessage().startsWith("day 2026-12-31: the simulated clock"), late.getMessage());
        SimulatedTimeSource deleting = at("2026-12-31T23:59:59Z UTC");
        assertThrows(IllegalArgumentException.class, () -> deleting.deleteLeapSecond(LEAP_DAY),
                "23:59:59 has begun: too late to delete it");
        assertThrows(IllegalArgumentException.class, () -> source.insertLeapSecond(LEAP_DAY),
                "before the leap second announced for 2027");
        assertEquals("day", assertThrows(NullPointerException.class, () -> source.insertLeapSecond(null))
                .getMessage());
        assertEquals(LeapState.DELETE_PENDING, source.status().leapState(), "the failed calls changed nothing");
    }

    // ----------------------------------------------------------------------------------- advance and listeners

    @Test
    void firesAtEachDeadlineInTimeOrderWithTheClockReadingIt() {
        SimulatedTimeSource source = at("2026-11-21T00:00:00Z UTC");
        long t0 = source.taiNanos();
        List<String> log = new ArrayList<>();
        new Recorder("a", source, log).at(t0 + 30, t0 + 10);
        new Recorder("b", source, log).at(t0 + 20, t0 + 10, t0 + 100);
        source.advance(Duration.ofNanos(50));
        assertEquals(List.of("a@" + (t0 + 10), "b@" + (t0 + 10), "b@" + (t0 + 20), "a@" + (t0 + 30),
                "a@" + (t0 + 50), "b@" + (t0 + 50)), log);
        assertEquals(t0 + 50, source.taiNanos());
    }

    @Test
    void firesAtADeadlineEqualToTheTargetAndNotBeyondIt() {
        SimulatedTimeSource source = at("2026-11-21T00:00:00Z UTC");
        long t0 = source.taiNanos();
        List<String> log = new ArrayList<>();
        Recorder r = new Recorder("r", source, log).at(t0 + NANOS, t0 + NANOS + 1);
        source.advance(Duration.ofSeconds(1));
        assertEquals(List.of("r@" + (t0 + NANOS), "r@" + (t0 + NANOS)), log, "the deadline, then the target");
        assertEquals(t0 + NANOS + 1, r.nextDeadlineTaiNanos());
    }

    @Test
    void firesAtAnEarlierDeadlineScheduledFromInsideOnTime() {
        SimulatedTimeSource source = at("2026-11-21T00:00:00Z UTC");
        long t0 = source.taiNanos();
        List<String> log = new ArrayList<>();
        Recorder r = new Recorder("r", source, log).at(t0 + 10 * MILLIS, t0 + 50 * MILLIS);
        Recorder other = new Recorder("other", source, log);
        r.actions.put(t0 + 10 * MILLIS, now -> {
            r.at(now + MILLIS);          // earlier than its own next deadline
            other.at(now + 2 * MILLIS);  // and on another listener
            other.at(now);               // and due right now
        });
        source.advance(Duration.ofMillis(100));
        assertEquals(List.of("r@" + (t0 + 10 * MILLIS), "other@" + (t0 + 10 * MILLIS), "r@" + (t0 + 11 * MILLIS),
                "other@" + (t0 + 12 * MILLIS), "r@" + (t0 + 50 * MILLIS), "r@" + (t0 + 100 * MILLIS),
                "other@" + (t0 + 100 * MILLIS)), log);
    }

    @Test
    void aDeadlineAlreadyPastIsServedAtTheCurrentInstant() {
        SimulatedTimeSource source = at("2026-11-21T00:00:00Z UTC");
        long t0 = source.taiNanos();
        List<String> log = new ArrayList<>();
        new Recorder("late", source, log).at(t0 - NANOS);
        source.advance(Duration.ZERO);
        assertEquals(List.of("late@" + t0, "late@" + t0), log);
        assertEquals(t0, source.taiNanos(), "the clock never goes back");
    }

    @Test
    void firesInsideTheInsertedLeapSecondWithUtcShowingTheRepeated2359_59() {
        SimulatedTimeSource source = at("2026-12-31T23:59:59Z UTC");
        source.insertLeapSecond(LEAP_DAY);
        long leapStartTai = source.taiNanos() + NANOS;
        List<String> utcAtCalls = new ArrayList<>();
        source.addListener(new SimulatedTimeListener() {
            private long next = leapStartTai + NANOS / 4;

            @Override
            public long nextDeadlineTaiNanos() {
                return next;
            }

            @Override
            public void onTime(long nowTaiNanos) {
                if (nowTaiNanos >= next) {
                    next = Long.MAX_VALUE;
                }
                utcAtCalls.add(UtcTime.now(source) + " " + source.status().leapState());
            }
        });
        source.advance(Duration.ofSeconds(2));
        assertEquals(List.of("2026-12-31T23:59:59.250000000Z UTC IN_PROGRESS",
                "2027-01-01T00:00:00.000000000Z UTC OCCURRED"), utcAtCalls);
    }

    @Test
    void removedListenerIsNotCalledAndAddingTwiceCallsOnce() {
        SimulatedTimeSource source = at("2026-11-21T00:00:00Z UTC");
        List<String> log = new ArrayList<>();
        Recorder r = new Recorder("r", source, log);
        source.addListener(r);
        source.advance(Duration.ofSeconds(1));
        assertEquals(1, log.size());
        source.removeListener(r);
        source.removeListener(r);
        source.advance(Duration.ofSeconds(1));
        assertEquals(1, log.size());
    }

    @Test
    void advanceRejectsNegativeDurationsNamingTheValue() {
        SimulatedTimeSource source = at("2026-11-21T00:00:00Z UTC");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> source.advance(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().startsWith("duration PT-0.001S is negative"), e.getMessage());
        ArithmeticException far = assertThrows(ArithmeticException.class, () -> source.advance(Duration.ofDays(
                300 * 365)));
        assertTrue(far.getMessage().startsWith("duration PT2628000H takes the simulated clock"), far.getMessage());
    }

    @Test
    void advanceOrStepFromInsideOnTimeIsIllegal() {
        SimulatedTimeSource source = at("2026-11-21T00:00:00Z UTC");
        List<RuntimeException> thrown = new ArrayList<>();
        source.addListener(new SimulatedTimeListener() {
            @Override
            public long nextDeadlineTaiNanos() {
                return Long.MAX_VALUE;
            }

            @Override
            public void onTime(long nowTaiNanos) {
                thrown.add(assertThrows(IllegalStateException.class, () -> source.advance(Duration.ofSeconds(1))));
                thrown.add(assertThrows(IllegalStateException.class, () -> source.step(Duration.ofSeconds(1))));
                if (source.status().leapState() == LeapState.NONE) {
                    source.deleteLeapSecond(LEAP_DAY); // announcing is allowed
                }
            }
        });
        source.advance(Duration.ofSeconds(1));
        assertEquals(2, thrown.size());
        assertTrue(thrown.get(0).getMessage().startsWith("advance called from inside a SimulatedTimeListener"));
        assertEquals(LeapState.DELETE_PENDING, source.status().leapState());
        source.step(Duration.ofSeconds(1)); // the lock was released
    }

    @Test
    void aListenerThatNeverMovesItsDeadlineIsReportedInsteadOfLoopingForever() {
        SimulatedTimeSource source = at("2026-11-21T00:00:00Z UTC");
        long stuckAt = source.taiNanos() + MILLIS;
        source.addListener(new SimulatedTimeListener() {
            @Override
            public long nextDeadlineTaiNanos() {
                return stuckAt;
            }

            @Override
            public void onTime(long nowTaiNanos) {
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.advance(
                Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("does not move its deadline"), e.getMessage());
        assertEquals(stuckAt, source.taiNanos());
    }

    @Test
    void aThrowingListenerLeavesTheClockAtItsDeadline() {
        SimulatedTimeSource source = at("2026-11-21T00:00:00Z UTC");
        long t0 = source.taiNanos();
        Recorder r = new Recorder("r", source, new ArrayList<>()).at(t0 + MILLIS);
        r.actions.put(t0 + MILLIS, now -> {
            throw new IllegalStateException("task failed");
        });
        assertThrows(IllegalStateException.class, () -> source.advance(Duration.ofSeconds(1)));
        assertEquals(t0 + MILLIS, source.taiNanos());
        source.advance(Duration.ofSeconds(1)); // usable afterwards
        assertEquals(t0 + MILLIS + NANOS, source.taiNanos());
    }

    // ----------------------------------------------------------------------------------- step

    @Test
    void stepMovesUtcAndTaiTogetherInEitherDirectionThenCallsOnTimeOnce() {
        SimulatedTimeSource source = at("2026-11-21T00:00:00Z UTC");
        long utc0 = source.utcNanos();
        long tai0 = source.taiNanos();
        List<String> log = new ArrayList<>();
        new Recorder("r", source, log).at(tai0 + NANOS, tai0 + 2 * NANOS);
        source.step(Duration.ofSeconds(5));
        assertEquals(utc0 + 5 * NANOS, source.utcNanos());
        assertEquals(tai0 + 5 * NANOS, source.taiNanos());
        assertEquals(List.of("r@" + (tai0 + 5 * NANOS)), log, "no stops on the way, one onTime at the new now");
        source.step(Duration.ofSeconds(-7));
        assertEquals(utc0 - 2 * NANOS, source.utcNanos());
        assertEquals(tai0 - 2 * NANOS, source.taiNanos());
        assertEquals(List.of("r@" + (tai0 + 5 * NANOS), "r@" + (tai0 - 2 * NANOS)), log);
        assertEquals("duration", assertThrows(NullPointerException.class, () -> source.step(null)).getMessage());
    }

    @Test
    void steppingBackBeforeAnAnnouncedLeapMakesItPendingAgain() {
        SimulatedTimeSource source = at("2026-12-31T23:59:59Z UTC");
        source.insertLeapSecond(LEAP_DAY);
        source.advance(Duration.ofSeconds(3));
        assertEquals(LeapState.OCCURRED, source.status().leapState());
        source.step(Duration.ofSeconds(-10));
        assertEquals(LeapState.INSERT_PENDING, source.status().leapState());
        assertEquals(UtcTime.parse("2026-12-31T23:59:52Z UTC").epochNanos(), source.utcNanos(),
                "10 s of TAI back from 00:00:01 (after 38 s) is 23:59:52 (at 37 s)");
    }

    // ----------------------------------------------------------------------------------- bad input, threads

    @Test
    void nullArgumentsAreNamed() {
        SimulatedTimeSource source = at("2026-11-21T00:00:00Z UTC");
        assertEquals("start", assertThrows(NullPointerException.class,
                () -> SimulatedTimeSource.startingAt(null)).getMessage());
        assertEquals("table", assertThrows(NullPointerException.class,
                () -> SimulatedTimeSource.startingAt(UtcTime.ofEpochNanos(0), null)).getMessage());
        assertEquals("duration", assertThrows(NullPointerException.class, () -> source.advance(null)).getMessage());
        assertEquals("listener", assertThrows(NullPointerException.class, () -> source.addListener(null))
                .getMessage());
        assertEquals("listener", assertThrows(NullPointerException.class, () -> source.removeListener(null))
                .getMessage());
        assertEquals("day", assertThrows(NullPointerException.class, () -> source.deleteLeapSecond(null))
                .getMessage());
    }

    @Test
    void readersOnOtherThreadsSeeOnlyConsistentSnapshots() throws InterruptedException {
        SimulatedTimeSource source = at("2026-12-31T23:00:00Z UTC");
        source.insertLeapSecond(LEAP_DAY);
        List<String> inconsistencies = new CopyOnWriteArrayList<>();
        AtomicBoolean writerDone = new AtomicBoolean();
        CountDownLatch reading = new CountDownLatch(1);
        AtomicLong lastTaiSeen = new AtomicLong(Long.MIN_VALUE);
        Thread reader = new Thread(() -> {
            long lastTai = Long.MIN_VALUE;
            long lastUtc = Long.MIN_VALUE;
            boolean last = false;
            while (!last) {
                last = writerDone.get(); // one more round after the writer's final advance
                ClockStatus status = source.status();
                long tai = source.taiNanos();
                long utc = source.utcNanos();
                if (tai < lastTai || (lastUtc != Long.MIN_VALUE && utc < lastUtc - 1_000_000_000L)
                        || status.taiOffset() < OFFSET_NOW || status.taiOffset() > OFFSET_NOW + 1) {
                    inconsistencies.add("TAI " + tai + " after " + lastTai + ", UTC " + utc + " after " + lastUtc
                            + ", " + status);
                }
                lastTai = tai;
                lastUtc = utc;
                reading.countDown();
            }
            lastTaiSeen.set(lastTai);
        });
        reader.start();
        assertTrue(reading.await(60, TimeUnit.SECONDS), "reader started");
        for (int i = 0; i < 3700 * 4; i++) { // 23:00 to 00:01:40 UTC, through the repeated 23:59:59
            source.advance(Duration.ofMillis(250));
        }
        writerDone.set(true);
        reader.join(60_000);
        assertFalse(reader.isAlive());
        assertTrue(inconsistencies.isEmpty(), inconsistencies.toString());
        assertEquals(source.taiNanos(), lastTaiSeen.get(), "the reader read on to the end, past the leap");
        assertTrue(source.toString().contains("OCCURRED"), source.toString());
    }

    // ----------------------------------------------------------------------------------- end of a move

    /** A listener with no deadline that records each moveEnded and may throw there. */
    private static class EndRecorder implements SimulatedTimeListener {
        final List<Long> endedAt = new ArrayList<>();
        RuntimeException toThrow;

        @Override
        public long nextDeadlineTaiNanos() {
            return Long.MAX_VALUE;
        }

        @Override
        public void onTime(long nowTaiNanos) {
        }

        @Override
        public void moveEnded(long nowTaiNanos) {
            endedAt.add(nowTaiNanos);
            if (toThrow != null) {
                RuntimeException e = toThrow;
                toThrow = null;
                throw e;
            }
        }
    }

    @Test
    void moveEndedIsCalledOnceAtTheEndOfEachAdvanceAndStep() {
        SimulatedTimeSource source = at("2026-11-21T12:00:00.000000000Z UTC");
        List<String> log = new ArrayList<>();
        long t0 = source.taiNanos();
        new Recorder("r", source, log).at(t0 + MILLIS, t0 + 2 * MILLIS);
        EndRecorder end = new EndRecorder();
        source.addListener(end);

        source.advance(Duration.ofMillis(3));
        source.step(Duration.ofMillis(-1));

        assertEquals(List.of(t0 + 3 * MILLIS, t0 + 2 * MILLIS), end.endedAt, "once per move, after its last stop");
    }

    @Test
    void whatMoveEndedThrowsPropagatesAfterEveryListenerWasCalledTheFirstSuppressingTheRest() {
        SimulatedTimeSource source = at("2026-11-21T12:00:00.000000000Z UTC");
        EndRecorder first = new EndRecorder();
        EndRecorder second = new EndRecorder();
        EndRecorder third = new EndRecorder();
        source.addListener(first);
        source.addListener(second);
        source.addListener(third);
        first.toThrow = new IllegalStateException("first (expected by the test)");
        third.toThrow = new IllegalArgumentException("third (expected by the test)");
        long target = source.taiNanos() + NANOS;

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.advance(Duration.ofSeconds(1)));

        assertEquals("first (expected by the test)", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals("third (expected by the test)", e.getSuppressed()[0].getMessage());
        assertEquals(List.of(target), second.endedAt, "called although an earlier listener threw");
        assertEquals(target, source.taiNanos(), "the move is complete");
        source.advance(Duration.ZERO); // the lock was released
    }

    @Test
    void whenOnTimeThrowsMoveEndedStillRunsAndItsFailureIsSuppressedInTheMovesOwn() {
        SimulatedTimeSource source = at("2026-11-21T12:00:00.000000000Z UTC");
        List<String> log = new ArrayList<>();
        long t0 = source.taiNanos();
        Recorder r = new Recorder("r", source, log).at(t0 + MILLIS);
        r.actions.put(t0 + MILLIS, now -> {
            throw new IllegalStateException("onTime (expected by the test)");
        });
        EndRecorder end = new EndRecorder();
        source.addListener(end);
        end.toThrow = new IllegalArgumentException("moveEnded (expected by the test)");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.advance(Duration.ofSeconds(1)));

        assertEquals("onTime (expected by the test)", e.getMessage());
        assertEquals("moveEnded (expected by the test)", e.getSuppressed()[0].getMessage());
        assertEquals(List.of(t0 + MILLIS), end.endedAt, "the clock stays where onTime threw");
        assertEquals(t0 + MILLIS, source.taiNanos());
    }

    @Test
    void moveEndedCannotMoveTimeReentrantly() {
        SimulatedTimeSource source = at("2026-11-21T12:00:00.000000000Z UTC");
        source.addListener(new EndRecorder() {
            @Override
            public void moveEnded(long nowTaiNanos) {
                source.advance(Duration.ofSeconds(1));
            }
        });

        assertThrows(IllegalStateException.class, () -> source.advance(Duration.ZERO));
    }
}
