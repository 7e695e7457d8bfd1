package dev.callgate.os.plan9sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import org.junit.jupiter.api.Test;

/** abort() really ends the host process: a child JVM, its stderr and its exit status. */
class AbortEndsTheJvmTest {

    @Test
    void theChildJvmEndsWithStatus134AfterItsLineAndWithoutShutdownHooks() throws Exception {
        ChildJvmResult child = ChildJvm.mainClass(AbortChild.class).noCoreDump().run();
        assertEquals(Plan9SimBackend.ABORT_EXIT_STATUS, child.exitCode(), child.toString());
        assertTrue(child.stderr().contains("callgate: aborting from plan9-sim\n"), child.toString());
        assertEquals("", child.stdout(), "no shutdown hook ran and abort did not return");
    }
}
