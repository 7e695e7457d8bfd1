package dev.callgate.os.linux;

import dev.callgate.spi.contract.PosixBackendRealContract;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The OS backend contract, for real: libc write(2) into real pipes, gettid(), on this Linux. */
@EnabledOnOs(OS.LINUX)
class LinuxBackendContractTest extends PosixBackendRealContract {

    LinuxBackendContractTest() {
        super(new LinuxBackendProvider());
    }

    @Override
    protected String expectedId() {
        return "linux";
    }

    @Override
    protected List<String> servedOsNames() {
        return List.of("Linux");
    }

    @Override
    protected List<String> rejectedOsNames() {
        return List.of("SunOS", "Mac OS X", "FreeBSD", "Windows 11", "AIX");
    }
}
