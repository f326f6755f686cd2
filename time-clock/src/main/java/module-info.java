/**
 * UTC and TAI from the Linux kernel: {@link io.obstime.clock.TimeSource}, the {@link io.obstime.clock.UtcTime} and
 * {@link io.obstime.clock.TaiTime} value types, the leap-second table and a simulated source for tests.
 *
 * <p>Only {@code io.obstime.clock} is exported to everyone. The native bindings ({@code io.obstime.clock.internal.linux}:
 * JNA for JDK 17-21, FFM in {@code META-INF/versions/22} for JDK 22+) are exported only to the obstime modules that
 * call them: {@code io.obstime.scheduler} sets its timer thread's real-time policy and CPU affinity through
 * {@code ThreadScheduling}; {@code io.obstime.monitor}'s PTP references use the PTP clock device and Unix datagram
 * socket bindings.
 *
 * <p>JNA is a plain {@code requires}, not {@code requires static}: it is the only kernel binding on JDK 17-21, and a
 * static requires would leave it unresolved on the module path unless every user added {@code --add-modules
 * com.sun.jna}, silently giving the slower, allocating fallback. Every build tool delivers it (a compile-scope
 * dependency). It is still loaded by name, so on the class path a build without JNA falls back as before.
 *
 * <p>On JDK 22+ start the JVM with {@code --enable-native-access=io.obstime.clock,com.sun.jna}.
 */
@SuppressWarnings("module") // the qualified export names modules built after this one
module io.obstime.clock {
    requires org.slf4j;
    requires com.sun.jna;

    exports io.obstime.clock;
    // The timer thread's policy and affinity (scheduler); the PTP clock device and ptp4l's Unix datagram socket
    // (the monitor's PTP references).
    exports io.obstime.clock.internal.linux to io.obstime.scheduler, io.obstime.monitor;
}
