package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import dev.callgate.it.support.CliJar;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** callgate.jar names the version it was built as: {@code --version}, doctor, and its manifest. */
class CliJarVersionTest {

    private static final String VERSION = System.getProperty("test.callgate.version");

    @Test
    void versionCommandPrintsTheVersion() {
        ChildJvmResult run = ChildJvm.jar(CliJar.path()).args("--version").run();
        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("callgate " + VERSION + "\n", run.stdout(), run::describe);
    }

    @Test
    void doctorPrintsTheVersion() {
        ChildJvmResult run = ChildJvm.jar(CliJar.path()).args("doctor").run();
        assertTrue(run.stdoutHasLine("version: " + VERSION), run::describe);
    }

    @Test
    void manifestNamesTheImplementation() throws Exception {
        try (JarFile jar = new JarFile(CliJar.path().toFile())) {
            var main = jar.getManifest().getMainAttributes();
            assertEquals(VERSION, main.getValue("Implementation-Version"));
            assertEquals("dev.callgate.cli.Main", main.getValue("Main-Class"));
            assertTrue(main.getValue("Implementation-Title").startsWith("callgate"), main.getValue("Implementation-Title"));
        }
    }
}
