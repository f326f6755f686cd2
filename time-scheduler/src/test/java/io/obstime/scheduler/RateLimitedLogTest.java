package io.obstime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

class RateLimitedLogTest {

    /** Records what would have been logged. */
    @SuppressWarnings("serial")
    private static class RecordingLogger extends LegacyAbstractLogger {
        final List<Throwable> thrown = new ArrayList<>();
        final List<Object[]> arguments = new ArrayList<>();

        RecordingLogger() {
            this.name = "recording";
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
                Object[] args, Throwable throwable) {
            thrown.add(throwable);
            arguments.add(args);
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
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
