package io.obstime.clock;

/**
 * A source of the current time in two scales, read as primitives.
 *
 * <p>Both readings count nanoseconds since 1970-01-01T00:00:00 <em>in their own scale</em>, the Linux
 * {@code CLOCK_REALTIME} / {@code CLOCK_TAI} and PTP convention:
 * <ul>
 *   <li>{@link #utcNanos()}: POSIX UTC, 86 400 s a day, leap seconds not counted (an inserted leap second repeats
 *       23:59:59, as the kernel does);</li>
 *   <li>{@link #taiNanos()}: TAI, continuous; {@code taiNanos() - utcNanos() == taiOffset() * 1e9} outside a leap
 *       second.</li>
 * </ul>
 * The primitive reads allocate nothing and take no lock: they are meant for hot paths. (The system source's first
 * read on each thread creates that thread's buffer once; a virtual thread per request pays it every time: prefer
 * long-lived platform threads for stamping, or JDK 22+, where it is a little heap only.) Everything in obstime that
 * needs the time takes a {@code TimeSource}, so tests pass a {@link SimulatedTimeSource}.
 *
 * <p>Implementations are thread-safe.
 */
public interface TimeSource {

    /** @return nanoseconds since 1970-01-01T00:00:00Z in POSIX UTC (leap seconds not counted) */
    long utcNanos();

    /** @return nanoseconds since 1970-01-01T00:00:00 TAI */
    long taiNanos();

    /** @return TAI − UTC in whole seconds now (37 since 2017-01-01) */
    int taiOffset();

    /** @return the clock's synchronisation and leap state and where TAI comes from; may allocate */
    ClockStatus status();

    /** @return the leap-second table this source's TAI follows; UTC times are converted to TAI with it */
    LeapSecondTable leapSeconds();

    /**
     * The best source for this machine: the kernel's clocks through FFM (JDK 22+) or JNA, with TAI corrected from
     * the leap-second table while the kernel's TAI offset is unset or wrong; {@code Instant.now()} plus the table
     * where the kernel cannot be reached. The choice is made once, logged once, and shown by {@link #status()}.
     *
     * @return the process-wide system time source
     */
    static TimeSource system() {
        return SystemTimeSource.instance();
    }
}
