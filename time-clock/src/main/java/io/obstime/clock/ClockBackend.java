package io.obstime.clock;

/** How a time source reads the clock. */
public enum ClockBackend {
    /** The kernel through the Foreign Function &amp; Memory API (JDK 22+). */
    FFM,
    /** The kernel through JNA direct mapping. */
    JNA,
    /** {@code java.time.Instant.now()}: no native access to the kernel (non-Linux, JNA missing, or forced). */
    FALLBACK,
    /** A {@link SimulatedTimeSource}. */
    SIMULATED
}
