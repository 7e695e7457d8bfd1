package dev.callgate.os.windows;

import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.contract.OsBackendContract;
import dev.callgate.spi.contract.Sink;
import java.util.List;
import java.util.OptionalInt;

/**
 * The shared backend contract, run on this (non-Windows) machine against {@link RecordingKernel32}:
 * the real {@link WindowsBackend}, its {@code WriteFile} adapter and the shared write loop, over a
 * recorded kernel32.
 */
class WindowsBackendRecordedContractTest extends OsBackendContract {

    private final RecordingKernel32 kernel32 = new RecordingKernel32();
    private final WindowsBackend backend = new WindowsBackend(kernel32);

    @Override
    protected OsBackendProvider provider() {
        return new WindowsBackendProvider();
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
        return kernel32.openSink();
    }

    @Override
    protected long badTarget() {
        return RecordingKernel32.INVALID_HANDLE_VALUE;
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

    /** Windows has no EINTR: the kit skips its interrupted-write check. */
    @Override
    protected OptionalInt interruptedError() {
        return OptionalInt.empty();
    }
}
