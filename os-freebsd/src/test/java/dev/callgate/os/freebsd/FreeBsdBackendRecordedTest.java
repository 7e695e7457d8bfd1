package dev.callgate.os.freebsd;

import dev.callgate.spi.contract.PosixBackendRecordedTest;

/** What the FreeBSD backend hands libc, checked against the kit's {@code RecordingPosixLayer}. */
class FreeBsdBackendRecordedTest extends PosixBackendRecordedTest {

    FreeBsdBackendRecordedTest() {
        super(FreeBsdBackend::new);
    }
}
