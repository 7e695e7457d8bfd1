package dev.callgate.it.matrix;

import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import dev.callgate.testsupport.ChildJvmResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs {@code java -jar callgate.jar <args>} (or another java command line) once in a fresh container of a matrix case and
 * returns what happened: the container's exit status as Docker reports it, and its stdout and
 * stderr read from Docker before the container is removed.
 *
 * <p>The container has no network (mode {@code none}), its image is never pulled (the images are
 * local, built by {@code integration/images/build-images.sh}), callgate.jar and any host JVM are
 * bound read-only.
 */
final class CellContainer {

    /** Where callgate.jar is bound inside every container. */
    static final String JAR_IN_CONTAINER = "/callgate/callgate.jar";

    /** No registry is reachable here: an image that is not local must never be looked for elsewhere. */
    private static final ImagePullPolicy NEVER_PULL = image -> false;

    /**
     * The container's first process: sh stays PID 1 and java runs as its child, for two reasons.
     * No core file from the ABORT scenario ({@code ulimit -c 0}). And a JVM that is PID 1 of its
     * PID namespace does not die of its own SIGABRT (the kernel drops signals to a namespace's
     * init that has no handler for them): measured here, glibc's abort() then falls back to
     * {@code _exit(127)}. sh reports a child killed by signal N as 128 + N (134 for SIGABRT), the
     * same convention as Docker and {@link Process}.
     */
    private static final String LAUNCHER = "ulimit -c 0; \"$@\"; status=$?; exit $status";

    private final Path cliJar;
    private final Duration timeout;

    CellContainer(Path cliJar, Duration timeout) {
        this.cliJar = cliJar;
        this.timeout = timeout;
    }

    /** Runs callgate.jar with {@code args} in a new container of {@code matrixCase}; waits for it to exit. */
    ChildJvmResult run(MatrixCase matrixCase, String... args) {
        List<String> javaArgs = new ArrayList<>(List.of("-jar", JAR_IN_CONTAINER));
        javaArgs.addAll(List.of(args));
        return runJava(matrixCase, Map.of(), javaArgs);
    }

    /**
     * Runs the case's {@code java} with {@code javaArgs} in a new container, with each host file of
     * {@code files} bound read-only at its path in the container (callgate.jar is always there too).
     * An emulated cell's JVM also gets {@link HowItRuns#jvmOptions}.
     */
    ChildJvmResult runJava(MatrixCase matrixCase, Map<Path, String> files, List<String> javaArgs) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCHER, "sh", matrixCase.java()));
        command.addAll(HowItRuns.jvmOptions(matrixCase.cell().arch()));
        // The cells assert every line they cause. Cells run side by side on a shared machine, some
        // emulated, where the writer thread can be later than the default 10 ms bound: a line given
        // up then is never written, which is right for an application and a false failure here.
        command.add("-Dcallgate.diagnosticTimeoutMillis=2000");
        command.addAll(javaArgs);
        List<Bind> binds = new ArrayList<>();
        binds.add(readOnly(cliJar, JAR_IN_CONTAINER));
        files.forEach((host, inContainer) -> binds.add(readOnly(host, inContainer)));
        matrixCase.hostJvm().ifPresent(host -> binds.add(readOnly(host, matrixCase.javaHome())));

        long started = System.nanoTime();
        try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(matrixCase.cell().image()))) {
            container.withImagePullPolicy(NEVER_PULL)
                    .withNetworkMode("none")
                    .withCommand(command.toArray(String[]::new))
                    .withStartupCheckStrategy(new StartedOrExitedCheck().withTimeout(timeout))
                    // Binds set on the create command directly: Testcontainers' withFileSystemBind
                    // first checks file mounting by running an image it would have to pull.
                    .withCreateContainerCmdModifier(create -> create.getHostConfig().withBinds(binds));
            container.start();
            int status = awaitExit(container);
            // Read before close(): closing the container removes it and its logs.
            String stdout = container.getLogs(OutputType.STDOUT);
            String stderr = container.getLogs(OutputType.STDERR);
            return new ChildJvmResult(command, status, stdout, stderr, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** The container's exit status; a container still running at the timeout is a failure with its output so far. */
    private int awaitExit(GenericContainer<?> container) {
        try {
            return container.getDockerClient()
                    .waitContainerCmd(container.getContainerId())
                    .start()
                    .awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (DockerClientException e) {
            throw new AssertionError("container of " + container.getDockerImageName() + " still running after "
                    + timeout.toSeconds() + " s (" + e.getMessage() + "); a hang in callgate or the JVM?\n--- stdout ---\n"
                    + container.getLogs(OutputType.STDOUT) + "\n--- stderr ---\n" + container.getLogs(OutputType.STDERR), e);
        }
    }

    private static Bind readOnly(Path host, String inContainer) {
        return new Bind(host.toAbsolutePath().toString(), new Volume(inContainer), AccessMode.ro);
    }
}
