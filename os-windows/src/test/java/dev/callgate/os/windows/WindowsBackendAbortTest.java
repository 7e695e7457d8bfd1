package dev.callgate.os.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.contract.ProviderChild;
import dev.callgate.testsupport.ChildJvmResult;
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
        ChildJvmResult child = ProviderChild.abortThrough(WindowsBackendProvider.class);
        assertEquals(WindowsBackend.ABORT_EXIT_CODE, child.exitCode(), child.toString());
        assertTrue(child.stderrHasLine(ProviderChild.LAST_WORDS), child.toString());
        assertFalse(child.stdout().contains(ProviderChild.ABORT_RETURNED), child.toString());
    }
}
