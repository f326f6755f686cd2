package io.obstime.monitor;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Two real chronyd on 127.0.0.1, started once for the whole test run and stopped at its end: {@link #server}, a
 * {@code local stratum 8} NTP server with no source of its own, and {@link #client}, which follows the server 16
 * times a second and so reports a real offset (stratum 9) in its {@code tracking}. Neither touches the clock
 * ({@code -x}). Tests get the pair as a parameter through this class as a JUnit extension. If chronyd cannot be had,
 * the tests fail with the remedy ({@link Chronyd#REMEDY}); they are never skipped.
 */
final class ChronydPair implements AutoCloseable {

    final Chronyd server;
    final Chronyd client;

    private ChronydPair(Chronyd server, Chronyd client) {
        this.server = server;
        this.client = client;
    }

    static ChronydPair start() throws IOException, InterruptedException {
        Path work = Files.createDirectories(Path.of("target"));
        work = Files.createTempDirectory(work.toAbsolutePath(), "chronyd-");
        Chronyd server = Chronyd.localServer(work);
        try {
            server.awaitStratum(8, Duration.ofSeconds(20));
            Chronyd client = Chronyd.clientOf(server, work);
            try {
                client.awaitStratum(9, Duration.ofSeconds(30));
                return new ChronydPair(server, client);
            } catch (RuntimeException | IOException | InterruptedException e) {
                client.close();
                throw e;
            }
        } catch (RuntimeException | IOException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }

    /** Gives test methods the run's one pair, started on first use; JUnit closes it when the run ends. */
    static final class Extension implements ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChronydPair.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ChronydPair.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ChronydPair.class, key -> {
                try {
                    return start();
                } catch (IOException e) {
                    throw new IllegalStateException("chronyd could not be started: " + e + "; " + Chronyd.REMEDY, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting chronyd", e);
                }
            }, ChronydPair.class);
        }
    }
}
