package io.obstime.monitor;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * linuxptp's {@code ptp4l} for the tests, never installed as a service: {@code -Dobstime.linuxptp.dir=DIR} (holding
 * {@code ptp4l}), else {@code ~/.cache/obstime/linuxptp}, filled on first use with {@code apt-get download linuxptp}
 * and {@code dpkg -x} (a few seconds, 180 kB).
 */
final class Linuxptp {

    private Linuxptp() {
    }

    static Path ptp4l() throws IOException, InterruptedException {
        String given = System.getProperty("obstime.linuxptp.dir");
        if (given != null) {
            Path p = Path.of(given, "ptp4l");
            if (!Files.isExecutable(p)) {
                fail("-Dobstime.linuxptp.dir=" + given + " holds no executable ptp4l");
            }
            return p;
        }
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "obstime", "linuxptp");
        Path found = find(cache);
        if (found != null) {
            return found;
        }
        Files.createDirectories(cache);
        String remedy = "; fetch it by hand: cd " + cache + " && apt-get download linuxptp && dpkg -x linuxptp_*.deb x"
                + " (or pass -Dobstime.linuxptp.dir=<dir with ptp4l>)";
        if (!fetch(cache, "apt-get", "download", "linuxptp")) {
            if (!fetch(cache, "apt-get", "update", "-qq") || !fetch(cache, "apt-get", "download", "linuxptp")) {
                fail("linuxptp could not be downloaded with apt-get" + remedy);
            }
        }
        try (Stream<Path> debs = Files.list(cache)) {
            for (Path deb : debs.filter(p -> p.getFileName().toString().endsWith(".deb")).toList()) {
                if (!fetch(cache, "dpkg", "-x", deb.toString(), "x")) {
                    fail("dpkg -x " + deb + " failed" + remedy);
                }
            }
        }
        found = find(cache);
        if (found == null) {
            fail("no ptp4l in the unpacked linuxptp package under " + cache + remedy);
        }
        return found;
    }

    private static Path find(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(p -> p.getFileName().toString().equals("ptp4l") && Files.isExecutable(p))
                    .findFirst().orElse(null);
        }
    }

    private static boolean fetch(Path dir, String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
