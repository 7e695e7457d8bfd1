package dev.callgate.os.freebsd;

import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.contract.PosixBackendRecordedContract;
import java.util.List;

/**
 * The shared backend contract, run on this (non-FreeBSD) machine against the kit's {@code RecordingPosixLayer}:
 * the real {@link FreeBsdBackend} and the shared write loop, over a recorded libc.
 */
class FreeBsdBackendRecordedContractTest extends PosixBackendRecordedContract {

    FreeBsdBackendRecordedContractTest() {
        super(FreeBsdBackend::new);
    }

    @Override
    protected OsBackendProvider provider() {
        return new FreeBsdBackendProvider();
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
}
