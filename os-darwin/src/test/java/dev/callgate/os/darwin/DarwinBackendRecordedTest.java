package dev.callgate.os.darwin;

import dev.callgate.spi.contract.PosixBackendRecordedTest;

/** What the macOS backend hands libSystem, checked against the kit's {@code RecordingPosixLayer}. */
class DarwinBackendRecordedTest extends PosixBackendRecordedTest {

    DarwinBackendRecordedTest() {
        super(DarwinBackend::new);
    }
}
