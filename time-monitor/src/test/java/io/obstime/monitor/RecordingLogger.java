package io.obstime.monitor;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Records what would have been logged, so tests assert on it and the build log stays quiet. */
@SuppressWarnings("serial")
final class RecordingLogger extends LegacyAbstractLogger {

    /** One logged line: its level and formatted message. */
    record Line(Level level, String message, Throwable thrown) {
    }

    final List<Line> lines = new ArrayList<>();

    RecordingLogger() {
        this.name = "recording";
    }

    synchronized List<Line> at(Level level) {
        return lines.stream().filter(l -> l.level() == level).collect(Collectors.toList());
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected synchronized void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                                            Throwable thrown) {
        lines.add(new Line(level, MessageFormatter.basicArrayFormat(pattern, args), thrown));
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
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
