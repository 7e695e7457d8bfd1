package dev.callgate.os.plan9sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.internal.Backends;
import dev.callgate.internal.BackendSelector;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PlatformMatch;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The provider: found by ServiceLoader, never matched by os.name, chosen by override. */
class Plan9SimBackendProviderTest {

    @Test
    void serviceLoaderFindsTheProvider() {
        boolean found = ServiceLoader.load(OsBackendProvider.class).stream()
                .anyMatch(p -> p.type() == Plan9SimBackendProvider.class);
        assertTrue(found, "META-INF/services names Plan9SimBackendProvider");
    }

    @Test
    void neverMatchesAnOsNameAndSaysHowToChooseIt() {
        PlatformMatch match = new Plan9SimBackendProvider().match("Plan 9", "386");
        assertFalse(match.serves());
        assertTrue(match.reason().contains("-Dcallgate.os=plan9-sim"), match.reason());
    }

    @Test
    void theOverrideSelectsItAndTheDemoCanCaptureTheConsole() {
        Backends.Selected selection = BackendSelector.fromServiceLoader(getClass().getClassLoader())
                .select("Linux", "amd64", "plan9-sim");
        assertEquals("plan9-sim", selection.provider().id());
        assertEquals("dev.callgate:callgate-os-plan9-sim", selection.provider().artifact());
        Plan9SimBackend backend = (Plan9SimBackend) selection.backend();
        CapturedSink captured = new CapturedSink();
        backend.console().setSink(captured);
        assertTrue(backend.stderr().write(NativeMessage.encode("callgate: selected by override")));
        assertEquals("callgate: selected by override\n", captured.text());
    }

    @Test
    void withoutTheOverrideItIsNeverSelected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BackendSelector.fromServiceLoader(getClass().getClassLoader()).select("Plan 9", "386", null));
        assertTrue(e.getMessage().contains("chosen only by -Dcallgate.os=plan9-sim"), e.getMessage());
    }

    @Test
    void eachCreateStartsItsOwnProcess() {
        Plan9SimBackendProvider provider = new Plan9SimBackendProvider();
        Plan9SimBackend first = (Plan9SimBackend) provider.create();
        Plan9SimBackend second = (Plan9SimBackend) provider.create();
        assertFalse(first.process() == second.process());
    }
}
