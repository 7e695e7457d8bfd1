package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import dev.callgate.testsupport.RunningChild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners are the channel of applications whose standard error nobody reads, so ABORT's line
 * must reach every one of them before the process ends, and a listener that never returns must
 * not keep the process alive past the bound (10 ms by default) plus 100 ms. Each run is a child
 * JVM whose {@code pthread_create}d thread calls an ABORT-gated callback.
 */
@EnabledOnOs(OS.LINUX)
class AbortReachesListenersTest {

    private static final String LINE = "callgate: callback abort-listened on thread not created by the JVM"
            + " (native thread ";

    @TempDir
    Path dir;

    @RepeatedTest(10)
    void everyListenerGetsTheAbortLineBeforeTheProcessEnds() throws Exception {
        Path file = dir.resolve("listened.txt");
        ChildJvmResult result = ChildJvm.mainClass(AbortListenerMain.class).args("file", file.toString())
                .timeout(Duration.ofSeconds(60)).run();

        assertEquals(ChildJvmResult.KILLED_BY_SIGABRT, result.exitCode(), result::describe);
        List<String> heard = Files.exists(file) ? Files.readAllLines(file) : List.of();
        for (String listener : List.of("first", "second")) {
            assertEquals(1, heard.stream().filter(l -> l.startsWith(listener + " ABORT " + LINE)
                    && l.endsWith("; aborting the process (policy ABORT)")).count(),
                    () -> listener + " must get the ABORT line once; the file had " + heard + "; " + result.describe());
        }
        assertEquals(2, heard.size(), () -> "nothing but the ABORT line: " + heard);
    }

    @Test
    void aListenerThatNeverReturnsDoesNotKeepTheProcessAlive() throws Exception {
        Path file = dir.resolve("after-blocked.txt");
        try (RunningChild child = ChildJvm.mainClass(AbortListenerMain.class)
                .args("blocking", file.toString()).start()) {
            String line = child.awaitLine("aborting at ", Duration.ofSeconds(60));
            long said = System.nanoTime();
            int exit = child.awaitExit(Duration.ofSeconds(20));
            long tookMillis = (System.nanoTime() - said) / 1_000_000;

            assertEquals(ChildJvmResult.KILLED_BY_SIGABRT, exit, child::describe);
            // Bound (10 ms) + 100 ms, plus the pthread start and the line reaching this process.
            assertTrue(tookMillis < 10 + 100 + 400, () -> "abort came " + tookMillis + " ms after " + line);
        }
    }
}
