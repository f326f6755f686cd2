package io.obstime.monitor;

import io.obstime.clock.LeapState;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.monitor.internal.chrony.ChronyCommand;
import io.obstime.monitor.internal.chrony.ChronyCommand.Outcome;
import io.obstime.monitor.internal.chrony.ChronyCommand.Problem;
import io.obstime.monitor.internal.chrony.ChronyTracking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;

/**
 * chronyd's own view of the system clock, from its {@code tracking} report over its command port (UDP, 127.0.0.1:323
 * by default; monitoring commands such as {@code tracking} need no privilege over UDP from an address in its
 * {@code cmdallow}, localhost by default). Protocol version 6 (chrony 2.2 and later).
 *
 * <p><b>Reading.</b> The offset is <em>system clock minus true time</em> as chronyd estimates it now: the negative
 * of its "System time" correction (the amount it would add to the system clock; chronyc prints a positive one as
 * "slow of NTP time"). The uncertainty is chrony_exporter's bound, |last offset| + root dispersion + root delay / 2.
 * Stratum and leap status are chronyd's. No round-trip delay applies ({@code -1}).
 *
 * <p><b>No answer</b> (never an exception): an unknown host; a closed port (ICMP port unreachable); silence;
 * a reply in another protocol version; an error status (for example {@code NOHOSTACCESS} when this host is not in
 * {@code cmdallow}); a truncated reply; chronyd not synchronised (leap status 3); or chronyd following only its own
 * clock ({@code local} directive, reference ID 7F7F0101), which vouches for nothing. Replies with another sequence
 * number are ignored while waiting. A reason is logged once when it changes.
 *
 * <p>chronyd's Unix socket ({@code /run/chrony/chronyd.sock}) is not used: it is a datagram socket, which the JDK
 * cannot open without native code, and it needs root or the chrony user.
 *
 * <p>Not thread-safe for concurrent {@link #measure} calls (the monitor calls it from one thread).
 */
public final class ChronyReference implements ClockReference {

