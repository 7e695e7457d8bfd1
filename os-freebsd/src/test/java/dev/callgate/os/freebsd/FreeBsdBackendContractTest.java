package dev.callgate.os.freebsd;

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
 * The OS backend contract, for real: libc write(2) into real pipes, thr_self, on FreeBSD only.
 * Elsewhere it is skipped, and {@code FreeBsdBackendRecordedContractTest} runs the same contract
 * over a recorded fake.
 */
@EnabledOnOs(OS.FREEBSD)
class FreeBsdBackendContractTest extends OsBackendContract {

    private final FreeBsdBackendProvider provider = new FreeBsdBackendProvider();
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
