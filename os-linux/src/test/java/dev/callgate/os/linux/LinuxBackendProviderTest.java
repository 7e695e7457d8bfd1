package dev.callgate.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PlatformMatch;
import dev.callgate.spi.PosixBackend;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The provider's matching and registration, and the backend it creates on this host. */
class LinuxBackendProviderTest {

    private final LinuxBackendProvider provider = new LinuxBackendProvider();

    @Test
    void serviceLoaderFindsTheProviderThroughMetaInfServices() {
        List<String> ids = ServiceLoader.load(OsBackendProvider.class).stream()
                .map(p -> p.get().id()).collect(Collectors.toList());
        assertEquals(List.of("linux"), ids);
    }

    @Test
    void rejectsOtherSystemsNamingWhatItServes() {
        PlatformMatch match = provider.match("SunOS", "sparcv9");
        assertFalse(match.serves());
        assertEquals("serves os.name \"Linux\", not \"SunOS\"", match.reason());
    }

    @Test
    void servesLinuxOnKnownArchitecturesNamingTheFallbackSyscall() {
        PlatformMatch amd64 = provider.match("Linux", "amd64");
        assertTrue(amd64.serves());
        assertTrue(amd64.reason().contains("syscall 186"), amd64.reason());
        assertTrue(provider.match("Linux", "i386").reason().contains("syscall 224"));
        assertTrue(provider.match("Linux", "aarch64").reason().contains("syscall 178"));
    }

    /** gettid() needs no syscall number, so an unknown architecture is served, with the condition said. */
    @Test
    void servesLinuxOnAnUnknownArchitectureSayingItNeedsGettid() {
        PlatformMatch riscv = provider.match("Linux", "riscv64");
        assertTrue(riscv.serves());
        assertTrue(riscv.reason().contains("glibc 2.30"), riscv.reason());
        assertTrue(riscv.reason().contains("no SYS_gettid number for riscv64"), riscv.reason());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void createGivesAPosixBackendOnFd2WithTheKernelThreadId() {
        OsBackend backend = provider.create();
        assertTrue(backend instanceof LinuxBackend);
        assertEquals(LinuxLibC.load().threadId(), backend.currentNativeThreadId());
        assertEquals(PosixBackend.STDERR_FD, backend.stderr().target());
    }
}
