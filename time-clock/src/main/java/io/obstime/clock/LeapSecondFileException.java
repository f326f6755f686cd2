package io.obstime.clock;

/**
 * A leap-second file (IETF/IERS {@code leap-seconds.list} format) that cannot be read or is malformed: a bad line,
 * a hash that does not match the contents, dates that do not increase, an offset that does not step by one second,
 * a missing {@code #$}, {@code #@} or {@code #h} line.
 *
 * <p>The message reads {@code source:line: what is wrong}, like a compiler's, or {@code source: what is wrong} when
 * no single line is to blame.
 */
public final class LeapSecondFileException extends DataFileException {

    private static final long serialVersionUID = 1L;

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
        super(sourceName, lineNumber, problem, cause);
    }
}
