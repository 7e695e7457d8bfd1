package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Shutdown hooks run in no set order, so callgate's own hook cannot promise anything about an
 * application's teardown. What an application can rely on: in its own hook, {@code close()} (a
 * barrier) and then free. Run many times, since a race shows itself only sometimes.
 */
@EnabledOnOs(OS.LINUX)
class ShutdownOrderingTest {

    @RepeatedTest(8)
    void closingInTheApplicationsHookThenFreeingNeverLetsABodyRunAfterTheFree() {
        ChildJvmResult run = ChildJvm.mainClass(ShutdownOrderingMain.class).timeout(Duration.ofSeconds(60)).run();

        assertEquals(0, run.exitCode(), run::describe);
        assertFalse(run.stdoutHasLine("bodies running at exit: 0"), () -> "the barrier had nothing to wait for: "
                + run.describe());
        assertTrue(run.stdout().contains("bodies running at exit: "), run::describe);
        assertTrue(run.stdoutHasLine("used after free: 0"), run::describe);
    }
}
