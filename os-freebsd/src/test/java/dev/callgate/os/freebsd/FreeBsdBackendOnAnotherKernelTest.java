package dev.callgate.os.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.contract.ProviderChild;
import dev.callgate.testsupport.ChildJvmResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * For real on this Linux host: a child JVM told {@code -Dos.name=FreeBSD} passes JNA's own
 * {@code Platform.isFreeBSD()}, so the kernel decides. The failure must name that cause, once,
 * and not send the user after JNA, which is on the class path.
 */
@EnabledOnOs(OS.LINUX)
class FreeBsdBackendOnAnotherKernelTest {

    @Test
    void aFalseOsNameIsReportedAsSuchOnceWithoutBlamingTheClassPath() throws Exception {
        ChildJvmResult child = ProviderChild.createThrough(FreeBsdBackendProvider.class, "-Dos.name=FreeBSD");
        List<String> failures = ProviderChild.failures(child);
        assertEquals(1, failures.size(), "one exception, no nested repeats: " + child);
        String message = failures.get(0);
        assertTrue(message.contains("os.name says \"FreeBSD\" but this is a Linux kernel"), message);
        assertTrue(message.contains("Fix:"), message);
        assertFalse(message.contains("class path"), message);
    }
}
