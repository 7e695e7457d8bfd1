package dev.callgate.os.darwin;

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

/** Which {@code os.name} and {@code os.arch} values the macOS provider serves, and why not others. */
class DarwinBackendProviderTest {

    private final DarwinBackendProvider provider = new DarwinBackendProvider();

    @ParameterizedTest
    @ValueSource(strings = {"Mac OS X", "Darwin", "macOS"})
    void servesMacOsOnIntelAndAppleSilicon(String osName) {
        for (String arch : new String[] {"x86_64", "aarch64"}) {
            PlatformMatch match = provider.match(osName, arch);
            assertTrue(match.serves(), match.reason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunOS", "NetBSD", "OpenBSD", "Linux", "FreeBSD", "Windows 11", "AIX"})
    void rejectsOtherSystemsNamingThem(String osName) {
        PlatformMatch match = provider.match(osName, "amd64");
        assertFalse(match.serves());
        assertTrue(match.reason().contains("\"" + osName + "\""), match.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"i386", "x86", "ppc"})
    void rejects32BitMacOsSaying64BitOnly(String osArch) {
        PlatformMatch match = provider.match("Mac OS X", osArch);
        assertFalse(match.serves());
        assertTrue(match.reason().contains("64-bit") && match.reason().contains(osArch), match.reason());
    }

    /** A real run on this host: selecting the macOS backend by override elsewhere fails clearly. */
    @Test
    void createOutsideMacOsNamesCauseAndFix() {
        Assumptions.assumeFalse(Platform.isMac(), "this host is macOS");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, provider::create);
        assertTrue(e.getMessage().contains("only on macOS") && e.getMessage().contains("Fix:"), e.getMessage());
    }
}
