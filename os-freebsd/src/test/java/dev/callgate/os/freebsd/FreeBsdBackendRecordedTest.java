package dev.callgate.os.freebsd;

import dev.callgate.spi.contract.PosixBackendRecordedTest;

/** What the FreeBSD backend hands libc, checked against {@link RecordingLibC}. */
class FreeBsdBackendRecordedTest extends PosixBackendRecordedTest<RecordingLibC> {

    FreeBsdBackendRecordedTest() {
        super(RecordingLibC::new, FreeBsdBackend::new);
    }
}
