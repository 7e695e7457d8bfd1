package dev.callgate.it.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.jar.JarFile;

/** What the shaded agent jar the build made holds. */
final class AgentJar {

    private AgentJar() {}

    /** Whether it holds callgate-ffm (built on JDK 22 or later): its callbacks can take the FFM route. */
    static boolean holdsFfm(Path agentJar) {
        try (JarFile jar = new JarFile(agentJar.toFile())) {
            return jar.getEntry("META-INF/services/dev.callgate.internal.JnaUpcalls") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent jar " + agentJar, e);
        }
    }
}
