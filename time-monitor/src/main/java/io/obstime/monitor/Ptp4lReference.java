package io.obstime.monitor;

import io.obstime.clock.LeapState;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.internal.linux.KernelCallException;
import io.obstime.monitor.internal.ptp.Ptp4lClient;
import io.obstime.monitor.internal.ptp.PtpManagement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ptp4l's own view (linuxptp), read over its management socket the way {@code pmc -u -b 0} reads it:
 * TIME_STATUS_NP (the last master offset, when the last Sync arrived, whether a grandmaster is present),
 * CURRENT_DATA_SET (mean path delay, steps removed), PARENT_DATA_SET (the grandmaster's identity and clock class) and
 * TIME_PROPERTIES_DATA_SET (leap second flags, TAI − UTC). Nothing is set; ptp4l is only asked.
 *
 * <p><b>Which clock.</b> ptp4l's master offset is <em>the clock ptp4l disciplines minus its master</em>. With
 * software timestamping ({@code ptp4l -S}) that clock is the system clock, so the offset is already system clock minus
 * reference, the sign of {@link ClockReference}: {@link #of(Path)}. With hardware timestamping ptp4l disciplines the
 * NIC's PHC and phc2sys steers the system clock to it, so the system clock's offset is (system − PHC) + (PHC −
 * master): {@link #of(Path, PhcReference)} measures the first part itself. A reference made with {@link #of(Path)} for
 * a ptp4l that disciplines a PHC notices it: the last Sync's ingress time is then on the PHC's TAI, 37 s ahead of the
 * system clock, and it answers no with that hint instead of a wrong offset.
 *
 * <p><b>Uncertainty.</b> The mean path delay (PTP assumes a symmetric path; an asymmetric one shifts the offset by up
 * to the whole one-way delay), plus the PHC comparison's own uncertainty where there is one. The delay reported is
 * the round trip, twice the mean path delay. The clock class is the grandmaster's; leap61/leap59 give the leap state.
 *
 * <p><b>No answer</b> (a {@link ReferenceReading#noAnswer}, logged once per change of reason): no socket at the path
 * (ENOENT), nobody bound to it (ECONNREFUSED), permission denied (EACCES: ptp4l's socket is root's unless
 * {@code uds_file_mode} says otherwise), silence within the timeout, an error or a malformed response, no grandmaster
 * ({@code gmPresent} false), no path delay or no offset computed yet (a master offset of exactly 0, ptp4l's initial
 * value: a true 0 ns is refused too, rarely), or a last Sync more than {@link #MAX_SYNC_AGE} old.
 *
 * <p>Not thread-safe (one monitor thread). Binds a socket of its own in the temporary directory on the first check,
 * removed by {@link #close()}.
 */
public final class Ptp4lReference implements ClockReference {

    private static final Logger LOG = LoggerFactory.getLogger(Ptp4lReference.class);

    /** ptp4l's default {@code uds_address}. */
    public static final Path DEFAULT_SOCKET = Path.of("/var/run/ptp4l");

    /**
     * A master offset older than this is not trusted: ptp4l keeps its last value when Sync messages stop, and declares
     * the master lost only after its announce receipt timeout.
     */
    public static final Duration MAX_SYNC_AGE = Duration.ofSeconds(10);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Path socket;
    private final PhcReference phc;
    private final String name;
    private final ReasonLog reasons;
    private Ptp4lClient client;

    private Ptp4lReference(Path socket, PhcReference phc) {
        this.socket = socket;
        this.phc = phc;
        this.name = "ptp4l:" + socket;
        this.reasons = new ReasonLog(LOG, name);
    }

    /**
     * ptp4l with software timestamping: it disciplines the system clock, and its master offset is the system clock's.
     *
     * @param udsSocket ptp4l's {@code uds_address} ({@link #DEFAULT_SOCKET} unless configured)
     * @return the reference (nothing is opened until the first check)
     */
    public static Ptp4lReference of(Path udsSocket) {
        return new Ptp4lReference(Objects.requireNonNull(udsSocket, "udsSocket"), null);
    }

    /**
     * ptp4l with hardware timestamping: it disciplines {@code phc}; the system clock's offset is the system clock
     * against {@code phc} plus ptp4l's master offset.
     *
     * @param udsSocket ptp4l's {@code uds_address}
     * @param phc       the PHC ptp4l disciplines (its interface's clock: {@code ethtool -T <if>} names it); this
     *                  reference uses it but does not close it
     * @return the reference
     */
    public static Ptp4lReference of(Path udsSocket, PhcReference phc) {
        return new Ptp4lReference(Objects.requireNonNull(udsSocket, "udsSocket"), Objects.requireNonNull(phc, "phc"));
    }

    /** @return {@code ptp4l:} and the socket path */
    @Override
    public String name() {
        return name;
    }

    @Override
    public ReferenceReading measure(TimeSource clock, Duration timeout) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timeout, "timeout");
        TaiTime at = TaiTime.ofEpochNanos(clock.taiNanos());
        long deadline = System.nanoTime() + timeout.toNanos();
        PtpManagement.TimeStatus status;
        PtpManagement.CurrentDataSet current;
        PtpManagement.ParentDataSet parent;
        PtpManagement.TimeProperties properties;
        try {
            Ptp4lClient c = client();
            status = PtpManagement.TimeStatus.decode(c.get(PtpManagement.TIME_STATUS_NP, millisLeft(deadline)));
            current = PtpManagement.CurrentDataSet.decode(c.get(PtpManagement.CURRENT_DATA_SET, millisLeft(deadline)));
            parent = PtpManagement.ParentDataSet.decode(c.get(PtpManagement.PARENT_DATA_SET, millisLeft(deadline)));
            properties = PtpManagement.TimeProperties.decode(
                    c.get(PtpManagement.TIME_PROPERTIES_DATA_SET, millisLeft(deadline)));
        } catch (KernelCallException e) {
            return noAnswer(at, describe(e));
        } catch (IllegalArgumentException | Ptp4lClient.Ptp4lSilentException e) { // PtpManagementException too
            return noAnswer(at, e.getMessage());
        } catch (LinkageError | IllegalStateException e) {
            return noAnswer(at, "ptp4l's socket cannot be reached without JNA's native part: " + e);
        }
        if (!status.gmPresent()) {
            return noAnswer(at, "ptp4l has no grandmaster (gmPresent false): it follows no master");
        }
        if (current.meanPathDelayNanos() <= 0) {
            return noAnswer(at, "ptp4l has not measured the path delay to its master yet, so it has no offset");
        }
        if (status.masterOffsetNanos() == 0) {
            // What ptp4l reports before it has computed an offset: seen for real in Ptp4lReferenceTest right after
            // start (path delay already measured, master offset still 0). A true 0 ns is rare; refusing it once
            // costs one check.
            return noAnswer(at, "ptp4l has not computed an offset yet (master offset exactly 0, its initial value)");
        }
        long offset = status.masterOffsetNanos();
        long uncertainty = current.meanPathDelayNanos();
        long nowOnPtp4lClock;
        String via;
        if (phc == null) {
            nowOnPtp4lClock = clock.utcNanos();
            via = "ptp4l disciplines the system clock";
        } else {
            ReferenceReading toPhc = phc.measure(clock, Duration.ofMillis(Math.max(1, millisLeft(deadline))));
            if (!toPhc.answered()) {
                return noAnswer(at, "the PHC ptp4l disciplines does not answer: " + toPhc.detail());
            }
            offset += toPhc.offsetNanos();
            uncertainty += toPhc.uncertaintyNanos();
            nowOnPtp4lClock = phc.scale() == PhcReference.Scale.TAI ? clock.taiNanos() : clock.utcNanos();
            via = "system − PHC " + toPhc.offsetNanos() + " ns ± " + toPhc.uncertaintyNanos() + " ns via "
                    + phc.name();
        }
        long syncAgeNanos = nowOnPtp4lClock - status.ingressTimeNanos();
        if (syncAgeNanos < -NANOS_PER_SECOND) {
            return noAnswer(at, "the last Sync's ingress time is ahead of the clock it should be on"
                    + (phc == null ? " (by about TAI − UTC when ptp4l disciplines a PHC: use Ptp4lReference.of(socket,"
                    + " PhcReference.of(/dev/ptpN)) for hardware timestamping)" : ""));
        }
        if (syncAgeNanos > MAX_SYNC_AGE.toNanos()) {
            return noAnswer(at, "the last Sync from the master arrived more than " + MAX_SYNC_AGE.toSeconds()
                    + " s ago: ptp4l's master offset is stale");
        }
        LeapState leap = properties.leap61() ? LeapState.INSERT_PENDING
                : properties.leap59() ? LeapState.DELETE_PENDING : LeapState.NONE;
        String detail = String.format(Locale.ROOT,
                "master offset %d ns, mean path delay %d ns, grandmaster %s (accuracy 0x%02x, time source 0x%02x),"
                        + " steps removed %d, TAI−UTC %d s%s; %s",
                status.masterOffsetNanos(), current.meanPathDelayNanos(), parent.gmIdentity(),
                parent.gmClockAccuracy(), properties.timeSource(), current.stepsRemoved(),
                properties.currentUtcOffset(), properties.utcOffsetValid() ? "" : " (not marked valid)", via);
        return reasons.record(ReferenceReading.measured(name, at, offset, uncertainty,
                2 * current.meanPathDelayNanos(), -1, parent.gmClockClass(), leap, detail));
    }

    private ReferenceReading noAnswer(TaiTime at, String reason) {
        return reasons.record(ReferenceReading.noAnswer(name, at, reason));
    }

    private Ptp4lClient client() {
        if (client == null) {
            client = new Ptp4lClient(socket, 0);
        }
        return client;
    }

    private static long millisLeft(long deadlineNanos) {
        return Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }

    private String describe(KernelCallException e) {
        switch (e.errno()) {
            case 2: // ENOENT
                return "no socket at " + socket + ": is ptp4l running, and is this its uds_address? (" + e.getMessage()
                        + ")";
            case 111: // ECONNREFUSED
                return "nobody is bound to " + socket + ": ptp4l is not running (a stale socket file)";
            case 13: // EACCES
            case 1:  // EPERM
                return "permission denied on " + socket + " (" + e.getMessage() + "): ptp4l's socket is root's"
                        + " unless its uds_file_mode allows others";
            default:
                return e.getMessage();
        }
    }

    /** Closes this reference's own socket (not the PHC reference given to it). */
    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public String toString() {
        return name + (phc != null ? " with " + phc.name() : "");
    }
}
