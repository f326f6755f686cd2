package io.obstime.clock;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The WARN lines that slf4j-simple (the test binding, writing to System.err) prints while an action runs. */
final class LogCapture {

    private LogCapture() {
    }

    /**
     * @param logger the class whose logger's WARN lines count
     * @param action what to run
     * @return the WARN lines of that logger, in order
     */
    static List<String> warnings(Class<?> logger, Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("WARN " + logger.getName())).toList();
    }
}
