package io.obstime.clock.internal.linux;

import com.sun.jna.LastErrorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Unix-domain datagram socket ({@code AF_UNIX, SOCK_DGRAM}) bound to a path, as ptp4l's management socket needs:
 * the JDK's {@code UnixDomainSocketAddress} (16+) serves stream channels only. Requests go out with
 * {@code sendto}; replies come back to the bound path, so the socket must be bound (ptp4l answers the sender's
 * address). The path is removed on {@link #close()}.
 *
 * <p>Not thread-safe: one owner at a time. Failures throw {@link KernelCallException} naming the call, the path and
 * errno.
 */
public final class UnixDatagramSocket implements AutoCloseable {

    /*
     * struct sockaddr_un (<sys/un.h>), 110 bytes: sa_family_t sun_family@0 (unsigned short, native order),
     * char sun_path[108]@2 (NUL-terminated here). The length passed is 2 + path bytes + 1.
     */
    static final int SUN_PATH_OFFSET = 2;
    static final int SUN_PATH_SIZE = 108;

    /** {@code ECONNREFUSED}: nobody is bound to the destination path (ptp4l not running, stale socket file). */
    public static final int ECONNREFUSED = 111;
    /** {@code ENOENT}: the destination path does not exist. */
    public static final int ENOENT = 2;

    private final Path local;
    private int fd;
    private Path lastSender;

    private UnixDatagramSocket(Path local, int fd) {
        this.local = local;
        this.fd = fd;
    }

    /**
     * Creates a datagram socket bound to {@code local}, which must not exist yet.
     *
     * @param local the socket's own path (at most 107 bytes)
     * @return the bound socket
     * @throws IllegalArgumentException when the path is too long for {@code sun_path}
     * @throws KernelCallException      {@code socket} or {@code bind} failed (EADDRINUSE when the path exists)
     */
    public static UnixDatagramSocket bind(Path local) {
        LibcSlowPath.require64Bit();
        byte[] address = sockaddr(local, "local");
        int fd;
        try {
            fd = LibcSlowPath.socket(LibcSlowPath.AF_UNIX, LibcSlowPath.SOCK_DGRAM | LibcSlowPath.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new KernelCallException("socket(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC, 0)", e.getErrorCode(), "failed");
        }
        try {
            LibcSlowPath.bind(fd, address, address.length);
        } catch (LastErrorException e) {
            LibcSlowPath.closeQuietly(fd);
            throw new KernelCallException("bind(AF_UNIX, \"" + local + "\")", e.getErrorCode(), "failed");
        }
        return new UnixDatagramSocket(local, fd);
    }

    /**
     * Sends one datagram.
     *
     * @param data   the bytes
     * @param length how many of them
     * @param to     the destination socket's path
     * @throws KernelCallException {@code sendto} failed (ENOENT, ECONNREFUSED, EACCES, ...)
     */
    public void send(byte[] data, int length, Path to) {
        requireOpen();
        byte[] address = sockaddr(to, "to");
        String call = "sendto(AF_UNIX \"" + to + "\", " + length + " bytes)";
        try {
            long sent = LibcSlowPath.sendto(fd, data, length, 0, address, address.length);
            if (sent != length) {
                throw new KernelCallException(call, 0, "sent " + sent + " bytes");
            }
        } catch (LastErrorException e) {
            throw new KernelCallException(call, e.getErrorCode(), "failed");
        }
    }

    /**
     * Waits for one datagram; {@link #lastSender()} then names its sender.
     *
     * @param buffer        where it goes (a longer datagram is truncated to the buffer)
     * @param timeoutMillis how long to wait, ms, &gt;= 0
     * @return the datagram's length, or -1 when none came within the timeout
     * @throws KernelCallException {@code poll} or {@code recvfrom} failed
     */
    public int receive(byte[] buffer, int timeoutMillis) {
        requireOpen();
        byte[] pollfd = new byte[LibcSlowPath.POLLFD_SIZE];
        ByteBuffer p = ByteBuffer.wrap(pollfd).order(ByteOrder.nativeOrder());
        p.putInt(0, fd);
        p.putShort(4, (short) LibcSlowPath.POLLIN);
        int ready;
        try {
            ready = LibcSlowPath.poll(pollfd, 1, Math.max(0, timeoutMillis));
        } catch (LastErrorException e) {
            throw new KernelCallException("poll(AF_UNIX \"" + local + "\", POLLIN, " + timeoutMillis + " ms)",
                    e.getErrorCode(), "failed");
        }
        if (ready == 0) {
            return -1;
        }
        byte[] from = new byte[SUN_PATH_OFFSET + SUN_PATH_SIZE];
        int[] fromLength = {from.length};
        try {
            int length = (int) LibcSlowPath.recvfrom(fd, buffer, buffer.length, LibcSlowPath.MSG_DONTWAIT, from,
                    fromLength);
            lastSender = senderPath(from, fromLength[0]);
            return length;
        } catch (LastErrorException e) {
            throw new KernelCallException("recvfrom(AF_UNIX \"" + local + "\")", e.getErrorCode(), "failed");
        }
    }

    /**
     * @return the path of the socket that sent the datagram last received, or null when it was unbound (or none came)
     */
    public Path lastSender() {
        return lastSender;
    }

    /** {@code struct sockaddr_un} as recvfrom filled it: the path up to its NUL or the address's length. */
    private static Path senderPath(byte[] from, int length) {
        int end = SUN_PATH_OFFSET;
        while (end < Math.min(length, from.length) && from[end] != 0) {
            end++;
        }
        if (end == SUN_PATH_OFFSET) {
            return null; // unbound or abstract sender
        }
        return Path.of(new String(from, SUN_PATH_OFFSET, end - SUN_PATH_OFFSET, LibcSlowPath.FILE_NAMES));
    }

    /** @return the path this socket is bound to */
    public Path localPath() {
        return local;
    }

    private void requireOpen() {
        if (fd < 0) {
            throw new IllegalStateException("socket " + local + " is closed");
        }
    }

    static byte[] sockaddr(Path path, String parameter) {
        byte[] name = LibcSlowPath.cString(path.toString());
        if (name.length > SUN_PATH_SIZE) {
            throw new IllegalArgumentException(parameter + " must be at most " + (SUN_PATH_SIZE - 1)
                    + " bytes for a Unix socket address: " + path + " (" + (name.length - 1) + " bytes)");
        }
        byte[] address = new byte[SUN_PATH_OFFSET + name.length];
        ByteBuffer.wrap(address).order(ByteOrder.nativeOrder()).putShort(0, (short) LibcSlowPath.AF_UNIX);
        System.arraycopy(name, 0, address, SUN_PATH_OFFSET, name.length);
        return address;
    }


    /** Closes the socket and removes its path; idempotent. */
    @Override
    public void close() {
        if (fd >= 0) {
            LibcSlowPath.closeQuietly(fd);
            fd = -1;
            try {
                Files.deleteIfExists(local);
            } catch (java.io.IOException ignored) {
                // a leftover socket file in a temporary directory is harmless; the next bind uses a new name
            }
        }
    }

    @Override
    public String toString() {
        return "AF_UNIX datagram socket " + local;
    }
}
