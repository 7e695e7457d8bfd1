package dev.callgate.os.linux;

import dev.callgate.spi.contract.PosixBackendAbortTest;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** For real, on Linux: the backend's abort() kills a child JVM with SIGABRT after its last line. */
@EnabledOnOs(OS.LINUX)
class LinuxBackendAbortTest extends PosixBackendAbortTest {

    LinuxBackendAbortTest() {
        super(LinuxBackendProvider.class);
    }
}
