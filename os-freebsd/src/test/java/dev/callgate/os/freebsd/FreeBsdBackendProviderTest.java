package dev.callgate.os.freebsd;

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

/** Which {@code os.name} values the FreeBSD provider serves, and why not others. */
class FreeBsdBackendProviderTest {

    private final FreeBsdBackendProvider provider = new FreeBsdBackendProvider();

    @ParameterizedTest
    @ValueSource(strings = {"amd64", "aarch64", "i386", "arm", "powerpc64"})
    void servesFreeBsdOnEveryArchitecture(String osArch) {
        PlatformMatch match = provider.match("FreeBSD", osArch);
        assertTrue(match.serves(), match.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunOS", "NetBSD", "OpenBSD", "Linux", "Mac OS X", "Windows 11", "GNU/kFreeBSD",
        "DragonFlyBSD"})
    void rejectsOtherSystemsNamingThem(String osName) {
        PlatformMatch match = provider.match(osName, "amd64");
        assertFalse(match.serves());
        assertTrue(match.reason().contains("\"" + osName + "\""), match.reason());
    }

    /** A real run on this host: selecting the FreeBSD backend by override elsewhere fails clearly. */
    @Test
    void createOutsideFreeBsdNamesCauseAndFix() {
        Assumptions.assumeFalse(Platform.isFreeBSD(), "this host is FreeBSD");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, provider::create);
        assertTrue(e.getMessage().contains("only on FreeBSD") && e.getMessage().contains("Fix:"), e.getMessage());
    }
}
