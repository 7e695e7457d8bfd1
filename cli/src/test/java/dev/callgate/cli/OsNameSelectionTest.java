package dev.callgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.internal.BackendSelector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With every OS module on the class path, as in callgate.jar, real {@code os.name} values pick
 * exactly the right module through {@link java.util.ServiceLoader}. Only the choice is checked
 * here: creating a non-Linux backend would need its OS.
 */
class OsNameSelectionTest {

    private final BackendSelector selector = BackendSelector.fromServiceLoader(getClass().getClassLoader());

    @ParameterizedTest
    @CsvSource({
        "Linux, amd64, linux",
        "Linux, i386, linux",
        "Linux, aarch64, linux",
        "Mac OS X, aarch64, darwin",
        "Mac OS X, x86_64, darwin",
        "Darwin, aarch64, darwin",
        "FreeBSD, amd64, freebsd",
        "FreeBSD, i386, freebsd",
        "Windows 10, amd64, windows",
        "Windows 11, amd64, windows",
        "Windows Server 2022, amd64, windows",
        "Windows 10, x86, windows",
    })
    void realOsNamesPickTheirModule(String osName, String osArch, String expectedId) {
        assertEquals(expectedId, selector.choose(osName, osArch, null).id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunOS", "NetBSD", "OpenBSD"})
    void systemsWithoutAModuleGetTheClearNoBackendError(String osName) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> selector.choose(osName, "amd64", null));
        String message = e.getMessage();
        assertTrue(message.contains("no OS backend for os.name \"" + osName + "\""), message);
        for (String id : new String[] {"linux", "darwin", "freebsd", "windows", "plan9-sim"}) {
            assertTrue(message.contains(id + " (dev.callgate:callgate-os-"), "lists why " + id + " was rejected: " + message);
        }
        assertTrue(message.contains("-Dcallgate.os=<id>"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan9-sim", "PLAN9-SIM"})
    void thePlan9SimulatorIsChosenOnlyByOverride(String override) {
        assertEquals("plan9-sim", selector.choose("Linux", "amd64", override).id());
        assertEquals("linux", selector.choose("Linux", "amd64", null).id());
    }
}
