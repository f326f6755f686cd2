package io.obstime.scheduler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that records what would have been logged, every level enabled; thread-safe (the timer thread logs). */
@SuppressWarnings("serial")
class RecordingLogger extends LegacyAbstractLogger {
    final List<Level> levels = new CopyOnWriteArrayList<>();
    final List<Throwable> thrown = new CopyOnWriteArrayList<>();
    final List<Object[]> arguments = new CopyOnWriteArrayList<>();
    /** Each line as it would read, arguments filled in. */
    final List<String> lines = new CopyOnWriteArrayList<>();

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
        levels.add(level);
        thrown.add(throwable);
        arguments.add(args);
        lines.add(MessageFormatter.basicArrayFormat(messagePattern, args));
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
