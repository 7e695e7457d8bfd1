package dev.callgate.os.darwin;

import dev.callgate.spi.contract.PosixBackendAbortTest;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** For real, on macOS only: the backend's abort() kills a child JVM with SIGABRT after its last line. */
@EnabledOnOs(OS.MAC)
class DarwinBackendAbortTest extends PosixBackendAbortTest {

    DarwinBackendAbortTest() {
        super(DarwinBackendProvider.class);
    }
}
