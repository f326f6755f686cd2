package io.obstime.monitor;

import io.obstime.clock.TimeSource;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A FAKE UDP server on 127.0.0.1 for the faults a real NTP server or chronyd will not produce on demand (a clock
 * 50 ms off, kiss-o'-death, leap indicator 3, a spoofed origin, garbage, another protocol version, silence). For
 * each request it calls a {@link Responder} (which may sleep, to make a slow path) and sends back whatever
 * datagrams that returns, in order. What a real server does is tested against real chronyd ({@link ChronydPair}); this one only makes
 * faults.
 */
final class FakeUdpServer implements AutoCloseable {

    /** Makes the replies to one request. */
    interface Responder {
        /**
         * @param request         the request's bytes
         * @param receivedUtcNanos when it arrived, {@code TimeSource.system().utcNanos()}
         * @param index           0 for the first request this server got, 1 for the next, ...
         * @return the datagrams to send back (none for silence)
         */
        List<byte[]> reply(byte[] request, long receivedUtcNanos, int index) throws Exception;
    }

    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicInteger requests = new AtomicInteger();

    FakeUdpServer(Responder responder) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(() -> serve(responder), "fake-udp-server-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(Responder responder) {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(in);
                long received = TimeSource.system().utcNanos();
                int index = requests.getAndIncrement();
                List<byte[]> replies = responder.reply(Arrays.copyOf(buffer, in.getLength()), received, index);
                for (byte[] reply : replies) {
                    socket.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
                }
            } catch (IOException closed) {
                return;
            } catch (Exception e) {
                throw new IllegalStateException("fake responder failed", e);
            }
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
