package dev.callgate.os.plan9sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** abort() really ends the host process: a child JVM, its stderr and its exit status. */
class AbortEndsTheJvmTest {

    @Test
    void theChildJvmEndsWithStatus134AfterItsLineAndWithoutShutdownHooks() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AbortChild.class.getName()).start();
        child.getOutputStream().close();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end within 60 s");
        String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Plan9SimBackend.ABORT_EXIT_STATUS, child.exitValue(), "stdout: " + stdout + " stderr: " + stderr);
        assertTrue(stderr.contains("callgate: aborting from plan9-sim\n"), stderr);
        assertEquals("", stdout, "no shutdown hook ran and abort did not return");
    }
}
