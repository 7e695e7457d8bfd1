package dev.callgate.spi.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PosixBackend;
import dev.callgate.testsupport.ChildJvmResult;
import org.junit.jupiter.api.Test;

/**
 * For real: a POSIX backend's {@code abort()} kills a child JVM with {@code SIGABRT} after its
 * last line reached the real standard error. An OS module extends this class once, naming its
 * provider, and gates the subclass with {@code @EnabledOnOs} so that it runs only on that OS.
 */
public abstract class PosixBackendAbortTest {

    private final Class<? extends OsBackendProvider> provider;

    /** @param provider the OS's provider; the child JVM creates its backend with it */
    protected PosixBackendAbortTest(Class<? extends OsBackendProvider> provider) {
        this.provider = provider;
    }

    @Test
    void abortEndsTheChildJvmWithSigabrtAfterItsLastLine() throws Exception {
        ChildJvmResult child = ProviderChild.abortThrough(provider);
        assertEquals(PosixBackend.SIGABRT_EXIT_STATUS, child.exitCode(), child::describe);
        assertTrue(child.stderrHasLine(ProviderChild.LAST_WORDS), child::describe);
        assertFalse(child.stdout().contains(ProviderChild.ABORT_RETURNED), child::describe);
    }
}
