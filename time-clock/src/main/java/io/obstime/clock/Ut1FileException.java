package io.obstime.clock;

/**
 * An IERS Earth-orientation file ({@code finals2000A} format) that cannot be read or is malformed: a line whose fields
 * are not where the format puts them, a date that does not follow the previous one, a measured value after a
 * predicted one, a truncated line, a step of UT1 − UTC that the leap-second table does not explain.
 *
 * <p>The message reads {@code source:line: what is wrong}, like a compiler's, or {@code source: what is wrong} when
 * no single line is to blame.
 */
public final class Ut1FileException extends DataFileException {

    private static final long serialVersionUID = 1L;

    /**
     * @param sourceName the file's name or description
     * @param lineNumber the 1-based line at fault, or 0 when no single line is to blame
     * @param problem    what is wrong, for a human
     * @param cause      the underlying failure, or null
     */
    public Ut1FileException(String sourceName, int lineNumber, String problem, Throwable cause) {
        super(sourceName, lineNumber, problem, cause);
    }
}
