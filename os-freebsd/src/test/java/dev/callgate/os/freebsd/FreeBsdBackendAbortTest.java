package dev.callgate.os.freebsd;

import dev.callgate.spi.contract.PosixBackendAbortTest;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** For real, on FreeBSD only: the backend's abort() kills a child JVM with SIGABRT after its last line. */
@EnabledOnOs(OS.FREEBSD)
class FreeBsdBackendAbortTest extends PosixBackendAbortTest {

    FreeBsdBackendAbortTest() {
        super(FreeBsdBackendProvider.class);
    }
}
