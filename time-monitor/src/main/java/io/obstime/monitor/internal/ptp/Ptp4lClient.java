package io.obstime.monitor.internal.ptp;

import io.obstime.clock.internal.linux.UnixDatagramSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks a ptp4l for management data over its Unix datagram socket ({@code uds_address}, {@code /var/run/ptp4l} by
 * default), as {@code pmc -u -b 0} does: our own socket is bound to a fresh path in the temporary directory (ptp4l
 * answers to the sender's path), removed on {@link #close()}.
 *
 * <p>Not thread-safe: one owner.
 */
public final class Ptp4lClient implements AutoCloseable {

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int MAX_MESSAGE = 1500;

    private final Path ptp4l;
    private final int domain;
    private final int sourcePort;
    private final UnixDatagramSocket socket;
    private final byte[] in = new byte[MAX_MESSAGE];
    private int sequence;

    /**
     * Binds our socket.
     *
     * @param ptp4l  ptp4l's socket path
     * @param domain the PTP domain ptp4l serves
     * @throws io.obstime.clock.internal.linux.KernelCallException when the socket cannot be made or bound
     */
    public Ptp4lClient(Path ptp4l, int domain) {
        this.ptp4l = ptp4l;
        this.domain = domain;
        long pid = ProcessHandle.current().pid();
        int n = INSTANCES.incrementAndGet();
        this.sourcePort = (int) (pid & 0xffff);
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        String file = "obstime-pmc." + pid + "." + n;
        Path local = dir.resolve(file);
        if (local.toString().length() > 100) {
            local = Path.of("/tmp", file); // sun_path holds 107 bytes; a long tmpdir would not fit
        }
        try {
            // The name holds our pid: a file by that name is left by a dead process that had the same pid.
            Files.deleteIfExists(local);
        } catch (IOException e) {
            // bind will say what is wrong with the path
        }
        this.socket = UnixDatagramSocket.bind(local);
    }

    /**
     * Sends one GET and waits for its RESPONSE; answers to earlier requests that arrive late are skipped.
     *
     * @param managementId  what to get
     * @param timeoutMillis how long to wait for the answer, ms
     * @return the response's data field
     * @throws PtpManagementException when the answer is not the one asked for, or ptp4l reports an error
     * @throws Ptp4lSilentException   when no answer came in time
     * @throws io.obstime.clock.internal.linux.KernelCallException when sending fails (ENOENT: no socket at the
     *                                path; ECONNREFUSED: nobody listens there; EACCES)
     */
    public ByteBuffer get(int managementId, long timeoutMillis) {
        sequence = (sequence + 1) & 0xffff;
        byte[] request = PtpManagement.get(managementId, sequence, domain, sourcePort);
        socket.send(request, request.length, ptp4l);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            int length = left <= 0 ? -1 : socket.receive(in, (int) Math.min(left, Integer.MAX_VALUE));
            if (length < 0) {
                throw new Ptp4lSilentException("no answer from ptp4l at " + ptp4l + " to GET "
                        + PtpManagement.idName(managementId) + " within " + timeoutMillis + " ms");
            }
            try {
                return PtpManagement.response(in, length, sequence, managementId);
            } catch (PtpManagement.StaleResponse late) {
                // an answer to an earlier request that timed out: wait on for ours
            }
        }
    }

    /** @return ptp4l's socket path */
    public Path ptp4lPath() {
        return ptp4l;
    }

    /** Closes our socket and removes its path; idempotent. */
    @Override
    public void close() {
        socket.close();
    }

    /** No answer in time. */
    public static final class Ptp4lSilentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Ptp4lSilentException(String reason) {
            super(reason, null, false, false);
        }
    }
}
