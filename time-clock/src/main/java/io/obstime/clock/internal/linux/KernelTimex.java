package io.obstime.clock.internal.linux;

/**
 * What {@code adjtimex} with {@code modes = 0} reports: the return value (the clock state) and the fields of
 * {@code struct timex} that obstime uses. Immutable.
 *
 * @param state          the return value: {@link #TIME_OK} ... {@link #TIME_ERROR}
 * @param status         {@code timex.status}: {@link #STA_UNSYNC}, {@link #STA_INS}, ... bits
 * @param maxErrorMicros {@code timex.maxerror}, microseconds
 * @param estErrorMicros {@code timex.esterror}, microseconds
 * @param taiOffset      {@code timex.tai}: the kernel's TAI − UTC in seconds (0 when nothing set it)
 * @param timeUtcNanos   {@code timex.time}: CLOCK_REALTIME when the kernel filled the struct, nanoseconds since
 *                       1970-01-01T00:00:00Z (microsecond resolution unless {@link #STA_NANO} is set). During an
 *                       inserted leap second it repeats 23:59:59 together with {@code state == TIME_OOP}: the kernel
 *                       computes time, state and tai in one consistent step.
 */
public record KernelTimex(int state, int status, long maxErrorMicros, long estErrorMicros, int taiOffset,
                          long timeUtcNanos) {

    /** Clock synchronised, no leap second pending. */
    public static final int TIME_OK = 0;
    /** A leap second will be inserted at the end of this UTC day. */
    public static final int TIME_INS = 1;
    /** A leap second will be deleted at the end of this UTC day. */
    public static final int TIME_DEL = 2;
    /** An inserted leap second is in progress (CLOCK_REALTIME repeats 23:59:59). */
    public static final int TIME_OOP = 3;
    /** A leap second has occurred. */
    public static final int TIME_WAIT = 4;
    /** Returned whenever STA_UNSYNC or STA_CLOCKERR is set, whatever the leap state. */
    public static final int TIME_ERROR = 5;

    /** Phase-locked loop enabled. */
    public static final int STA_PLL = 0x1;
    /** Insert a leap second at the end of the UTC day. */
    public static final int STA_INS = 0x10;
    /** Delete a leap second at the end of the UTC day. */
    public static final int STA_DEL = 0x20;
    /** The clock is not synchronised. */
    public static final int STA_UNSYNC = 0x40;
    /** Clock hardware fault. */
    public static final int STA_CLOCKERR = 0x1000;
    /** {@code timex.time.tv_usec} holds nanoseconds. */
    public static final int STA_NANO = 0x2000;

    /**
     * The {@code timex.time} field as nanoseconds.
     *
     * @param seconds      {@code time.tv_sec}
     * @param fraction     {@code time.tv_usec}: microseconds, or nanoseconds when {@code status} has STA_NANO
     * @param status       {@code timex.status}
     * @return nanoseconds since 1970-01-01T00:00:00Z
     */
    public static long timeNanos(long seconds, long fraction, int status) {
        return seconds * 1_000_000_000L + ((status & STA_NANO) != 0 ? fraction : fraction * 1_000L);
    }
}
