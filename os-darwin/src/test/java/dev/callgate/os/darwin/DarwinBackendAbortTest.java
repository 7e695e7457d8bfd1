package dev.callgate.os.darwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.PosixBackend;
import dev.callgate.spi.contract.AbortingChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** For real, on macOS only: the backend's abort() kills a child JVM with SIGABRT after its last line. */
@EnabledOnOs(OS.MAC)
class DarwinBackendAbortTest {

    @Test
    void abortEndsTheChildJvmWithSigabrtAfterItsLastLine() throws Exception {
        AbortingChildJvm.Result child = AbortingChildJvm.run(AbortingMain.class);
        assertEquals(PosixBackend.SIGABRT_EXIT_STATUS, child.exitStatus(), child.toString());
        assertTrue(child.saidLastWords(), child.toString());
        assertFalse(child.stdout().contains(AbortingChildJvm.ABORT_RETURNED), child.toString());
    }

    /** The child: writes the last words through the real backend's stderr, then aborts. */
    public static final class AbortingMain {

        private AbortingMain() {
        }

        public static void main(String[] args) {
            OsBackend backend = new DarwinBackendProvider().create();
            backend.stderr().write(NativeMessage.encode(AbortingChildJvm.LAST_WORDS));
            backend.abort();
            System.out.println(AbortingChildJvm.ABORT_RETURNED); // only seen when abort is broken
            System.exit(1);
        }
    }
}
