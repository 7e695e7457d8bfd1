package dev.callgate.all;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callgate.BackendSelection;
import dev.callgate.CallGate;
import dev.callgate.spi.OsBackendProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * With callgate-all as the only callgate dependency, the class path carries the four real
 * backends and no simulator, and exactly one of them serves the running JVM.
 */
class AllBackendsSelectionTest {

    private static final List<OsBackendProvider> PROVIDERS = ServiceLoader.load(OsBackendProvider.class).stream()
            .map(ServiceLoader.Provider::get).collect(Collectors.toList());

    @Test
    void theFourRealBackendsAreOnTheClassPathAndNoSimulator() {
        assertEquals(List.of("darwin", "freebsd", "linux", "windows"),
                PROVIDERS.stream().map(OsBackendProvider::id).sorted().collect(Collectors.toList()));
    }

    @Test
    void exactlyOneBackendServesThisJvm() {
        String osName = System.getProperty("os.name");
        String osArch = System.getProperty("os.arch");
        List<String> serving = PROVIDERS.stream().filter(p -> p.match(osName, osArch).serves())
                .map(OsBackendProvider::id).collect(Collectors.toList());
        assertEquals(1, serving.size(), () -> "os.name " + osName + " is served by " + serving);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinuxTheLinuxBackendIsSelected() {
        BackendSelection selection = CallGate.selection();
        assertEquals("linux", selection.id(), selection::how);
        assertEquals("dev.callgate:callgate-os-linux", selection.artifact());
    }
}
