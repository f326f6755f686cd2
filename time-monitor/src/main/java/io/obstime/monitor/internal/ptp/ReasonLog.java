package io.obstime.monitor.internal.ptp;

import org.slf4j.Logger;

/**
 * "Logged once per change of reason" for a {@code ClockReference}: one WARN when a reference stops answering or
 * answers no for a new reason, one INFO when it answers again, nothing while the reason stays the same. Not
 * thread-safe: one reference, one monitor thread.
 */
public final class ReasonLog {

    private final Logger log;
    private final String reference;
    private String lastReason; // null while the reference answers

    /**
     * @param log       where to log
     * @param reference the reference's name, for the lines
     */
    public ReasonLog(Logger log, String reference) {
        this.log = log;
        this.reference = reference;
    }

    /**
     * The reference did not answer: logs {@code reason} at WARN unless it is the one logged last.
     *
     * @param reason why, in words; keep it free of changing figures so that it is logged once
     * @return {@code reason}
     */
    public String noAnswer(String reason) {
        if (!reason.equals(lastReason)) {
            log.warn("{}: no answer: {}", reference, reason);
            lastReason = reason;
        }
        return reason;
    }

    /** The reference answered: logs one INFO if it had not answered before. */
    public void answered() {
        if (lastReason != null) {
            log.info("{}: answers again (was: {})", reference, lastReason);
            lastReason = null;
        }
    }
}
