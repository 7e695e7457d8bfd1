package dev.callgate.os.freebsd;

import dev.callgate.spi.contract.PosixBackendRealContract;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The OS backend contract, for real: libc write(2) into real pipes, thr_self, on FreeBSD only.
 * Elsewhere it is skipped, and {@code FreeBsdBackendRecordedContractTest} runs the same contract
 * over a recorded fake.
 */
@EnabledOnOs(OS.FREEBSD)
class FreeBsdBackendContractTest extends PosixBackendRealContract {

    FreeBsdBackendContractTest() {
        super(new FreeBsdBackendProvider());
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
