package dev.callgate.os.linux;

import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.contract.OsBackendContract;
import dev.callgate.spi.contract.Sink;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The OS backend contract, for real: libc write(2) into real pipes, gettid(), on this Linux. */
@EnabledOnOs(OS.LINUX)
class LinuxBackendContractTest extends OsBackendContract {

    private final LinuxBackendProvider provider = new LinuxBackendProvider();
    private final LinuxBackend backend = (LinuxBackend) provider.create();

    @Override
    protected OsBackendProvider provider() {
        return provider;
    }

    @Override
    protected OsBackend backend() {
        return backend;
    }

    @Override
    protected NativeWrite nativeWrite() {
        return backend.nativeWrite();
    }

    @Override
    protected Sink openSink() {
        return PipeSink.open();
    }

    @Override
    protected long badTarget() {
        return TestLibC.closedDescriptor(600);
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

    @Override
    protected OptionalInt interruptedError() {
        return OptionalInt.of(TestLibC.EINTR);
    }

    /** The architecture this JVM really runs on, not the kit's default. */
    @Override
    protected String osArch() {
        return System.getProperty("os.arch");
    }
}
