package io.obstime.monitor;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real chronyd (Debian's package, its files unpacked, never installed as a service) run by a test on 127.0.0.1
 * high ports: {@code chronyd -d -x} in the foreground as this JVM's child, so it never touches the clock ({@code -x})
 * and stops with the test. Its configuration, pidfile, driftfile, command socket and log live in a directory under
 * {@code target/}. Not thread-safe.
 */
final class Chronyd implements AutoCloseable {

    /** Where chronyd and chronyc are looked for, the remedy named in every failure. */
    static final String REMEDY = "the time-monitor tests need Debian's chrony files (chronyd, chronyc); "
            + "run time-monitor/fetch-chrony.sh (apt-get download chrony + dpkg -x into ~/.cache/obstime/chrony, "
            + "no service is started), or set -Dobstime.chrony.dir=DIR with DIR/usr/sbin/chronyd and "
            + "DIR/usr/bin/chronyc";

    private static Path binaries;

    final String role;
    final Path dir;
    final int ntpPort;
    final int cmdPort;
    private final Process process;
    private final Path socket;

    private Chronyd(String role, Path dir, int ntpPort, int cmdPort, Process process, Path socket) {
        this.role = role;
        this.dir = dir;
        this.ntpPort = ntpPort;
        this.cmdPort = cmdPort;
        this.process = process;
        this.socket = socket;
    }

    /**
     * A server with no source of its own: {@code local stratum 8}, answering NTP and commands on 127.0.0.1.
     */
    static Chronyd localServer(Path workDir) throws IOException {
        int ntpPort = freeUdpPort();
        return start("server", workDir, ntpPort, List.of(
                "port " + ntpPort,
                "bindaddress 127.0.0.1",
                "allow 127.0.0.1",
                "local stratum 8"));
    }

    /** A client of {@code server}, polling it 16 times a second, so its tracking report has a real offset. */
    static Chronyd clientOf(Chronyd server, Path workDir) throws IOException {
        return start("client", workDir, 0, List.of(
                "port 0",
                "server 127.0.0.1 port " + server.ntpPort + " iburst minpoll -4 maxpoll -4"));
    }

    private static Chronyd start(String role, Path workDir, int ntpPort, List<String> ntpLines) throws IOException {
        Path bin = binaries();
        Path dir = workDir.resolve(role);
        Files.createDirectories(dir);
        // chronyd refuses a command socket in a directory others may enter.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        int cmdPort = freeUdpPort();
        // A Unix socket path must fit 108 bytes; a deep checkout's target/ may not leave room.
        Path socket = dir.resolve("chronyd.sock");
        if (socket.toString().length() > 100) {
            Path socketDir = Files.createTempDirectory("obstime-chronyd-");
            Files.setPosixFilePermissions(socketDir, PosixFilePermissions.fromString("rwx------"));
            socket = socketDir.resolve("chronyd.sock");
        }
        List<String> conf = new ArrayList<>(ntpLines);
        conf.addAll(List.of(
                "cmdport " + cmdPort,
                "bindcmdaddress 127.0.0.1",
                // Its own socket path: the default /run/chrony/chronyd.sock may belong to the host's chronyd.
                "bindcmdaddress " + socket,
                "cmdallow 127.0.0.1",
                "pidfile " + dir.resolve("chronyd.pid"),
                "driftfile " + dir.resolve("chronyd.drift")));
        Path confFile = dir.resolve("chronyd.conf");
        Files.write(confFile, conf, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(bin.resolve("usr/sbin/chronyd").toString(), "-d", "-x"));
        // As root, chronyd drops privileges to -u's user; as anyone else -U skips its root check.
        command.addAll("root".equals(System.getProperty("user.name")) ? List.of("-u", "root") : List.of("-U"));
        command.addAll(List.of("-f", confFile.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chronyd.log").toFile()).start();
        return new Chronyd(role, dir, ntpPort, cmdPort, process, socket);
    }

    /** Runs {@code chronyc -h 127.0.0.1 -p <cmdport> args}; returns its standard output, or throws with it. */
    String chronyc(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binaries().resolve("usr/bin/chronyc").toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(cmdPort)));
        command.addAll(List.of(args));
        Process chronyc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(chronyc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!chronyc.waitFor(10, TimeUnit.SECONDS) || chronyc.exitValue() != 0) {
            throw new IOException("chronyc " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    /** The CSV fields of {@code chronyc -c tracking}. */
    String[] trackingCsv() throws IOException, InterruptedException {
        return chronyc("-c", "tracking").strip().split(",", -1);
    }

    /**
     * Waits until {@code chronyc tracking} shows {@code stratum}: the daemon is up (and, for a client, synchronised).
     */
    void awaitStratum(int stratum, Duration within) throws IOException, InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        String last = "";
        while (System.nanoTime() - end < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("chronyd (" + role + ") exited " + process.exitValue() + ": " + log());
            }
            try {
                String[] csv = trackingCsv();
                last = String.join(",", csv);
                if (csv.length > 2 && csv[2].equals(Integer.toString(stratum))) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.getMessage();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("chronyd (" + role + ") did not reach stratum " + stratum + " within "
                + within + "; last tracking: " + last + "; its log: " + log());
    }

    String log() {
        try {
            return Files.readString(dir.resolve("chronyd.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: chronyd removes its pidfile and socket
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (!socket.startsWith(dir)) {
            try {
                Files.deleteIfExists(socket);
                Files.deleteIfExists(socket.getParent());
            } catch (IOException e) {
                System.err.println("could not remove " + socket.getParent() + ": " + e);
            }
        }
    }

    /** A UDP port on 127.0.0.1 free just now (chronyd binds it a moment later). */
    static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return probe.getLocalPort();
        }
    }

    /** The directory holding usr/sbin/chronyd and usr/bin/chronyc: configured, installed, cached or fetched. */
    static synchronized Path binaries() throws IOException {
        if (binaries != null) {
            return binaries;
        }
        String configured = System.getProperty("obstime.chrony.dir", System.getenv("OBSTIME_CHRONY_DIR"));
        if (configured != null) {
            return binaries = requireBinaries(Path.of(configured), "configured by obstime.chrony.dir");
        }
        if (hasBinaries(Path.of("/"))) {
            return binaries = Path.of("/");
        }
        Path script = Path.of("fetch-chrony.sh").toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("chronyd not found and " + script + " missing: " + REMEDY);
        }
        Process fetch = new ProcessBuilder(script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(fetch.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!fetch.waitFor(5, TimeUnit.MINUTES) || fetch.exitValue() != 0) {
                throw new IllegalStateException("chronyd not found and fetch-chrony.sh failed (" + out + "): "
                        + REMEDY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching chrony", e);
        }
        String[] lines = out.split("\n");
        return binaries = requireBinaries(Path.of(lines[lines.length - 1]), "fetched by fetch-chrony.sh");
    }

    private static Path requireBinaries(Path dir, String how) {
        if (!hasBinaries(dir)) {
            throw new IllegalStateException("no chronyd and chronyc under " + dir + " (" + how + "): " + REMEDY);
        }
        return dir;
    }

    private static boolean hasBinaries(Path dir) {
        return Files.isExecutable(dir.resolve("usr/sbin/chronyd")) && Files.isExecutable(dir.resolve("usr/bin/chronyc"));
    }
}
