package io.obstime.clock;

/** The kernel's leap second state, as adjtimex reports it (or as a simulated source reproduces it). */
public enum LeapState {
    /** No leap second announced (TIME_OK; or TIME_ERROR, i.e. unsynchronised, with neither STA_INS nor STA_DEL). */
    NONE,
    /** A leap second will be inserted at the end of this UTC day (TIME_INS). */
    INSERT_PENDING,
    /** A leap second will be deleted at the end of this UTC day (TIME_DEL). */
    DELETE_PENDING,
    /**
     * An inserted leap second is in progress: UTC repeats 23:59:59 (TIME_OOP; or, when TAI comes from the table, the
     * repeat seen by the time source itself while an unsynchronised kernel says TIME_ERROR).
     */
    IN_PROGRESS,
    /** A leap second has just occurred (TIME_WAIT). */
    OCCURRED,
    /**
     * Unknown: the kernel cannot be asked (non-Linux, no native access). An unsynchronised kernel (TIME_ERROR) still
     * shows an armed leap second through its STA_INS / STA_DEL bits, so it gives a pending state or {@link #NONE}.
     */
    UNKNOWN
}
