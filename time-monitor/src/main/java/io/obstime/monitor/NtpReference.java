package io.obstime.monitor;

import io.obstime.clock.LeapState;
import io.obstime.clock.TaiTime;
import io.obstime.clock.TimeSource;
import io.obstime.monitor.internal.ntp.NtpExchange;
import io.obstime.monitor.internal.ntp.NtpOutcome;
import io.obstime.monitor.internal.ntp.NtpOutcome.Rejected;
import io.obstime.monitor.internal.ntp.NtpOutcome.Rejection;
import io.obstime.monitor.internal.ntp.NtpOutcome.Sample;
import io.obstime.monitor.internal.ntp.NtpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * One NTP server queried directly in client mode (RFC 5905): several requests, the reply with the smallest round
 * trip kept, as NTP's clock filter does. For several servers, make one reference each.
 *
 * <p><b>Stamps.</b> T1 (send) and T4 (receive) come from the {@link TimeSource} passed to {@link #measure}, in
 * nanoseconds: a 5 ms threshold needs better than the millisecond stamps of {@code System.currentTimeMillis()},
 * which is what Apache Commons Net's client uses; so obstime has its own small client (no dependency).
 *
 * <p><b>Reading.</b> The offset is <em>system clock minus server</em>, ((T1 − T2) + (T4 − T3)) / 2 (the negative of
 * RFC 5905's θ); the uncertainty is delay / 2 + root delay / 2 + root dispersion of the kept reply: the true offset
 * lies within it wherever on the path the delay was spent, if the server's own root distance holds. Leap indicator
 * 1 and 2 give {@link LeapState#INSERT_PENDING} and {@link LeapState#DELETE_PENDING}.
 *
 * <p><b>No answer</b> (never an exception, never a trusted offset): an unknown host; silence until the timeout; a
 * refused port (ICMP port unreachable); a reply shorter than 48 bytes, not in server mode, not version 3 or 4, or
 * whose origin timestamp is not the transmit timestamp we sent (spoofed or stale: ignored while waiting for the
 * real reply); kiss-o'-death (stratum 0, the kiss code in the reason; after DENY or RSTR the server is not asked
 * again for {@link #KISS_STOP_BACKOFF}, as RFC 5905 §7.4 requires); leap indicator 3 or stratum 16
 * (unsynchronised); a stratum above 16; timestamps missing or inconsistent. A reason is logged once when it
 * changes.
 *
 * <p>Not thread-safe for concurrent {@link #measure} calls (the monitor calls it from one thread).
 */
public final class NtpReference implements ClockReference {

    /** The NTP port, 123. */
    public static final int DEFAULT_PORT = 123;
    /** Requests per measurement unless configured: 4. */
    public static final int DEFAULT_SAMPLES = 4;
    /**
     * Time between requests unless configured: 2 s, the shortest spacing public servers accept without a RATE kiss
     * (ntpd's {@code discard minimum}); so 4 samples need a timeout of a little over 6 s.
     */
    public static final Duration DEFAULT_SAMPLE_SPACING = Duration.ofSeconds(2);
    /** After a DENY or RSTR kiss the server is not asked again for this long: 1 hour. */
    public static final Duration KISS_STOP_BACKOFF = Duration.ofHours(1);
    /** The most requests one measurement may send. */
    public static final int MAX_SAMPLES = 64;

    private static final Logger LOG = LoggerFactory.getLogger(NtpReference.class);
    private static final int RECEIVE_BUFFER_BYTES = 1024;

    private final String host;
    private final int port;
    private final int samples;
    private final long spacingNanos;
    private final String name;
    private final ReasonLog reasonLog;
    private final SecureRandom random = new SecureRandom();
    private long stoppedUntilNanoTime;
    private String stopReason;

    private NtpReference(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.samples = builder.samples;
        this.spacingNanos = builder.sampleSpacing.toNanos();
        this.name = UdpReferences.name("ntp", host, port);
        this.reasonLog = new ReasonLog(LOG, name);
    }

    /**
     * A server on the NTP port with the default samples and spacing. The name is resolved at each measurement, so an
     * unknown host is a non-answer then, not an exception now.
     *
     * @param host a host name or address literal
     * @return the reference
     * @throws IllegalArgumentException if {@code host} is blank
     */
    public static NtpReference of(String host) {
        return builder(host).build();
    }

    /**
     * A server on the given port with the default samples and spacing.
     *
     * @param host a host name or address literal
     * @param port UDP port, 1..65535
     * @return the reference
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} out of range
     */
    public static NtpReference of(String host, int port) {
        return builder(host).port(port).build();
    }

    /**
     * A builder for a server with other samples or spacing.
     *
     * @param host a host name or address literal
     * @return a builder with the defaults ({@link #DEFAULT_PORT}, {@link #DEFAULT_SAMPLES},
     *         {@link #DEFAULT_SAMPLE_SPACING})
     * @throws IllegalArgumentException if {@code host} is blank
     */
    public static Builder builder(String host) {
        return new Builder(host);
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the host as given */
    public String host() {
        return host;
    }

    /** @return the UDP port */
    public int port() {
        return port;
    }

    /** @return the requests one measurement sends at most */
    public int samples() {
        return samples;
    }

    /** @return the time between requests */
    public Duration sampleSpacing() {
        return Duration.ofNanos(spacingNanos);
    }

    /**
     * Sends up to {@link #samples()} requests, {@link #sampleSpacing()} apart, as many as fit in {@code timeout}, and
     * keeps the valid reply with the smallest round trip.
     *
     * @param clock   the system clock; T1 and T4 are its {@link TimeSource#utcNanos()}
     * @param timeout the whole measurement's budget; positive
     * @return the kept reply's offset, or no answer with the reason
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    @Override
    public ReferenceReading measure(TimeSource clock, Duration timeout) {
        Objects.requireNonNull(clock, "clock");
        long timeoutNanos = UdpReferences.timeoutNanos(timeout);
        return reasonLog.record(exchange(clock, timeout, timeoutNanos));
    }

    private ReferenceReading exchange(TimeSource clock, Duration timeout, long timeoutNanos) {
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        if (stopReason != null) {
            if (start - stoppedUntilNanoTime < 0) {
                return noAnswer(clock, stopReason + "; not asked again for " + KISS_STOP_BACKOFF.toMinutes()
                        + " min");
            }
            stopReason = null;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return noAnswer(clock, "unknown host " + host);
        }
        Tally tally = new Tally(samples);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(address, port);
            for (int i = 0; i < samples && !tally.stop; i++) {
                long sendAt = start + i * spacingNanos;
                if (deadline - sendAt <= 0) {
                    break;
                }
                if (!parkUntil(sendAt)) {
                    return noAnswer(clock, "interrupted");
                }
                long nextSendAt = sendAt + spacingNanos;
                // The last request that fits may wait for its reply until the deadline.
                boolean last = i + 1 >= samples || deadline - nextSendAt <= 0;
                send(socket, clock, tally);
                receiveUntil(socket, clock, last ? deadline : nextSendAt, tally);
            }
        } catch (IOException e) {
            return noAnswer(clock, "cannot send to " + address.getHostAddress() + ":" + port + ": " + e.getMessage());
        }
        if (tally.worst != null && tally.worst.rejection() == Rejection.KISS_STOP) {
            // RFC 5905 §7.4: stop asking, even if an earlier reply of this measurement was good.
            stopReason = tally.worst.reason();
            stoppedUntilNanoTime = System.nanoTime() + KISS_STOP_BACKOFF.toNanos();
        }
        if (tally.best != null) {
            Sample best = tally.best;
            return ReferenceReading.measured(name, TaiTime.ofEpochNanos(clock.taiNanos()), best.offsetNanos(),
                    best.uncertaintyNanos(), best.delayNanos(), best.stratum(), -1, leapState(best.leap()),
                    address.getHostAddress() + " refid " + best.referenceId() + ", best of " + tally.valid
                            + " valid replies to " + tally.sent + " requests");
        }
        if (tally.worst != null) {
            return noAnswer(clock, tally.worst.reason());
        }
        if (tally.refused) {
            return noAnswer(clock, "port closed (ICMP port unreachable from " + address.getHostAddress() + ":"
                    + port + ")");
        }
        return noAnswer(clock, "no reply within " + timeout.toMillis() + " ms (" + tally.sent + " requests to "
                + address.getHostAddress() + ":" + port + ")");
    }

    /** The requests of one measurement and what their replies gave. */
    private static final class Tally {
        final long[] transmitted;
        final long[] t1UtcNanos;
        final boolean[] answered;
        final byte[] buffer = new byte[RECEIVE_BUFFER_BYTES];
        Sample best;
        Rejected worst;
        int sent;
        int valid;
        boolean refused;
        boolean stop;

        Tally(int samples) {
            transmitted = new long[samples];
            t1UtcNanos = new long[samples];
            answered = new boolean[samples];
        }

        /** The request a reply's origin timestamp names, not yet answered; -1 if none. */
        int requestFor(NtpPacket reply) {
            for (int i = 0; reply != null && i < sent; i++) {
                if (!answered[i] && transmitted[i] == reply.originTimestamp()) {
                    return i;
                }
            }
            return -1;
        }

        void reject(Rejected rejected) {
            if (worst == null || rejected.rejection().compareTo(worst.rejection()) >= 0) {
                worst = rejected;
            }
        }
    }

    private void send(DatagramSocket socket, TimeSource clock, Tally tally) throws IOException {
        // Everything made before T1, so that T1 is as close to the send as Java gets: the time between the two is
        // counted as outbound path and skews the offset (within the bound, which covers it).
        byte[] request = NtpPacket.clientRequest(0).encode();
        DatagramPacket out = new DatagramPacket(request, request.length);
        int randomBits = random.nextInt();
        ByteBuffer transmitField = ByteBuffer.wrap(request);
        long t1 = clock.utcNanos();
        long transmit = NtpExchange.transmitTimestamp(t1, randomBits);
        transmitField.putLong(NtpPacket.TRANSMIT_OFFSET, transmit);
        socket.send(out);
        tally.transmitted[tally.sent] = transmit;
        tally.t1UtcNanos[tally.sent] = t1;
        tally.sent++;
    }

    /**
     * Reads replies until the latest request is answered or {@code waitUntil} (System.nanoTime). A late reply to an
     * earlier request of this measurement still counts (each transmit timestamp is accepted once); a reply that names
     * none of them is remembered as a reason and otherwise ignored, since it may be forged.
     */
    private static void receiveUntil(DatagramSocket socket, TimeSource clock, long waitUntil, Tally tally)
            throws IOException {
        DatagramPacket in = new DatagramPacket(tally.buffer, tally.buffer.length);
        int latest = tally.sent - 1;
        while (true) {
            long remaining = waitUntil - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            socket.setSoTimeout(UdpReferences.soTimeoutMillis(remaining));
            try {
                in.setLength(tally.buffer.length);
                socket.receive(in);
            } catch (SocketTimeoutException e) {
                return;
            } catch (PortUnreachableException e) {
                tally.refused = true;
                return;
            }
            long t4 = clock.utcNanos();
            int request = tally.requestFor(NtpPacket.decode(tally.buffer, in.getLength()));
            int judged = request >= 0 ? request : latest;
            NtpOutcome outcome = NtpExchange.evaluate(tally.buffer, in.getLength(), tally.transmitted[judged],
                    tally.t1UtcNanos[judged], t4);
            if (request >= 0) {
                tally.answered[request] = true;
            }
            if (outcome instanceof Sample sample) {
                tally.valid++;
                if (tally.best == null || sample.delayNanos() < tally.best.delayNanos()) {
                    tally.best = sample;
                }
            } else {
                Rejected rejected = (Rejected) outcome;
                tally.reject(rejected);
                if (rejected.rejection() == Rejection.KISS || rejected.rejection() == Rejection.KISS_STOP) {
                    tally.stop = true;
                    return;
                }
            }
            if (request == latest) {
                return;
            }
        }
    }

    private ReferenceReading noAnswer(TimeSource clock, String reason) {
        return ReferenceReading.noAnswer(name, TaiTime.ofEpochNanos(clock.taiNanos()), reason);
    }

    private static LeapState leapState(int leapIndicator) {
        return switch (leapIndicator) {
            case 1 -> LeapState.INSERT_PENDING;
            case 2 -> LeapState.DELETE_PENDING;
            default -> LeapState.NONE;
        };
    }

    /** Parks until {@code nanoTime}; false when interrupted (the flag is kept). */
    private static boolean parkUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return !Thread.currentThread().isInterrupted();
    }

    @Override
    public String toString() {
        return name + " (" + samples + " samples " + sampleSpacing().toMillis() + " ms apart)";
    }

    /** Builds an {@link NtpReference}; not thread-safe. */
    public static final class Builder {
        private final String host;
        private int port = DEFAULT_PORT;
        private int samples = DEFAULT_SAMPLES;
        private Duration sampleSpacing = DEFAULT_SAMPLE_SPACING;

        private Builder(String host) {
            this.host = UdpReferences.requireHost(host);
        }

        /**
         * @param port UDP port, 1..65535
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder port(int port) {
            this.port = UdpReferences.requirePort(port);
            return this;
        }

        /**
         * @param samples requests per measurement, 1..{@link NtpReference#MAX_SAMPLES}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder samples(int samples) {
            if (samples < 1 || samples > MAX_SAMPLES) {
                throw new IllegalArgumentException("samples must be within 1.." + MAX_SAMPLES + ": " + samples);
            }
            this.samples = samples;
            return this;
        }

        /**
         * @param sampleSpacing time between requests; positive, at most 1 hour. Keep the default for public
         *                      servers; a shorter one is for servers of one's own (chronyd answers at any rate
         *                      unless its {@code ratelimit} is set)
         * @return this builder
         * @throws IllegalArgumentException if not positive or above 1 hour
         */
        public Builder sampleSpacing(Duration sampleSpacing) {
            Objects.requireNonNull(sampleSpacing, "sampleSpacing");
            if (sampleSpacing.isNegative() || sampleSpacing.isZero() || sampleSpacing.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("sampleSpacing must be positive and at most 1 hour: "
                        + sampleSpacing);
            }
            this.sampleSpacing = sampleSpacing;
            return this;
        }

        /** @return the reference */
        public NtpReference build() {
            return new NtpReference(this);
        }
    }
}
