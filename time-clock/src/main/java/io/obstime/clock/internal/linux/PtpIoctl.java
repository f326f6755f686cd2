package io.obstime.clock.internal.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The PTP hardware clock character device ({@code /dev/ptpN}): its ioctl numbers and struct layouts, from the kernel's
 * UAPI header {@code <linux/ptp_clock.h>}, each defined once here, and the decoding of the raw ioctl results into the
 * best (narrowest) system/PHC comparison. Pure Java: {@link JnaPtpClock} makes the calls, this class reads the bytes,
 * so the decoding is tested on recorded results without a PHC.
 *
 * <p>All timestamps are {@code struct ptp_clock_time}: the system stamps are {@code CLOCK_REALTIME} (POSIX UTC
 * nanoseconds since 1970), the PHC stamps are in whatever scale the PHC keeps (normally TAI, as ptp4l keeps it);
 * the decoding does not convert scales.
 */
public final class PtpIoctl {

    private PtpIoctl() {
    }

    // ------------------------------------------------------------------------------------------- ioctl numbers
    /*
     * <asm-generic/ioctl.h> (x86-64, arm64: the generic layout):
     *   _IOC(dir, type, nr, size) = dir << 30 | size << 16 | type << 8 | nr
     *   _IOC_WRITE = 1 (user space writes, kernel reads), _IOC_READ = 2 (kernel writes), _IOWR = both = 3
     * <linux/ptp_clock.h>:
     *   PTP_CLK_MAGIC '=' (0x3d)
     *   PTP_CLOCK_GETCAPS        _IOR (PTP_CLK_MAGIC, 1, struct ptp_clock_caps)          = 2<<30 |   80<<16 | 0x3d01 = 0x80503d01
     *   PTP_SYS_OFFSET           _IOW (PTP_CLK_MAGIC, 5, struct ptp_sys_offset)          = 1<<30 |  832<<16 | 0x3d05 = 0x43403d05
     *   PTP_SYS_OFFSET_PRECISE   _IOWR(PTP_CLK_MAGIC, 8, struct ptp_sys_offset_precise)  = 3<<30 |   64<<16 | 0x3d08 = 0xc0403d08
     *   PTP_SYS_OFFSET_EXTENDED  _IOWR(PTP_CLK_MAGIC, 9, struct ptp_sys_offset_extended) = 3<<30 | 1216<<16 | 0x3d09 = 0xc4c03d09
     * (PTP_SYS_OFFSET is _IOW although the kernel writes the stamps back: the header says so, and the number is what
     * counts.) Kernels before 4.21 do not know PTP_SYS_OFFSET_EXTENDED (ENOTTY); drivers without gettimex64 or
     * getcrosststamp answer EOPNOTSUPP for EXTENDED and PRECISE.
     */
    static final int IOC_WRITE = 1;
    static final int IOC_READ = 2;
    static final int PTP_CLK_MAGIC = '=';

    /**
     * {@code _IOC(dir, type, nr, size)} of {@code <asm-generic/ioctl.h>}.
     *
     * @param dir  {@link #IOC_WRITE}, {@link #IOC_READ} or both
     * @param type the driver's magic character
     * @param nr   the command number
     * @param size the argument struct's size in bytes (14 bits)
     * @return the ioctl request number, as the unsigned long the kernel sees
     */
    static long ioc(int dir, int type, int nr, int size) {
        if (size < 0 || size >= 1 << 14) {
            throw new IllegalArgumentException("ioctl size must fit 14 bits: " + size);
        }
        return ((long) dir << 30) | ((long) size << 16) | ((long) type << 8) | nr;
    }

    // -------------------------------------------------------------------------------------------- struct layouts
    /** {@code PTP_MAX_SAMPLES}: the most samples one PTP_SYS_OFFSET(_EXTENDED) call takes. */
    public static final int MAX_SAMPLES = 25;

