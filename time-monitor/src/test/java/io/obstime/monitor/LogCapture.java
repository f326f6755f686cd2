package io.obstime.monitor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** The lines slf4j-simple (the test binding, writing to System.err) prints while an action runs. */
final class LogCapture<T> {

    final T result;
    final List<String> lines;

    private LogCapture(T result, List<String> lines) {
        this.result = result;
        this.lines = lines;
    }

    static <T> LogCapture<T> of(Supplier<T> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        T result;
        try {
            result = action.get();
        } finally {
            System.setErr(original);
        }
        return new LogCapture<>(result, captured.toString(StandardCharsets.UTF_8).lines().toList());
    }

    long count(String level, Class<?> logger) {
        return lines.stream().filter(l -> l.contains(level + " " + logger.getName())).count();
    }
}
