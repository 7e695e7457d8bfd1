package dev.callgate.it.matrix;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;

/**
 * A container counts as started once it runs or has already exited, whatever its exit status.
 *
 * <p>Why not Testcontainers' own: {@code IsRunningStartupCheckStrategy} calls a container that
 * exits non-zero before it is seen running a failed start, and {@code OneShotStartupCheckStrategy}
 * calls any non-zero exit a failure. The matrix's ABORT scenario must end with exit status 134,
 * which the test reads and judges itself.
 */
final class StartedOrExitedCheck extends StartupCheckStrategy {

    @Override
    public StartupStatus checkStartupState(DockerClient dockerClient, String containerId) {
        InspectContainerResponse.ContainerState state = getCurrentState(dockerClient, containerId);
        if (Boolean.TRUE.equals(state.getRunning()) || "exited".equals(state.getStatus())) {
            return StartupStatus.SUCCESSFUL;
        }
        return "dead".equals(state.getStatus()) ? StartupStatus.FAILED : StartupStatus.NOT_YET_KNOWN;
    }
}
