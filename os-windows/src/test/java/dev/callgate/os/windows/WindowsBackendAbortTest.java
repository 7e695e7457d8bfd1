package dev.callgate.os.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.contract.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * For real, on Windows only: the backend's abort() ends a child JVM with exit code
 * {@value WindowsBackend#ABORT_EXIT_CODE} after its last line reached the real standard error.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsBackendAbortTest {

    @Test
    void abortEndsTheChildJvmWithExitCode3AfterItsLastLine() throws Exception {
        ChildJvm.Result child = ChildJvm.abortThrough(WindowsBackendProvider.class);
        assertEquals(WindowsBackend.ABORT_EXIT_CODE, child.exitStatus(), child.toString());
        assertTrue(child.saidLastWords(), child.toString());
        assertFalse(child.stdout().contains(ChildJvm.ABORT_RETURNED), child.toString());
    }
}
