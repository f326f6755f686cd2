package io.obstime.clock;

import java.io.IOException;

/**
 * A leap-second file (IETF/IERS {@code leap-seconds.list} format) that cannot be read or is malformed: a bad line,
 * a hash that does not match the contents, dates that do not increase, an offset that does not step by one second,
 * a missing {@code #$}, {@code #@} or {@code #h} line.
 *
 * <p>The message reads {@code source:line: what is wrong}, like a compiler's, or {@code source: what is wrong} when
 * no single line is to blame.
 */
public final class LeapSecondFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file's name or description, as given to the parser. */
    private final String sourceName;
    /** 1-based line number, or 0 when the problem is not on one line. */
    private final int lineNumber;

    /**
     * @param sourceName the file's name or description
     * @param lineNumber the 1-based line at fault, or 0 when no single line is to blame
     * @param problem    what is wrong, for a human
     */
    public LeapSecondFileException(String sourceName, int lineNumber, String problem) {
        this(sourceName, lineNumber, problem, null);
    }

    /**
     * @param sourceName the file's name or description
     * @param lineNumber the 1-based line at fault, or 0 when no single line is to blame
     * @param problem    what is wrong, for a human
     * @param cause      the underlying failure, or null
     */
    public LeapSecondFileException(String sourceName, int lineNumber, String problem, Throwable cause) {
        super(sourceName + (lineNumber > 0 ? ":" + lineNumber : "") + ": " + problem, cause);
        this.sourceName = sourceName;
        this.lineNumber = lineNumber;
    }

    /** @return the file's name or description */
    public String sourceName() {
        return sourceName;
    }

    /** @return the 1-based line at fault, or 0 when no single line is to blame */
    public int lineNumber() {
        return lineNumber;
    }
}