    /** {@code struct ptp_clock_time}: {@code __s64 sec}@0, {@code __u32 nsec}@8, {@code __u32 reserved}@12. */
    static final int CLOCK_TIME_SIZE = 16;

    /*
     * struct ptp_clock_caps, 80 bytes, all int: max_adj@0 (ppb), n_alarm@4, n_ext_ts@8, n_per_out@12, pps@16,
     * n_pins@20, cross_timestamping@24, adjust_phase@28, max_phase_adj@32, rsv[11]@36.
     */
    static final int CAPS_SIZE = 80;
    static final int CAPS_MAX_ADJ = 0;
    static final int CAPS_N_ALARM = 4;
    static final int CAPS_N_EXT_TS = 8;
    static final int CAPS_N_PER_OUT = 12;
    static final int CAPS_PPS = 16;
    static final int CAPS_N_PINS = 20;
    static final int CAPS_CROSS_TIMESTAMPING = 24;

    /*
     * struct ptp_sys_offset, 832 bytes: unsigned n_samples@0, rsv[3]@4, struct ptp_clock_time ts[2 * 25 + 1]@16.
     * The kernel fills ts[0..2n]: sys, phc, sys, phc, ..., sys; sample i is (ts[2i], ts[2i+1], ts[2i+2]).
     */
    static final int BASIC_SIZE = 16 + (2 * MAX_SAMPLES + 1) * CLOCK_TIME_SIZE;
    static final int BASIC_N_SAMPLES = 0;
    static final int BASIC_TS = 16;

    /*
     * struct ptp_sys_offset_extended, 1216 bytes: unsigned n_samples@0, clockid@4 (rsv[0] before Linux 6.12; 0 =
     * CLOCK_REALTIME either way), rsv[2]@8, struct ptp_clock_time ts[25][3]@16: per sample (sys before, phc, sys after).
     */
    static final int EXTENDED_SIZE = 16 + MAX_SAMPLES * 3 * CLOCK_TIME_SIZE;
    static final int EXTENDED_N_SAMPLES = 0;
    static final int EXTENDED_TS = 16;

    /*
     * struct ptp_sys_offset_precise, 64 bytes: struct ptp_clock_time device@0, sys_realtime@16, sys_monoraw@32,
     * rsv[4]@48. One hardware cross-timestamp: device and system stamps taken at the same instant.
     */
    static final int PRECISE_SIZE = 4 * CLOCK_TIME_SIZE;
    static final int PRECISE_DEVICE = 0;
    static final int PRECISE_SYS_REALTIME = 16;

    /** {@code PTP_CLOCK_GETCAPS}. */
    public static final long PTP_CLOCK_GETCAPS = ioc(IOC_READ, PTP_CLK_MAGIC, 1, CAPS_SIZE);
    /** {@code PTP_SYS_OFFSET}. */
    public static final long PTP_SYS_OFFSET = ioc(IOC_WRITE, PTP_CLK_MAGIC, 5, BASIC_SIZE);
    /** {@code PTP_SYS_OFFSET_PRECISE}. */
    public static final long PTP_SYS_OFFSET_PRECISE = ioc(IOC_READ | IOC_WRITE, PTP_CLK_MAGIC, 8, PRECISE_SIZE);
    /** {@code PTP_SYS_OFFSET_EXTENDED}. */
    public static final long PTP_SYS_OFFSET_EXTENDED = ioc(IOC_READ | IOC_WRITE, PTP_CLK_MAGIC, 9, EXTENDED_SIZE);

    /** How the system clock was compared with the PHC, in the order {@link JnaPtpClock} tries them. */
    public enum Method {
        /** {@code PTP_SYS_OFFSET_EXTENDED}: the driver stamps the system clock right before and after its PHC read. */
        EXTENDED,
        /** {@code PTP_SYS_OFFSET_PRECISE}: a hardware cross-timestamp (for example {@code ptp_kvm}); no sandwich. */
        PRECISE,
        /** {@code PTP_SYS_OFFSET}: the generic code stamps the system clock around the whole driver call. */
        BASIC;

