package io.obstime.monitor.internal.ptp;

/** The responses captured from ptp4l 3.1.1 (see {@link PtpManagementTest} for how), for other tests. */
public final class PtpManagementTestData {

    private PtpManagementTestData() {
    }

    /** TIME_STATUS_NP: master_offset −140 ns, gmPresent, gmIdentity 0e9d26.fffe.4b97b6. */
    public static final String TIME_STATUS = PtpManagementTest.TIME_STATUS_RESPONSE;
    /** CURRENT_DATA_SET: steps removed 1, offset −140 ns, mean path delay 2414 ns. */
    public static final String CURRENT = PtpManagementTest.CURRENT_RESPONSE;
    /** PARENT_DATA_SET: grandmaster clock class 248. */
    public static final String PARENT = PtpManagementTest.PARENT_RESPONSE;
    /** TIME_PROPERTIES_DATA_SET: TAI − UTC 37, no flags, time source 0xa0. */
    public static final String TIME_PROPERTIES = PtpManagementTest.TIME_PROPERTIES_RESPONSE;
}
