package dev.callgate.os.darwin;

import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.contract.PosixBackendRecordedContract;
import java.util.List;

/**
 * The shared backend contract, run on this (non-macOS) machine against the kit's {@code RecordingPosixLayer}:
 * the real {@link DarwinBackend} and the shared write loop, over a recorded libSystem.
 */
class DarwinBackendRecordedContractTest extends PosixBackendRecordedContract {

    DarwinBackendRecordedContractTest() {
        super(DarwinBackend::new);
    }

    @Override
    protected OsBackendProvider provider() {
        return new DarwinBackendProvider();
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

    /** Apple silicon; {@code DarwinBackendProviderTest} covers x86_64 too. */
    @Override
    protected String osArch() {
        return "aarch64";
    }
}
