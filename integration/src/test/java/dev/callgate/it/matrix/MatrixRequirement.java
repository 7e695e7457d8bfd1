package dev.callgate.it.matrix;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What happens when something the matrix needs is missing (a Docker engine, an image, a JVM to
 * bind): outside CI the matrix or the cell is skipped, with the reason printed on one line; with
 * the environment variable {@code CI=true} the build fails instead, because a CI run that skips
 * the matrix would pass without testing anything.
 */
final class MatrixRequirement {

    private MatrixRequirement() {}

    /** Whether this run is CI's: the environment variable {@code CI} is {@code true}. */
    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skips (outside CI) or fails (in CI) the current test or class.
     *
     * @param missing what is missing and why, e.g. "Docker engine not reachable (no socket at ...)"
     * @param skipNote what a developer outside CI is told, e.g. ".ci/run starts one"
     * @param fix what CI must do so the requirement holds
     */
    static void unmet(String missing, String skipNote, String fix) {
        if (inCi()) {
            fail(missing + ": CI=true, so the Testcontainers matrix must run and this fails the build; fix: " + fix);
        }
        String line = missing + ": " + skipNote;
        // One line on the console: Surefire prints a skip's count, not its reason.
        System.out.println("[callgate matrix] SKIPPED " + line);
        Assumptions.abort(line);
    }
}
