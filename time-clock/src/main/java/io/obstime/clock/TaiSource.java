package io.obstime.clock;

/** Where a time source's TAI readings come from. */
public enum TaiSource {
    /**
     * The kernel's CLOCK_TAI: its TAI offset equals the offset delivered (the leap-second table's, or the kernel's own
     * where it is followed beyond the table: a leap second the table lacks, an expired table). The readings are then
     * exactly CLOCK_TAI's: CLOCK_REALTIME plus that offset.
     */
    KERNEL,
    /**
     * UTC plus the leap-second table's offset (and any leap second the kernel applied that the table lacks): the
     * kernel's TAI offset is unset or disagrees.
     */
    LEAP_SECOND_TABLE,
    /** A {@link SimulatedTimeSource}. */
    SIMULATED
}
