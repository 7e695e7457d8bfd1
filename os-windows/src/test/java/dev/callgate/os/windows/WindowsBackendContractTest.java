package dev.callgate.os.windows;

import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.contract.OsBackendContract;
import dev.callgate.spi.contract.Sink;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The OS backend contract, for real: kernel32 {@code WriteFile} into real anonymous pipes,
 * {@code GetCurrentThreadId}, on Windows only. Elsewhere it is skipped, and
 * {@code WindowsBackendRecordedContractTest} runs the same contract over a recorded fake.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsBackendContractTest extends OsBackendContract {

    private final WindowsBackendProvider provider = new WindowsBackendProvider();
    private final WindowsBackend backend = (WindowsBackend) provider.create();

    @Override
    protected OsBackendProvider provider() {
        return provider;
    }

    @Override
    protected OsBackend backend() {
        return backend;
    }

    @Override
    protected NativeWrite nativeWrite() {
        return backend.nativeWrite();
    }

    @Override
    protected Sink openSink() {
        return WindowsPipeSink.open();
    }

    @Override
    protected long badTarget() {
        return WindowsPipeSink.NEVER_OPEN_HANDLE;
    }

    @Override
    protected String expectedId() {
        return "windows";
    }

    @Override
    protected List<String> servedOsNames() {
        return List.of("Windows 10", "Windows 11", "Windows Server 2022", "Windows Server 2019");
    }

    @Override
    protected List<String> rejectedOsNames() {
        return List.of("Linux", "Mac OS X", "FreeBSD", "SunOS", "NetBSD", "OpenBSD");
    }

    /** Windows has no EINTR: WriteFile is never interrupted by a signal. */
    @Override
    protected OptionalInt interruptedError() {
        return OptionalInt.empty();
    }

    /** The architecture this JVM really runs on, not the kit's default. */
    @Override
    protected String osArch() {
        return System.getProperty("os.arch");
    }
}
