package io.obstime.clock;

/** Where a time source's TAI readings come from. */
public enum TaiSource {
    /**
     * The kernel's CLOCK_TAI: its TAI offset agrees with the leap-second table, or is one second ahead during an
     * inserted leap second, or one second off a table that has expired (logged as a WARN).
     */
    KERNEL,
    /** UTC plus the leap-second table's offset: the kernel's TAI offset is unset or disagrees with the table. */
    LEAP_SECOND_TABLE,
    /** A {@link SimulatedTimeSource}. */
    SIMULATED
}
