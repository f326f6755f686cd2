package io.obstime.monitor;

import io.obstime.clock.LeapSecond;
import io.obstime.clock.LeapSecondTable;
import io.obstime.clock.LeapState;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.clock.internal.linux.JnaPtpClock;
import io.obstime.clock.internal.linux.KernelCallException;
import io.obstime.clock.internal.linux.PtpIoctl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system clock ({@code CLOCK_REALTIME}) compared with a PTP hardware clock ({@code /dev/ptpN}: a NIC's clock
 * disciplined by ptp4l, or the KVM host's clock through {@code ptp_kvm}), the way phc2sys compares them: the kernel's
 * {@code PTP_SYS_OFFSET_EXTENDED} (each PHC read sandwiched between two system stamps by the driver), else
 * {@code PTP_SYS_OFFSET_PRECISE} (a hardware cross-timestamp, as {@code ptp_kvm} offers), else the basic
 * {@code PTP_SYS_OFFSET}. Of {@code samples} samples the one with the narrowest sandwich is kept.
 *
 * <p><b>Time scale.</b> A PHC disciplined by ptp4l keeps PTP time, which is TAI (the default here); the system clock
 * keeps POSIX UTC. The PHC's TAI reading is turned into UTC with the {@link TimeSource}'s leap-second table (not the
 * kernel's TAI offset, which is 0 on hosts where nobody set it), then compared. Give {@link Scale#UTC} for a PHC that
 * is kept on UTC (phc2sys {@code -O 0} setups, some ptp_kvm hosts: the KVM host's {@code CLOCK_REALTIME}).
 *
 * <p><b>Leap seconds.</b> From one second before to one second after a UTC midnight at which the table inserts or
 * deletes a second, the reference gives no answer ("leap second"): the PHC's TAI runs on while the kernel steps
 * {@code CLOCK_REALTIME} back (or forward) at its first tick after midnight, up to about 10 ms late, so a comparison
 * there could be off by a whole second.
 *
 * <p><b>Offset and uncertainty.</b> The offset is system clock minus PHC (in UTC), nanoseconds: positive when the
 * system clock is ahead. Its uncertainty is half the best sample's sandwich width (the PHC was read somewhere inside
 * it), at least 1 ns; for a cross-timestamp, half the spread of the offsets over {@code samples} cross-timestamps.
 * The delay reported is the sandwich's width. This says how well the system clock agrees with the PHC, not how well
 * the PHC agrees with its grandmaster: add a {@link Ptp4lReference} for that.
 *
 * <p><b>Bad input.</b> A path that does not exist, is not a character device, is not a PTP clock (ENOTTY) or may not
 * be read (EACCES: {@code /dev/ptpN} is normally root's, mode 0600) is a {@link ReferenceReading#noAnswer} with the
 * reason, logged once per change of reason. The device is opened read-only on first use and kept open; after an
 * error it is closed and opened again at the next check.
 *
 * <p>Not thread-safe (one monitor thread). Each check makes a few ioctl calls of microseconds each; the timeout is not
 * needed.
 */
public final class PhcReference implements ClockReference {

    private static final Logger LOG = LoggerFactory.getLogger(PhcReference.class);

    /** Samples per check unless given: phc2sys takes 5; a few more cost microseconds and find a narrower sandwich. */
    public static final int DEFAULT_SAMPLES = 9;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    /** The time scale a PHC keeps. */
    public enum Scale {
        /** PTP time: TAI, nanoseconds since 1970-01-01T00:00:00 TAI. What ptp4l keeps a PHC on. */
        TAI,
        /** POSIX UTC, nanoseconds since 1970-01-01T00:00:00Z (leap seconds not counted), like CLOCK_REALTIME. */
        UTC
    }

    private final Path device;
    private final Scale scale;
    private final int samples;
    private final String name;
    private final ReasonLog reasons;
    private JnaPtpClock clock; // open between checks; null before the first and after an error

    private PhcReference(Path device, Scale scale, int samples) {
        this.device = device;
        this.scale = scale;
        this.samples = samples;
        this.name = "phc:" + device;
        this.reasons = new ReasonLog(LOG, name);
    }

    /**
     * A PHC on TAI, {@value #DEFAULT_SAMPLES} samples a check.
     *
     * @param device the PTP clock's character device, for example {@code /dev/ptp0}
     * @return the reference (nothing is opened until the first check)
     */
    public static PhcReference of(Path device) {
        return of(device, Scale.TAI, DEFAULT_SAMPLES);
    }

    /**
     * @param device  the PTP clock's character device, for example {@code /dev/ptp0}
     * @param scale   the time scale the PHC keeps (TAI when ptp4l disciplines it)
     * @param samples samples per check, 1..25 (the kernel's {@code PTP_MAX_SAMPLES})
     * @return the reference (nothing is opened until the first check)
     * @throws IllegalArgumentException when {@code samples} is outside 1..25
     */
    public static PhcReference of(Path device, Scale scale, int samples) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(scale, "scale");
        if (samples < 1 || samples > PtpIoctl.MAX_SAMPLES) {
            throw new IllegalArgumentException("samples must be 1.." + PtpIoctl.MAX_SAMPLES + ": " + samples);
        }
        return new PhcReference(device, scale, samples);
    }

    /** @return {@code phc:} and the device path, for example {@code phc:/dev/ptp0} */
    @Override
    public String name() {
        return name;
    }

    /** @return the device path */
    public Path device() {
        return device;
    }

    /** @return the time scale the PHC is taken to keep */
    public Scale scale() {
        return scale;
    }

    @Override
    public ReferenceReading measure(TimeSource clock, Duration timeout) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timeout, "timeout");
        TaiTime at = TaiTime.ofEpochNanos(clock.taiNanos());
        Comparison c;
        try {
            c = compare();
        } catch (Unanswered e) {
            close();
            return reasons.record(ReferenceReading.noAnswer(name, at, e.getMessage()));
        }
        String leap = leapSecondNear(clock.leapSeconds(), c.systemNanos);
        if (leap != null) {
            return reasons.record(ReferenceReading.noAnswer(name, at, leap));
        }
        long offset = systemMinusPhcNanos(c.systemNanos, c.phcNanos, scale, clock.leapSeconds());
        String scaleText = scale == Scale.UTC ? "PHC on UTC" : "PHC on TAI, TAI−UTC "
                + clock.leapSeconds().taiMinusUtcAtTaiNanos(c.phcNanos) + " s from the leap table";
        String detail = c.how + ", " + scaleText + hintOnScale(offset, clock);
        return reasons.record(ReferenceReading.measured(name, at, offset, Math.max(1, c.uncertaintyNanos),
                c.widthNanos, -1, -1, LeapState.UNKNOWN, detail));
    }

    /** One check's comparison, before the scale is applied. */
    private static final class Comparison {
        long systemNanos;
        long phcNanos;
        long widthNanos;
        long uncertaintyNanos;
        String how;
    }

    /** A reason not to answer, in words; carries no stack trace. */
    private static final class Unanswered extends Exception {
        private static final long serialVersionUID = 1L;

        Unanswered(String reason) {
            super(reason, null, false, false);
        }
    }

    private Comparison compare() throws Unanswered {
        JnaPtpClock phc = openDevice();
        try {
            PtpIoctl.SysOffset best = phc.sysOffset(samples);
            Comparison c = new Comparison();
            if (best.method() == PtpIoctl.Method.PRECISE) {
                crossTimestamps(phc, best, c);
            } else {
                c.systemNanos = best.systemNanos();
                c.phcNanos = best.phcNanos();
                c.widthNanos = best.widthNanos();
                c.uncertaintyNanos = (best.widthNanos() + 1) / 2;
                c.how = best.method().ioctlName() + ", best of " + best.samples() + " samples";
            }
            return c;
        } catch (KernelCallException e) {
            throw new Unanswered(describe(e));
        } catch (IllegalArgumentException e) {
            throw new Unanswered("the kernel's answer makes no sense: " + e.getMessage());
        }
    }

    /** {@code samples} cross-timestamps: the middle one by offset, uncertainty half their spread. */
    private void crossTimestamps(JnaPtpClock phc, PtpIoctl.SysOffset first, Comparison c) {
        PtpIoctl.SysOffset[] all = new PtpIoctl.SysOffset[samples];
        all[0] = first;
        for (int i = 1; i < samples; i++) {
            all[i] = phc.sysOffset(1);
        }
        java.util.Arrays.sort(all, java.util.Comparator.comparingLong(PtpIoctl.SysOffset::rawOffsetNanos));
        PtpIoctl.SysOffset middle = all[samples / 2];
        c.systemNanos = middle.systemNanos();
        c.phcNanos = middle.phcNanos();
        c.widthNanos = 0;
        c.uncertaintyNanos = (all[samples - 1].rawOffsetNanos() - all[0].rawOffsetNanos() + 1) / 2;
        c.how = "PTP_SYS_OFFSET_PRECISE, median of " + samples + " cross-timestamps";
    }

    private JnaPtpClock openDevice() throws Unanswered {
        if (clock != null) {
            return clock;
        }
        if (!Files.exists(device)) {
            throw new Unanswered(device + " does not exist (no PTP clock there: see /sys/class/ptp)");
        }
        String notChar = notCharacterDevice();
        if (notChar != null) {
            throw new Unanswered(device + " is not a character device (" + notChar + "), so not a PTP clock");
        }
        try {
            clock = JnaPtpClock.open(device);
            return clock;
        } catch (KernelCallException e) {
            throw new Unanswered(describe(e));
        } catch (LinkageError | IllegalStateException e) {
            throw new Unanswered("the PTP clock cannot be reached without JNA's native part: " + e);
        }
    }

    /** @return what the path is when it is not a character device, or null when it is (or cannot be told) */
    private String notCharacterDevice() {
        try {
            Object mode = Files.getAttribute(device, "unix:mode");
            if (mode instanceof Integer m && (m & S_IFMT) != S_IFCHR) {
                return Files.isDirectory(device) ? "a directory" : Files.isRegularFile(device) ? "a regular file"
                        : "file type " + Integer.toOctalString(m & S_IFMT);
            }
            return null;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null; // no unix view: the open and the ioctl will tell
        }
    }

    private String describe(KernelCallException e) {
        switch (e.errno()) {
            case JnaPtpClock.ENOTTY:
                return device + " is not a PTP clock (" + e.getMessage() + ")";
            case 13: // EACCES
            case 1:  // EPERM
                return "permission denied: " + device + " may not be read by this process (" + e.getMessage()
                        + "); /dev/ptpN is normally root's, mode 0600: grant read access with a udev rule or group";
            case KernelCallException.ENODEV:
                return device + " is gone (" + e.getMessage() + ")";
            default:
                return e.getMessage();
        }
    }

    /**
     * The offset in one scale: the PHC's reading turned into POSIX UTC, then subtracted from the system clock's.
     *
     * @param systemUtcNanos the system clock, POSIX UTC nanoseconds since 1970
     * @param phcNanos       the PHC, nanoseconds since 1970 in {@code scale}
     * @param scale          the PHC's scale
     * @param table          the leap-second table for TAI → UTC
     * @return system clock minus PHC, nanoseconds
     */
    static long systemMinusPhcNanos(long systemUtcNanos, long phcNanos, Scale scale, LeapSecondTable table) {
        long phcUtcNanos = scale == Scale.TAI ? table.taiToUtcNanos(phcNanos) : phcNanos;
        return systemUtcNanos - phcUtcNanos;
    }

    /**
     * @return the reason not to answer when {@code systemUtcNanos} lies within a second of a midnight at which the
     *         table inserts or deletes a second, else null
     */
    static String leapSecondNear(LeapSecondTable table, long systemUtcNanos) {
        List<LeapSecond> leaps = table.leapSeconds();
        for (int i = leaps.size() - 1; i >= 1; i--) { // entry 0 (1972) is the start of UTC, not a leap second
            long midnight = leaps.get(i).utcEpochSecond() * NANOS_PER_SECOND;
            if (systemUtcNanos >= midnight - NANOS_PER_SECOND && systemUtcNanos < midnight + NANOS_PER_SECOND) {
                return "leap second at " + leaps.get(i).utcStart() + ": the kernel steps the system clock in the "
                        + "second after midnight, so the comparison with the PHC is not made from 1 s before to 1 s "
                        + "after";
            }
            if (midnight < systemUtcNanos - NANOS_PER_SECOND) {
                break;
            }
        }
        return null;
    }

    /** A hint when the offset is about ±(TAI − UTC): the PHC is probably on the other scale. */
    private String hintOnScale(long offsetNanos, TimeSource clock) {
        long taiMinusUtc = clock.taiOffset() * NANOS_PER_SECOND;
        if (taiMinusUtc != 0 && Math.abs(Math.abs(offsetNanos) - taiMinusUtc) < NANOS_PER_SECOND / 10) {
            return "; the offset is about TAI−UTC: is the PHC kept on " + (scale == Scale.TAI ? "UTC" : "TAI")
                    + " rather than " + scale + "?";
        }
        return "";
    }

    /** Closes the device if open; the next check opens it again. */
    @Override
    public void close() {
        if (clock != null) {
            clock.close();
            clock = null;
        }
    }

    @Override
    public String toString() {
        return name + " (" + scale + ", " + samples + " samples)";
    }
}
