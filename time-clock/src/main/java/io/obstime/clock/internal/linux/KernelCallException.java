package io.obstime.clock.internal.linux;

/**
 * A kernel call failed: names the C function, its arguments and errno. Never swallowed into a default value.
 */
public final class KernelCallException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** {@code EPERM}. */
    public static final int EPERM = 1;
    /** {@code EAGAIN}. */
    public static final int EAGAIN = 11;
    /** {@code EFAULT}. */
    public static final int EFAULT = 14;
    /** {@code EINVAL}: for {@code clock_gettime(CLOCK_TAI)}, a kernel older than 3.10. */
    public static final int EINVAL = 22;
    /** {@code ENODEV}: for a dynamic clock id, the device (a PTP clock's /dev/ptpN) is gone or not a clock. */
    public static final int ENODEV = 19;
    /** {@code ENOSYS}. */
    public static final int ENOSYS = 38;

    /** The C call that failed, with its arguments. */
    private final String call;
    /** The errno value, 0 when there was none. */
    private final int errno;

    /**
     * @param call  the call as written in C with its arguments, e.g. {@code clock_gettime(CLOCK_TAI=11, ...)}
     * @param errno the errno the call left, or 0 if it returned an impossible value without setting one
     * @param what  what went wrong, e.g. "returned -1"
     */
    public KernelCallException(String call, int errno, String what) {
        super(call + " " + what + (errno != 0 ? ": errno " + errnoName(errno) : ""));
        this.call = call;
        this.errno = errno;
    }

    /** @return the C call that failed, with its arguments */
    public String call() {
        return call;
    }

    /** @return the errno value, 0 when there was none */
    public int errno() {
        return errno;
    }

    /**
     * The {@code clock_gettime} call as C, for messages. Here rather than in a binding, so that naming a failed FFM
     * call never loads the JNA binding (and with it JNA, which may be absent on JDK 22+).
     *
     * @param clockId the clock read
     * @return e.g. {@code clock_gettime(CLOCK_TAI=11, &ts)}
     */
    public static String clockCall(int clockId) {
        String name = clockId == KernelClock.CLOCK_TAI ? "CLOCK_TAI"
                : clockId == KernelClock.CLOCK_REALTIME ? "CLOCK_REALTIME" : "clock";
        return "clock_gettime(" + name + "=" + clockId + ", &ts)";
    }

    /**
     * @param errno an errno value
     * @return its symbolic name and number, e.g. {@code EINVAL (22)}
     */
    public static String errnoName(int errno) {
        String name;
        switch (errno) {
            case EPERM: name = "EPERM"; break;
            case EAGAIN: name = "EAGAIN"; break;
            case EFAULT: name = "EFAULT"; break;
            case ENODEV: name = "ENODEV"; break;
            case EINVAL: name = "EINVAL"; break;
            case ENOSYS: name = "ENOSYS"; break;
            case 95: name = "EOPNOTSUPP"; break;
            default: name = "errno";
        }
        return name + " (" + errno + ")";
    }
}