        /** @return the ioctl's name, for messages */
        public String ioctlName() {
            switch (this) {
                case EXTENDED: return "PTP_SYS_OFFSET_EXTENDED";
                case PRECISE: return "PTP_SYS_OFFSET_PRECISE";
                default: return "PTP_SYS_OFFSET";
            }
        }

        /** @return the ioctl's request number */
        public long request() {
            switch (this) {
                case EXTENDED: return PTP_SYS_OFFSET_EXTENDED;
                case PRECISE: return PTP_SYS_OFFSET_PRECISE;
                default: return PTP_SYS_OFFSET;
            }
        }

        /** @return the size of the ioctl's argument struct in bytes */
        public int structSize() {
            switch (this) {
                case EXTENDED: return EXTENDED_SIZE;
                case PRECISE: return PRECISE_SIZE;
                default: return BASIC_SIZE;
            }
        }
    }

    /**
     * What {@code PTP_CLOCK_GETCAPS} says about a PHC.
     *
     * @param maxAdjPpb         largest frequency adjustment, parts per billion
     * @param alarms            programmable alarms
     * @param externalTimestamps external time stamp channels
     * @param periodicOutputs   programmable periodic signals
     * @param pps               whether the clock offers a PPS callback
     * @param pins              input/output pins
     * @param crossTimestamping whether the driver offers {@code PTP_SYS_OFFSET_PRECISE}
     */
    public record Caps(int maxAdjPpb, int alarms, int externalTimestamps, int periodicOutputs, boolean pps, int pins,
                       boolean crossTimestamping) {
    }

    /**
     * One comparison of the system clock with the PHC: the best of the samples taken.
     *
     * @param method         the ioctl used
     * @param samples        the valid samples the best was chosen from
     * @param systemNanos    system clock ({@code CLOCK_REALTIME}, POSIX UTC ns since 1970) at the PHC read: the
     *                       midpoint of the sandwich, or the cross-timestamp
     * @param phcNanos       the PHC's reading, nanoseconds since 1970 in the PHC's own scale
     * @param widthNanos     the sandwich's width (system after minus system before), ns; 0 for a cross-timestamp
     */
    public record SysOffset(Method method, int samples, long systemNanos, long phcNanos, long widthNanos) {

        /** @return {@code systemNanos - phcNanos}: the system clock minus the PHC, both read as they are */
        public long rawOffsetNanos() {
            return systemNanos - phcNanos;
        }
    }

    /**
     * A zeroed argument buffer for {@code method}, with {@code n_samples} set where the struct has it.
     *
     * @param method  the ioctl
     * @param samples 1..{@link #MAX_SAMPLES}; ignored for {@link Method#PRECISE}
     * @return a buffer in native byte order, {@link Method#structSize()} bytes
     */
    static ByteBuffer request(Method method, int samples) {
        ByteBuffer b = ByteBuffer.allocateDirect(method.structSize()).order(ByteOrder.nativeOrder());
        if (method != Method.PRECISE) {
            if (samples < 1 || samples > MAX_SAMPLES) {
                throw new IllegalArgumentException("samples must be 1.." + MAX_SAMPLES + ": " + samples);
            }
            b.putInt(method == Method.EXTENDED ? EXTENDED_N_SAMPLES : BASIC_N_SAMPLES, samples);
        }
        return b;
    }

    /**
     * Decodes a {@code struct ptp_clock_caps}.
     *
     * @param raw the struct as the kernel wrote it, {@link #CAPS_SIZE} bytes from position 0, native order set
     * @return the capabilities
     */
    public static Caps decodeCaps(ByteBuffer raw) {
        requireSize(raw, CAPS_SIZE, "struct ptp_clock_caps");
        return new Caps(raw.getInt(CAPS_MAX_ADJ), raw.getInt(CAPS_N_ALARM), raw.getInt(CAPS_N_EXT_TS),
                raw.getInt(CAPS_N_PER_OUT), raw.getInt(CAPS_PPS) != 0, raw.getInt(CAPS_N_PINS),
                raw.getInt(CAPS_CROSS_TIMESTAMPING) != 0);
    }

