package io.obstime.clock.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kernel's answers for files that are not PTP clocks, and a real Unix datagram round trip. (A real PHC is
 * not on our machines; its decoding is tested in {@link PtpIoctlTest}.)
 */
class JnaPtpClockTest {

    @Test
    void devNullIsACharacterDeviceButNotAPtpClock() {
        KernelCallException e = assertThrows(KernelCallException.class, () -> JnaPtpClock.open(Path.of("/dev/null")));
        assertEquals(JnaPtpClock.ENOTTY, e.errno());
        assertTrue(e.getMessage().contains("PTP_CLOCK_GETCAPS") && e.getMessage().contains("/dev/null")
                && e.getMessage().contains("ENOTTY"), e.getMessage());
    }

    @Test
    void aMissingPathIsENOENT(@TempDir Path dir) {
        Path missing = dir.resolve("ptp9");
        KernelCallException e = assertThrows(KernelCallException.class, () -> JnaPtpClock.open(missing));
        assertEquals(UnixDatagramSocket.ENOENT, e.errno());
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("ENOENT"), e.getMessage());
    }

    @Test
    void aRegularFileIsNotAPtpClock(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ptp0"), "not a clock");
        KernelCallException e = assertThrows(KernelCallException.class, () -> JnaPtpClock.open(file));
        assertEquals(JnaPtpClock.ENOTTY, e.errno());
    }

    @Test
    void datagramsGoBothWaysAndSilenceTimesOut(@TempDir Path dir) {
        try (UnixDatagramSocket a = UnixDatagramSocket.bind(dir.resolve("a"));
             UnixDatagramSocket b = UnixDatagramSocket.bind(dir.resolve("b"))) {
            byte[] hello = "hello ptp4l".getBytes(StandardCharsets.US_ASCII);
            a.send(hello, hello.length, b.localPath());
            byte[] in = new byte[64];
            int n = b.receive(in, 1000);
            assertEquals("hello ptp4l", new String(in, 0, n, StandardCharsets.US_ASCII));
            assertEquals(a.localPath(), b.lastSender());
            assertEquals(-1, a.receive(in, 20));
            KernelCallException refused = assertThrows(KernelCallException.class,
                    () -> a.send(hello, hello.length, dir.resolve("nobody")));
            assertEquals(UnixDatagramSocket.ENOENT, refused.errno());
        }
        assertTrue(!Files.exists(dir.resolve("a")), "close removes the socket's path");
    }

    @Test
    void aPathTooLongForSunPathIsRejectedByName(@TempDir Path dir) {
        Path longPath = dir.resolve("x".repeat(120));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnixDatagramSocket.bind(longPath));
        assertTrue(e.getMessage().startsWith("local must be at most 107 bytes"), e.getMessage());
    }
}
