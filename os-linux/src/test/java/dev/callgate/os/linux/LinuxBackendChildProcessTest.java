package dev.callgate.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.callgate.spi.contract.ProviderChild.failures;

import dev.callgate.spi.contract.ProviderChild;
import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * What only a whole process shows: the bytes on a real fd 2, a refused bind. The exit status of
 * abort() is {@link LinuxBackendAbortTest}.
 */
@EnabledOnOs(OS.LINUX)
class LinuxBackendChildProcessTest {

    @Test
    void stderrWritesTheExactLineToFileDescriptor2() throws Exception {
        String line = "callgate-test: foreign thread 4242 called back into \u00e9t\u00e9 \u4e2d";
        ChildJvmResult child = ChildJvm.mainClass(StderrLineMain.class).noCoreDump()
                .args(HexFormat.of().formatHex(line.getBytes(StandardCharsets.UTF_8))).run();
        assertEquals(0, child.exitCode(), child.toString());
        assertTrue(child.stderrLines().contains(line), "exact line on the child's stderr: " + child);
        assertTrue(child.stdout().contains("ok=true lastFailure=0"), child.toString());
    }

    @Test
    void theDisablePropertyMakesCreateFailWithTheFix() throws Exception {
        List<String> failures = failures(ProviderChild.createThrough(LinuxBackendProvider.class,
                "-D" + LinuxLibC.DISABLE_PROPERTY + "=true"));
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.get(0).contains("disabled by -D" + LinuxLibC.DISABLE_PROPERTY + "=true"), failures.get(0));
        assertTrue(failures.get(0).contains("Fix: remove that property"), failures.get(0));
    }

    @Test
    void withoutTheDisablePropertyTheChildCreatesTheBackend() throws Exception {
        ChildJvmResult child = ProviderChild.createThrough(LinuxBackendProvider.class);
        assertTrue(child.stdout().contains("created linux"), child.toString());
    }

    /**
     * The Linux guard: JNA's Platform says FreeBSD here, so the Linux backend refuses to bind
     * (without the guard it would load JNA's FreeBSD native part and blame the class path).
     */
    @Test
    void theLinuxBackendRefusesWhenJnaBelievesItIsAnotherOs() throws Exception {
        List<String> failures = failures(ProviderChild.createThrough(LinuxBackendProvider.class, "-Dos.name=FreeBSD"));
        assertEquals(1, failures.size(), "said once: " + failures);
        String message = failures.get(0);
        assertTrue(message.contains("BackendUnavailableException"), message);
        assertTrue(message.contains("os.name says \"FreeBSD\" but this is a Linux kernel"), message);
        assertTrue(message.contains("Fix: do not override os.name"), message);
        assertFalse(message.contains("class path"), message);
    }
}
