package dev.callgate.os.darwin;

import dev.callgate.spi.contract.PosixBackendRecordedTest;

/** What the macOS backend hands libSystem, checked against {@link RecordingLibSystem}. */
class DarwinBackendRecordedTest extends PosixBackendRecordedTest<RecordingLibSystem> {

    DarwinBackendRecordedTest() {
        super(RecordingLibSystem::new, DarwinBackend::new);
    }
}
