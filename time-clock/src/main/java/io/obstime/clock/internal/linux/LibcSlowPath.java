package io.obstime.clock.internal.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * libc's slow-path calls for the PTP clock device and the Unix datagram socket to ptp4l, through JNA direct mapping
 * with errno captured (JNA throws {@link LastErrorException} when a call sets errno). JNA on every JDK: these run
 * once per check, not per clock read. Arrays are copied in and back out by JNA; raw addresses point at direct
 * buffers. Sizes: {@code ssize_t} and {@code size_t} are {@code long} on 64-bit Linux (checked by the callers).
 */
final class LibcSlowPath {

    static {
        Native.register(LibcSlowPath.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibcSlowPath() {
    }

    /** {@code <fcntl.h>} flags for {@code open}. */
    static final int O_RDONLY = 0;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;

    /** {@code <sys/socket.h>}. */
    static final int AF_UNIX = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int MSG_DONTWAIT = 0x40;

    /** {@code <poll.h>}: {@code struct pollfd} is {@code int fd}@0, {@code short events}@4, {@code short revents}@6. */
    static final int POLLIN = 0x1;
    static final int POLLFD_SIZE = 8;

    /** {@code int open(const char *path, int flags)}; path as NUL-terminated bytes. */
    static native int open(byte[] path, int flags) throws LastErrorException;

    /** {@code int close(int fd)}. */
    static native int close(int fd) throws LastErrorException;

    /** {@code int ioctl(int fd, unsigned long request, void *arg)}: the variadic third argument is an address. */
    static native int ioctl(int fd, long request, long argAddress) throws LastErrorException;

    /** {@code int socket(int domain, int type, int protocol)}. */
    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    /** {@code int bind(int fd, const struct sockaddr *addr, socklen_t len)}. */
    static native int bind(int fd, byte[] addr, int len) throws LastErrorException;

    /** {@code ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to, socklen_t)}. */
    static native long sendto(int fd, byte[] buf, long len, int flags, byte[] to, int toLen) throws LastErrorException;

    /**
     * {@code ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from, socklen_t *fromLen)}:
     * {@code fromLen[0]} goes in as the size of {@code from} and comes back as the sender address's length.
     */
    static native long recvfrom(int fd, byte[] buf, long len, int flags, byte[] from, int[] fromLen)
            throws LastErrorException;

    /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)}. */
    static native int poll(byte[] fds, long nfds, int timeoutMillis) throws LastErrorException;

    /** The encoding of file names, as the JDK itself uses for them. */
    static final java.nio.charset.Charset FILE_NAMES = java.nio.charset.Charset.forName(
            System.getProperty("sun.jnu.encoding", "UTF-8"));

    /**
     * @param path a file system path
     * @return its bytes in the platform's file name encoding, NUL-terminated
     */
    static byte[] cString(String path) {
        byte[] bytes = path.getBytes(FILE_NAMES);
        byte[] c = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, c, 0, bytes.length);
        return c;
    }

    /** {@code close(fd)}, ignoring its error: the kernel releases the descriptor even when close reports one. */
    static void closeQuietly(int fd) {
        try {
            close(fd);
        } catch (LastErrorException ignored) {
            // released anyway (see above)
        }
    }

    /** @throws IllegalStateException on a platform whose {@code long} or pointers are not 64-bit */
    static void require64Bit() {
        if (Native.LONG_SIZE != 8 || Native.POINTER_SIZE != 8) {
            throw new IllegalStateException("the struct layouts here are those of 64-bit Linux; this C long is "
                    + Native.LONG_SIZE + " bytes");
        }
    }
}
