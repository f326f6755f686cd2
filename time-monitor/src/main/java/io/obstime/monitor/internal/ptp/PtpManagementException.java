package io.obstime.monitor.internal.ptp;

/** A management message that is not the answer asked for, with the reason in words. */
public class PtpManagementException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong with the message */
    public PtpManagementException(String reason) {
        super(reason);
    }
}
