package dev.callgate.os.windows;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.PlatformMatch;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which {@code os.name} values the Windows provider serves, and why not others. */
class WindowsBackendProviderTest {

    private final WindowsBackendProvider provider = new WindowsBackendProvider();

    @ParameterizedTest
    @ValueSource(strings = {"Windows 10", "Windows 11", "Windows Server 2022", "Windows Server 2019",
        "Windows Server 2016", "Windows 8.1"})
    void servesEveryWindowsOnEveryArchitecture(String osName) {
        for (String arch : new String[] {"amd64", "x86", "aarch64"}) {
            PlatformMatch match = provider.match(osName, arch);
            assertTrue(match.serves(), match.reason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunOS", "NetBSD", "OpenBSD", "Linux", "Mac OS X", "FreeBSD", "windows"})
    void rejectsOtherSystemsNamingThem(String osName) {
        PlatformMatch match = provider.match(osName, "amd64");
        assertFalse(match.serves());
        assertTrue(match.reason().contains("\"" + osName + "\""), match.reason());
    }

    /** A real run on this host: selecting the Windows backend by override elsewhere fails clearly. */
    @Test
    void createOutsideWindowsNamesCauseAndFix() {
        Assumptions.assumeFalse(Platform.isWindows(), "this host is Windows");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, provider::create);
        assertTrue(e.getMessage().contains("only on Windows") && e.getMessage().contains("Fix:"), e.getMessage());
    }
}
