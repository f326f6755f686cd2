package io.obstime.clock;

import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one daemon thread that runs {@link SystemTimeSource#check()}: every minute, around each UTC midnight, and when a
 * reader saw a clock step (it unparks this thread). So no thread that reads the time, a 1 kHz timer thread least of
 * all, ever decides, allocates for a decision or logs. A daemon: it never keeps the JVM alive, and holds nothing a
 * reader waits for.
 */
final class ClockChecker implements Runnable {

    /** The thread's name, as thread dumps and profilers show it. */
    static final String THREAD_NAME = "obstime-clock-check";
    /** After a check threw (a logging back end that throws, say), the next one waits this long. */
    private static final long RETRY_AFTER_FAILURE_NANOS = 1_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(ClockChecker.class);

    private final SystemTimeSource source;

    private ClockChecker(SystemTimeSource source) {
        this.source = source;
    }

    /**
     * Starts the thread for a source whose first check has run.
     *
     * @param source the source to check
     * @return the started thread
     */
    static Thread start(SystemTimeSource source) {
        Thread thread = new Thread(new ClockChecker(source), THREAD_NAME);
        thread.setDaemon(true);
        thread.setContextClassLoader(null); // never pin the class loader of whichever caller read the time first
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        boolean failureLogged = false;
        long delay = source.nextCheckDelayNanos(); // the constructor ran the first check
        while (true) {
            LockSupport.parkNanos(this, delay); // a reader that saw a clock step unparks it early
            if (Thread.currentThread().isInterrupted()) {
                return; // stopped (tests); nothing else interrupts this private thread
            }
            try {
                delay = source.check();
                failureLogged = false; // a later failure is news again
            } catch (RuntimeException | Error e) {
                if (!failureLogged) {
                    failureLogged = true; // once per run of failures: the same failure a second later says nothing new
                    LOG.warn("obstime clock: a check of the TAI offset failed; readings go on with the last decision "
                            + "(past its day, by the slower table mapping) and the check is retried every second", e);
                }
                delay = RETRY_AFTER_FAILURE_NANOS;
            }
        }
    }
}
