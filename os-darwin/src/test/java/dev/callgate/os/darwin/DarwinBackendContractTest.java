package dev.callgate.os.darwin;

import dev.callgate.spi.contract.PosixBackendRealContract;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The OS backend contract, for real: libSystem write(2) into real pipes, pthread_threadid_np, on
 * macOS only. Elsewhere it is skipped, and {@code DarwinBackendRecordedContractTest} runs the same
 * contract over a recorded fake.
 */
@EnabledOnOs(OS.MAC)
class DarwinBackendContractTest extends PosixBackendRealContract {

    DarwinBackendContractTest() {
        super(new DarwinBackendProvider());
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
}
