package dev.callgate.it.matrix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, and if not, why, in one line.
 *
 * <p>A plain socket check comes first, for the engine named the way the docker CLI names it
 * ({@code DOCKER_HOST}, else {@code /var/run/docker.sock}): when nothing listens there, the
 * matrix is skipped without Testcontainers' long search through every strategy and its page of
 * log. Only then does Testcontainers connect, which is the client the matrix really uses.
 */
final class DockerEngineProbe {

    private static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";

    private DockerEngineProbe() {}

    /** Empty when an engine answers; otherwise what failed, e.g. "no socket at /var/run/docker.sock". */
    static Optional<String> whyUnreachable() {
        String dockerHost = Optional.ofNullable(System.getenv("DOCKER_HOST")).filter(s -> !s.isBlank()).orElse(DEFAULT_SOCKET);
        String named = System.getenv("DOCKER_HOST") == null ? "" : "DOCKER_HOST=";
        URI uri = URI.create(dockerHost);
        if ("unix".equals(uri.getScheme())) {
            Path socket = Path.of(uri.getPath());
            if (!Files.exists(socket)) {
                return Optional.of(named + dockerHost + ": no socket at " + socket);
            }
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                return Optional.of(named + dockerHost + ": connecting to " + socket + " failed: " + e.getMessage());
            }
        }
        try {
            DockerClientFactory.instance().client();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(named + dockerHost + ": Testcontainers found no working Docker environment: " + e.getMessage());
        }
    }

    /** The engine's version, for the report. */
    static String serverVersion() {
        try {
            return DockerClientFactory.instance().getInfo().getServerVersion();
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
