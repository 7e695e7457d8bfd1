package dev.callgate.os.freebsd;

import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PosixNativeWrite;
import dev.callgate.spi.contract.OsBackendContract;
import dev.callgate.spi.contract.Sink;
import java.util.List;
import java.util.OptionalInt;

/**
 * The shared backend contract, run on this (non-FreeBSD) machine against {@link RecordingLibC}:
 * the real {@link FreeBsdBackend} and the shared write loop, over a recorded libc.
 */
class FreeBsdBackendRecordedContractTest extends OsBackendContract {

    private final RecordingLibC libc = new RecordingLibC();
    private final FreeBsdBackend backend = new FreeBsdBackend(libc);

    @Override
    protected OsBackendProvider provider() {
        return new FreeBsdBackendProvider();
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
        return libc.openSink();
    }

    @Override
    protected long badTarget() {
        return libc.unopenedDescriptor();
    }

    @Override
    protected String expectedId() {
        return "freebsd";
    }

    @Override
    protected List<String> servedOsNames() {
        return List.of("FreeBSD");
    }

    @Override
    protected List<String> rejectedOsNames() {
        return List.of("Linux", "Mac OS X", "Windows 11", "SunOS", "NetBSD", "OpenBSD", "GNU/kFreeBSD");
    }

    @Override
    protected OptionalInt interruptedError() {
        return OptionalInt.of(PosixNativeWrite.EINTR);
    }
}