    /** chronyd's command port, 323. */
    public static final int DEFAULT_PORT = 323;
    /** Requests per measurement: the first and up to two retries, each given a third of the timeout. */
    static final int ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ChronyReference.class);

    private final String host;
    private final int port;
    private final String name;
    private final ReasonLog reasonLog;
    private final SecureRandom random = new SecureRandom();

    private ChronyReference(String host, int port) {
        this.host = UdpReferences.requireHost(host);
        this.port = UdpReferences.requirePort(port);
        this.name = UdpReferences.name("chrony", this.host, port);
        this.reasonLog = new ReasonLog(LOG, name);
    }

    /** @return chronyd on this host, 127.0.0.1:323 */
    public static ChronyReference udp() {
        return new ChronyReference("127.0.0.1", DEFAULT_PORT);
    }

    /**
     * chronyd's command port on another address or port. The name is resolved at each measurement, so an unknown
     * host is a non-answer then, not an exception now.
     *
     * @param host host name or address literal
     * @param port UDP port, 1..65535
     * @return the reference
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} out of range
     */
    public static ChronyReference udp(String host, int port) {
        return new ChronyReference(host, port);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Asks chronyd for its tracking report.
     *
     * @param clock   the system clock (only to date the reading: chronyd measures, not obstime)
     * @param timeout the whole measurement's budget; positive
     * @return chronyd's offset and bound, or no answer with the reason
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    @Override
    public ReferenceReading measure(TimeSource clock, Duration timeout) {
        Objects.requireNonNull(clock, "clock");
        UdpReferences.timeoutNanos(timeout);
        Outcome answer = tracking(timeout);
        TaiTime at = TaiTime.ofEpochNanos(clock.taiNanos());
        if (answer.tracking() == null) {
            return reasonLog.record(ReferenceReading.noAnswer(name, at, answer.reason()));
        }
        return reasonLog.record(reading(answer.tracking(), at));
    }

    /** chronyd's report turned into a reading, or a non-answer when it vouches for nothing. */
    ReferenceReading reading(ChronyTracking tracking, TaiTime at) {
        if (tracking.leapStatus() == 3) {
            return ReferenceReading.noAnswer(name, at, "chronyd is not synchronised (leap status: not synchronised)");
        }
        if (tracking.leapStatus() > 3) {
            return ReferenceReading.noAnswer(name, at, "chronyd reports an invalid leap status "
                    + tracking.leapStatus());
        }
        if (tracking.referenceId() == ChronyTracking.LOCAL_REFERENCE_ID) {
            return ReferenceReading.noAnswer(name, at, "chronyd follows only its own clock (local reference "
                    + "7F7F0101): it vouches for nothing");
        }
        double bound = Math.abs(tracking.lastOffset()) + tracking.rootDispersion() + tracking.rootDelay() / 2;
        if (!(bound >= 0 && bound < 1e9) || !(Math.abs(tracking.currentCorrection()) < 1e9)) {
            return ReferenceReading.noAnswer(name, at, "chronyd reports values out of range (correction "
                    + tracking.currentCorrection() + " s, bound " + bound + " s)");
        }
        long offsetNanos = -Math.round(tracking.currentCorrection() * 1e9);
        long uncertaintyNanos = (long) Math.ceil(bound * 1e9);
        String detail = "refid " + tracking.referenceIdHex()
                + (tracking.address().isEmpty() ? "" : " (" + tracking.address() + ")")
                + ", last offset " + ReferenceReading.seconds(Math.round(tracking.lastOffset() * 1e9), true)
                + ", root delay " + ReferenceReading.seconds(Math.round(tracking.rootDelay() * 1e9), false)
                + ", root dispersion " + ReferenceReading.seconds(Math.round(tracking.rootDispersion() * 1e9), false)
                + ", frequency " + String.format("%+.3f ppm", tracking.frequencyPpm());
        return ReferenceReading.measured(name, at, offsetNanos, uncertaintyNanos, -1,
                Math.min(tracking.stratum(), 16), -1, leapState(tracking.leapStatus()), detail);
    }

    private static LeapState leapState(int leapStatus) {
        return switch (leapStatus) {
            case 1 -> LeapState.INSERT_PENDING;
            case 2 -> LeapState.DELETE_PENDING;
            default -> LeapState.NONE;
        };
    }

    /**
     * The tracking report, or why there is none.
     *
     * @param timeout the budget; positive
     * @return the report, or the problem
     */
    Outcome tracking(Duration timeout) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return Outcome.of(Problem.UNKNOWN_HOST, "unknown host " + host);
        }
        String where = address.getHostAddress() + ":" + port;
        int sequence = random.nextInt();
        long timeoutNanos = UdpReferences.timeoutNanos(timeout);
        long deadline = System.nanoTime() + timeoutNanos;
        long perAttempt = timeoutNanos / ATTEMPTS;
        byte[] buffer = new byte[512];
        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
        Outcome ignored = null;
        int attempts = 0;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(address, port);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                byte[] request = ChronyCommand.trackingRequest(sequence, attempt);
                socket.send(new DatagramPacket(request, request.length));
                attempts++;
                long waitUntil = attempt + 1 < ATTEMPTS ? System.nanoTime() + perAttempt : deadline;
                while (true) {
                    long remaining = Math.min(waitUntil, deadline) - System.nanoTime();
                    if (remaining <= 0) {
                        break;
                    }
                    socket.setSoTimeout(UdpReferences.soTimeoutMillis(remaining));
                    try {
                        in.setLength(buffer.length);
                        socket.receive(in);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    Outcome outcome = ChronyCommand.decodeTracking(buffer, in.getLength(), sequence);
                    if (outcome.problem() != Problem.NOT_OURS) {
                        return outcome;
                    }
                    ignored = outcome;
                }
            }
        } catch (PortUnreachableException e) {
            return Outcome.of(Problem.REFUSED, "command port closed (ICMP port unreachable from " + where
                    + "; is chronyd running, with cmdport " + port + "?)");
        } catch (IOException e) {
            return Outcome.of(Problem.UNREACHABLE, "cannot send to " + where + ": " + e.getMessage());
        }
        return ignored != null ? ignored : Outcome.of(Problem.SILENCE, "no reply within " + timeout.toMillis()
                + " ms (" + attempts + " requests to " + where + ")");
    }

    @Override
    public String toString() {
        return name;
    }
}
