package io.obstime.monitor;

import org.slf4j.Logger;

/**
 * A reference's log memory: a reason for not answering is logged once (WARN) when it first appears or changes, and
 * the return to answering once (INFO); nothing per call. Thread-safe.
 */
final class ReasonLog {

    private final Logger log;
    private final String reference;
    private String lastReason;

    ReasonLog(Logger log, String reference) {
        this.log = log;
        this.reference = reference;
    }

    /**
     * Records a reading: logs when its reason differs from the last one.
     *
     * @param reading the reading just taken
     * @return the same reading
     */
    synchronized ReferenceReading record(ReferenceReading reading) {
        if (reading.answered()) {
            if (lastReason != null) {
                log.info("{} answers again: {}", reference, reading);
                lastReason = null;
            }
        } else if (!reading.detail().equals(lastReason)) {
            log.warn("{} does not answer: {}", reference, reading.detail());
            lastReason = reading.detail();
        }
        return reading;
    }
}
