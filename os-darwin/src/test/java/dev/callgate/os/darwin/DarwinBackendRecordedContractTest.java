package dev.callgate.os.darwin;

import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PosixNativeWrite;
import dev.callgate.spi.contract.OsBackendContract;
import dev.callgate.spi.contract.Sink;
import java.util.List;
import java.util.OptionalInt;

/**
 * The shared backend contract, run on this (non-macOS) machine against {@link RecordingLibSystem}:
 * the real {@link DarwinBackend} and the shared write loop, over a recorded libSystem.
 */
class DarwinBackendRecordedContractTest extends OsBackendContract {

    private final RecordingLibSystem libSystem = new RecordingLibSystem();
    private final DarwinBackend backend = new DarwinBackend(libSystem);

    @Override
    protected OsBackendProvider provider() {
        return new DarwinBackendProvider();
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
        return libSystem.openSink();
    }

    @Override
    protected long badTarget() {
        return libSystem.unopenedDescriptor();
    }

    @Override
    protected String expectedId() {
        return "darwin";
    }

    @Override
    protected List<String> servedOsNames() {
        return List.of("Mac OS X", "Darwin", "macOS");
    }

    @Override
    protected List<String> rejectedOsNames() {
        return List.of("Linux", "FreeBSD", "Windows 11", "SunOS", "NetBSD", "OpenBSD");
    }

    @Override
    protected OptionalInt interruptedError() {
        return OptionalInt.of(PosixNativeWrite.EINTR);
    }

    @Override
    protected String osArch() {
        return "aarch64";
    }
}