    /**
     * Decodes the result of one of the PTP_SYS_OFFSET ioctls and keeps the sample with the narrowest sandwich (the
     * least delay between the two system stamps, so the least doubt about when the PHC was read), as phc2sys does.
     * A sample whose second system stamp is before its first (the system clock was stepped during it) is dropped.
     *
     * @param method the ioctl that wrote {@code raw}
     * @param raw    the struct as the kernel wrote it, from position 0, native byte order set
     * @return the best sample
     * @throws IllegalArgumentException when the struct is too short, says 0 or more than 25 samples, holds a
     *                                  nanosecond field of 10⁹ or more, or no sample is valid
     */
    public static SysOffset decode(Method method, ByteBuffer raw) {
        requireSize(raw, method.structSize(), "struct for " + method.ioctlName());
        if (method == Method.PRECISE) {
            long device = time(raw, PRECISE_DEVICE, "device");
            long system = time(raw, PRECISE_SYS_REALTIME, "sys_realtime");
            return new SysOffset(method, 1, system, device, 0);
        }
        boolean extended = method == Method.EXTENDED;
        int n = raw.getInt(extended ? EXTENDED_N_SAMPLES : BASIC_N_SAMPLES);
        if (n < 1 || n > MAX_SAMPLES) {
            throw new IllegalArgumentException(method.ioctlName() + ": n_samples must be 1.." + MAX_SAMPLES + ": " + n);
        }
        int valid = 0;
        long bestWidth = Long.MAX_VALUE;
        long bestSystem = 0;
        long bestPhc = 0;
        for (int i = 0; i < n; i++) {
            // EXTENDED: ts[i][0..2]; BASIC: ts[2i], ts[2i+1], ts[2i+2] (neighbouring samples share a system stamp)
            int first = extended ? EXTENDED_TS + 3 * i * CLOCK_TIME_SIZE : BASIC_TS + 2 * i * CLOCK_TIME_SIZE;
            long before = time(raw, first, "sample " + i + " system (before)");
            long phc = time(raw, first + CLOCK_TIME_SIZE, "sample " + i + " phc");
            long after = time(raw, first + 2 * CLOCK_TIME_SIZE, "sample " + i + " system (after)");
            long width = after - before;
            if (width < 0) {
                continue; // the system clock was stepped back between the stamps: this sample says nothing
            }
            valid++;
            if (width < bestWidth) {
                bestWidth = width;
                bestSystem = before + width / 2;
                bestPhc = phc;
            }
        }
        if (valid == 0) {
            throw new IllegalArgumentException(method.ioctlName() + ": none of the " + n
                    + " samples is valid (each second system stamp is before its first: the clock was stepped)");
        }
        return new SysOffset(method, valid, bestSystem, bestPhc, bestWidth);
    }

    /** {@code struct ptp_clock_time} at {@code offset} as nanoseconds since 1970 in the clock's own scale. */
    private static long time(ByteBuffer raw, int offset, String what) {
        long sec = raw.getLong(offset);
        long nsec = Integer.toUnsignedLong(raw.getInt(offset + 8));
        if (nsec >= 1_000_000_000L) {
            throw new IllegalArgumentException("struct ptp_clock_time " + what + " at byte " + offset
                    + ": nsec must be < 10^9: " + nsec);
        }
        try {
            return Math.addExact(Math.multiplyExact(sec, 1_000_000_000L), nsec);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("struct ptp_clock_time " + what + " at byte " + offset
                    + ": " + sec + " s does not fit in nanoseconds since 1970");
        }
    }

    private static void requireSize(ByteBuffer raw, int size, String what) {
        if (raw.limit() < size) {
            throw new IllegalArgumentException(what + " needs " + size + " bytes: got " + raw.limit());
        }
    }
}
