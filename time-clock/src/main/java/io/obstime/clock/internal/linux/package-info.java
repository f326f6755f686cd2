/**
 * The Linux kernel's clocks, reached without a C toolchain: {@code clock_gettime}, {@code adjtimex} (read only,
 * {@code modes = 0}) and {@code prctl} for the timer slack; a thread's scheduling policy and CPU affinity
 * ({@link io.obstime.clock.internal.linux.ThreadScheduling}, for the scheduler's timer thread); and, for the
 * monitor's PTP references, the PTP hardware clock device ({@link io.obstime.clock.internal.linux.JnaPtpClock},
 * layouts and decoding in {@link io.obstime.clock.internal.linux.PtpIoctl}) and Unix datagram sockets
 * ({@link io.obstime.clock.internal.linux.UnixDatagramSocket}). These are JNA only: slow-path calls, made once per
 * thread or once per check, never per clock read.
 *
 * <p><b>Not an API.</b> This package is public only so that {@code io.obstime.clock} can reach it, and exported only,
 * by qualified exports, to {@code io.obstime.scheduler} (its timer thread's policy and affinity) and
 * {@code io.obstime.monitor} (the PTP references); nothing else may use it, and no public signature of obstime
 * mentions JNA or FFM types. Two backends implement {@link io.obstime.clock.internal.linux.KernelClock}:
 * <ul>
 *   <li>{@link io.obstime.clock.internal.linux.JnaKernelClock}: JNA direct mapping with primitive and raw-address
 *       arguments, for JDK 17-21 (and any JDK when forced);</li>
 *   <li>{@code FfmKernelClock}: the Foreign Function &amp; Memory API. It exists only in the multi-release part of
 *       the jar ({@code META-INF/versions/22}), has no base-version twin, and is loaded by name on JDK 22+.</li>
 * </ul>
 *
 * <p><b>Threading.</b> Both backends are thread-safe and allocate nothing per clock read: each thread gets its own
 * 16-byte {@code struct timespec} buffer once (a {@code ThreadLocal}, a few nanoseconds next to the call), so no
 * two threads ever write the same memory and no lock is taken. {@code adjtimex} and {@code prctl} are slow paths and
 * may allocate.
 *
 * <p><b>Platform and virtual threads.</b> "Nothing per read" holds per thread after its first read, which creates its
 * buffer: with JNA a direct {@code ByteBuffer} (16 bytes of native memory, freed by a {@code Cleaner} when the thread
 * is gone), with FFM a {@code long[2]} and a heap segment wrapping it (heap only, about 70 bytes). Platform threads,
 * which live long, pay this once. A virtual thread (JDK 21+) has thread-locals of its own, so code that starts a
 * virtual thread per request and reads the clock in it pays that first read every time: on FFM (JDK 22+, the default
 * there) a little short-lived heap garbage; on JNA (JDK 21, or forced) a native allocation and a Cleaner per virtual
 * thread as well. For that pattern use FFM, or stamp events on a long-lived platform thread.
 *
 * <p><b>Errors.</b> Every return code is checked. A failure throws {@link
 * io.obstime.clock.internal.linux.KernelCallException} naming the C function, its arguments and errno; a binding
 * never turns a failure into a 0 reading.
 *
 * <p><b>Native access on JDK 24+.</b> JNA loads its library with {@code System.load}, a restricted method: JDK 24+
 * prints {@code WARNING: A restricted method in java.lang.System has been called ... Use
 * --enable-native-access=ALL-UNNAMED to avoid a warning for callers in this module}. FFM downcalls are restricted
 * methods too ({@code Linker.downcallHandle}), with the same kind of warning naming
 * {@code java.lang.foreign.Linker}. The JVM flag {@code --enable-native-access=ALL-UNNAMED} (or the jar manifest
 * entry {@code Enable-Native-Access: ALL-UNNAMED}, honoured for {@code java -jar}) silences both. A future JDK may
 * deny native access by default; obstime then falls back with one WARN.
 */
package io.obstime.clock.internal.linux;
