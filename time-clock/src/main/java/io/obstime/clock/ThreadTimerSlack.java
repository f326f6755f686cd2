package io.obstime.clock;

import io.obstime.clock.internal.linux.KernelClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux timer slack of the calling thread: how late the kernel may wake it from a timed wait so as to coalesce
 * wake-ups. Every normal thread has 50 µs by default, so {@code LockSupport.parkNanos} and {@code Thread.sleep} wake
 * about that much late; a scheduler's timer thread sets its own slack to 1 ns (no privilege needed) to wake on time.
 *
 * <p>Both methods act on the <em>calling thread only</em> ({@code prctl(PR_SET_TIMERSLACK)} is per thread); no
 * other thread or process is touched. They use the kernel binding chosen by {@link TimeSource#system()}; with the
 * fallback backend (non-Linux, no native access) setting is not possible. Call them from platform threads: on a
 * virtual thread they would act on whichever carrier thread runs it at that moment.
 */
public final class ThreadTimerSlack {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadTimerSlack.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final Path PROC_SLACK = Paths.get("/proc/thread-self/timerslack_ns");

    private ThreadTimerSlack() {
    }

    /**
     * Sets the calling thread's timer slack with {@code prctl(PR_SET_TIMERSLACK, slackNanos)}.
     *
     * @param slackNanos the new slack in nanoseconds, at least 1 (the kernel reads 0 as "back to the default")
     * @return true if set; false when it is not possible here: no kernel binding (the clock's own WARN about the
     *         fallback says so, nothing more is logged), or the kernel refused (logged once at WARN with the reason)
     * @throws IllegalArgumentException if {@code slackNanos < 1}
     */
    public static boolean setCurrentThreadNanos(long slackNanos) {
        if (slackNanos < 1) {
            throw new IllegalArgumentException("slackNanos must be at least 1 ns (0 means the default to the kernel): "
                    + slackNanos);
        }
        KernelClock kernel = SystemTimeSource.nativeKernel();
        if (kernel == null) {
            // The clock's one WARN for the fallback has said so already (timer slack included): not a second WARN.
            LOG.debug("cannot set the thread's timer slack to {} ns: the clock backend is FALLBACK", slackNanos);
            return false;
        }
        try {
            kernel.setTimerSlackNanos(slackNanos);
            return true;
        } catch (RuntimeException e) {
            warnOnce(e.getMessage(), slackNanos);
            return false;
        }
    }

    /**
     * @return the calling thread's timer slack in nanoseconds, from {@code prctl(PR_GET_TIMERSLACK)} or else
     *         {@code /proc/thread-self/timerslack_ns}; -1 if neither can be read
     */
    public static long currentThreadNanos() {
        KernelClock kernel = SystemTimeSource.nativeKernel();
        if (kernel != null) {
            try {
                return kernel.timerSlackNanos();
            } catch (RuntimeException e) {
                LOG.debug("prctl(PR_GET_TIMERSLACK) failed, trying {}", PROC_SLACK, e);
            }
        }
        try {
            return Long.parseLong(new String(Files.readAllBytes(PROC_SLACK), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException | SecurityException e) {
            return -1;
        }
    }

    private static void warnOnce(String reason, long slackNanos) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("obstime: cannot set the thread's timer slack to {} ns: {}; timed waits wake up to the default "
                    + "slack (usually 50 µs) late", slackNanos, reason);
        }
    }
}
