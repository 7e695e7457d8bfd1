package dev.callgate.os.darwin;

import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PosixBackend;
import dev.callgate.spi.PosixNativeWrite;
import dev.callgate.spi.contract.OsBackendContract;
import dev.callgate.spi.contract.PosixPipeSink;
import dev.callgate.spi.contract.Sink;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The OS backend contract, for real: libSystem write(2) into real pipes, pthread_threadid_np, on
 * macOS only. Elsewhere it is skipped, and {@code DarwinBackendRecordedContractTest} runs the same
 * contract over a recorded fake.
 */
@EnabledOnOs(OS.MAC)
class DarwinBackendContractTest extends OsBackendContract {

    private final DarwinBackendProvider provider = new DarwinBackendProvider();
    private final PosixBackend backend = (PosixBackend) provider.create();

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
        return PosixPipeSink.open();
    }

    @Override
    protected long badTarget() {
        return PosixPipeSink.closedDescriptor(600);
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

    @Override
    protected OptionalInt interruptedError() {
        return OptionalInt.of(PosixNativeWrite.EINTR);
    }

    /** The architecture this JVM really runs on, not the kit's default. */
    @Override
    protected String osArch() {
        return System.getProperty("os.arch");
    }
}
