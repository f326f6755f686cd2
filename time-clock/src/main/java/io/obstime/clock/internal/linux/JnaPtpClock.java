package io.obstime.clock.internal.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * An open PTP hardware clock ({@code /dev/ptpN}): {@code PTP_CLOCK_GETCAPS} on open, then comparisons of the system
 * clock with it through the PTP_SYS_OFFSET family (layouts and numbers in {@link PtpIoctl}). Opened read-only: the
 * read ioctls need no write access, and nothing here can steer the clock.
 *
 * <p>Which comparison: {@code PTP_SYS_OFFSET_EXTENDED} first (the driver's own sandwich of each PHC read between two
 * system stamps: the tightest bound), then {@code PTP_SYS_OFFSET_PRECISE} where the driver offers a cross-timestamp
 * (for example {@code ptp_kvm}, which has no EXTENDED), then the basic {@code PTP_SYS_OFFSET} that every PHC answers.
 * (phc2sys tries PRECISE first; obstime prefers the measured sandwich, whose width is an honest uncertainty.) The
 * first that works is kept for this device.
 *
 * <p>Not thread-safe: one owner (a monitor's reference) at a time. Every failure throws {@link KernelCallException}
 * with the call, the path and errno.
 */
public final class JnaPtpClock implements AutoCloseable {

    /** {@code ENOTTY}: the file is not a PTP clock (the ioctl is unknown to its driver), or the kernel is too old. */
    public static final int ENOTTY = 25;
    /** {@code EOPNOTSUPP}: the PHC's driver does not offer this comparison. */
    public static final int EOPNOTSUPP = 95;

    private final String path;
    private final PtpIoctl.Caps caps;
    private int fd;
    private PtpIoctl.Method method; // null until one has worked

    private JnaPtpClock(String path, int fd, PtpIoctl.Caps caps) {
        this.path = path;
        this.fd = fd;
        this.caps = caps;
    }

    /**
     * Opens the device and reads its capabilities.
     *
     * @param device for example {@code /dev/ptp0}
     * @return the open clock
     * @throws KernelCallException {@code open} failed (ENOENT, EACCES, ...) or {@code PTP_CLOCK_GETCAPS} failed
     *                             (ENOTTY: not a PTP clock)
     * @throws LinkageError        JNA cannot be loaded
     */
    public static JnaPtpClock open(Path device) {
        LibcSlowPath.require64Bit();
        String path = device.toString();
        int fd;
        // O_NONBLOCK: opening a FIFO given by mistake must not hang; a PTP clock ignores it.
        int flags = LibcSlowPath.O_RDONLY | LibcSlowPath.O_NONBLOCK | LibcSlowPath.O_CLOEXEC;
        try {
            fd = LibcSlowPath.open(LibcSlowPath.cString(path), flags);
        } catch (LastErrorException e) {
            throw new KernelCallException("open(\"" + path + "\", O_RDONLY|O_NONBLOCK|O_CLOEXEC)", e.getErrorCode(),
                    "failed");
        }
        try {
            ByteBuffer raw = ByteBuffer.allocateDirect(PtpIoctl.CAPS_SIZE).order(java.nio.ByteOrder.nativeOrder());
            ioctl(fd, path, PtpIoctl.PTP_CLOCK_GETCAPS, "PTP_CLOCK_GETCAPS", raw);
            return new JnaPtpClock(path, fd, PtpIoctl.decodeCaps(raw));
        } catch (RuntimeException e) {
            LibcSlowPath.closeQuietly(fd);
            throw e;
        }
    }

    /** @return what the PHC's driver offers */
    public PtpIoctl.Caps caps() {
        return caps;
    }

    /** @return the comparison that worked last, or null before the first */
    public PtpIoctl.Method method() {
        return method;
    }

    /**
     * Compares the system clock with the PHC.
     *
     * @param samples samples per call, 1..{@link PtpIoctl#MAX_SAMPLES} (one for a cross-timestamp)
     * @return the best sample
     * @throws KernelCallException when every comparison fails (the last failure), or the device is gone (ENODEV)
     * @throws IllegalArgumentException when the kernel's answer cannot be decoded (see {@link PtpIoctl#decode})
     */
    public PtpIoctl.SysOffset sysOffset(int samples) {
        if (fd < 0) {
            throw new IllegalStateException(path + " is closed");
        }
        if (method != null) {
            return call(method, samples);
        }
        KernelCallException unsupported = null;
        for (PtpIoctl.Method m : PtpIoctl.Method.values()) {
            if (m == PtpIoctl.Method.PRECISE && !caps.crossTimestamping()) {
                continue;
            }
            try {
                PtpIoctl.SysOffset result = call(m, samples);
                method = m;
                return result;
            } catch (KernelCallException e) {
                if (e.errno() != EOPNOTSUPP && e.errno() != ENOTTY) {
                    throw e;
                }
                unsupported = e;
            }
        }
        throw unsupported;
    }

    private PtpIoctl.SysOffset call(PtpIoctl.Method m, int samples) {
        ByteBuffer raw = PtpIoctl.request(m, samples);
        ioctl(fd, path, m.request(), m.ioctlName(), raw);
        return PtpIoctl.decode(m, raw);
    }

    private static void ioctl(int fd, String path, long request, String name, ByteBuffer raw) {
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(raw));
        String call = "ioctl(" + path + ", " + name + "=0x" + Long.toHexString(request) + ")";
        try {
            int rc = LibcSlowPath.ioctl(fd, request, address);
            if (rc < 0) {
                throw new KernelCallException(call, 0, "returned " + rc);
            }
        } catch (LastErrorException e) {
            throw new KernelCallException(call, e.getErrorCode(), "failed");
        }
    }


    /** Closes the device; idempotent. */
    @Override
    public void close() {
        if (fd >= 0) {
            LibcSlowPath.closeQuietly(fd);
            fd = -1;
        }
    }

    @Override
    public String toString() {
        return "PTP clock " + path + (method != null ? " via " + method.ioctlName() : "");
    }
}
