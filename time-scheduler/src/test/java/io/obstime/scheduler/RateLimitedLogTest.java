package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.SimulatedTimeSource;
import io.obstime.clock.UtcTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;

class RateLimitedLogTest {

    @Test
    void aBurstThatStopsIsSummarisedByTheOwnersFlushOnceTheIntervalHasPassed() {
        RecordingLogger logger = new RecordingLogger();
        AtomicLong monotonic = new AtomicLong();
        RateLimitedLog.Pending pending = new RateLimitedLog.Pending(monotonic::get);
        RateLimitedLog log = new RateLimitedLog(logger, 1_000, pending);
        log.failure("task X threw", new IllegalStateException("first"));
        for (int i = 1; i <= 3; i++) {
            monotonic.set(i);
            log.failure("task X threw", new IllegalStateException("burst " + i));
        }
        pending.flushDue();
        assertEquals(1, logger.arguments.size(), "within the interval nothing more is written");
        monotonic.set(1_000);
        pending.flushDue();
        assertEquals(2, logger.arguments.size(), "the stopped burst is summarised");
        assertEquals(3L, logger.arguments.get(1)[1]);
        assertTrue(logger.arguments.get(1)[2].toString().contains("burst 3"));
        monotonic.set(5_000);
        pending.flushDue();
        assertEquals(2, logger.arguments.size(), "summarised once");
    }

    /**
     * End to end on simulated time: a task fails five times in a row, then succeeds. The four failures held back are
     * reported at a later wake of the scheduler once the one-second interval has passed on the monotonic clock.
     */
    @Test
    void theSchedulerReportsAStoppedBurstOfTaskFailuresAtALaterWake() {
        RecordingLogger logger = new RecordingLogger();
        AtomicLong monotonic = new AtomicLong();
        SimulatedTimeSource clock = SimulatedTimeSource.startingAt(
                UtcTime.of(Instant.parse("2026-11-21T12:00:00Z")), LeapSecondTable.bundled());
        AtomicInteger calls = new AtomicInteger();
        try (TimeScheduler s = StandaloneTimeScheduler.start(clock,
                TimeSchedulerSettings.defaults().withSimulatedFailuresRethrown(false), monotonic::get, logger)) {
            s.schedulePeriodically(Duration.ofMillis(1), () -> {
                if (calls.incrementAndGet() <= 5) {
                    throw new IllegalStateException("failure " + calls.get() + " (expected by the test)");
                }
            });
            clock.advance(Duration.ofMillis(4)); // slots 0..4: five failures
            assertEquals(1, logger.arguments.size(), "the first failure, with its stack trace");
            monotonic.addAndGet(999_999_999L);
            clock.advance(Duration.ofMillis(1));
            assertEquals(1, logger.arguments.size(), "the interval has not passed yet");
            monotonic.addAndGet(1L);
            clock.advance(Duration.ofMillis(1));
            assertEquals(2, logger.arguments.size(), "the burst is summarised although no failure followed");
            assertEquals(4L, logger.arguments.get(1)[1], "failures 2..5");
            assertTrue(logger.arguments.get(1)[2].toString().contains("failure 5"));
        }
    }

    @Test
    void aLoggerThatThrowsIsContainedSoTheCallerCanFinishItsBookkeeping() {
        RecordingLogger throwing = new RecordingLogger() {
            @Override
            protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
                    Object[] args, Throwable throwable) {
                throw new IllegalStateException("appender failure (expected by the test)");
            }
        };
        RateLimitedLog log = new RateLimitedLog(throwing, 0);
        log.failure("task X threw", new IllegalStateException("first"));
        log.failure("task X threw", new IllegalStateException("second")); // the summary path
    }

    @Test
    void aThousandFailuresInARowLogTheFirstWithItsStackTraceAndNothingMoreWithinTheInterval() {
        RecordingLogger logger = new RecordingLogger();
        RateLimitedLog log = new RateLimitedLog(logger, Long.MAX_VALUE / 2); // an interval that never elapses here
        IllegalStateException first = new IllegalStateException("first");
        log.failure("task X threw", first);
        for (int i = 0; i < 999; i++) {
            log.failure("task X threw", new IllegalStateException("again " + i));
        }
        assertEquals(1, logger.thrown.size());
        assertSame(first, logger.thrown.get(0));
    }

    @Test
    void laterFailuresAreSummarisedWithTheirCountOnceTheIntervalHasPassed() {
        RecordingLogger logger = new RecordingLogger();
        RateLimitedLog log = new RateLimitedLog(logger, 0); // every later failure is "after the interval"
        log.failure("task X threw", new IllegalStateException("first"));
        log.failure("task X threw", new IllegalStateException("second"));
        assertEquals(2, logger.thrown.size());
        Object[] summary = logger.arguments.get(1);
        assertEquals(1L, summary[1], "count since the last report");
        assertTrue(summary[2].toString().contains("second"), summary[2].toString());
        assertEquals(null, logger.thrown.get(1), "summaries carry no stack trace");
    }
}
