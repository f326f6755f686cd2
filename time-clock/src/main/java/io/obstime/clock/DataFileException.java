package io.obstime.clock;

import java.io.IOException;

/**
 * A data file that obstime reads (a leap-second list, an IERS Earth-orientation file) that cannot be read or is
 * malformed. The message reads {@code source:line: what is wrong}, like a compiler's, or {@code source: what is wrong}
 * when no single line is to blame.
 */
public abstract class DataFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file's name or description, as given to the parser. */
    private final String sourceName;
    /** 1-based line number, or 0 when the problem is not on one line. */
    private final int lineNumber;

    /**
     * @param sourceName the file's name or description
     * @param lineNumber the 1-based line at fault, or 0 when no single line is to blame
     * @param problem    what is wrong, for a human
     * @param cause      the underlying failure, or null
     */
    DataFileException(String sourceName, int lineNumber, String problem, Throwable cause) {
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
