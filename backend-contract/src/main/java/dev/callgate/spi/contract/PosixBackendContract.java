package dev.callgate.spi.contract;

import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.PosixBackend;
import dev.callgate.spi.PosixNativeWrite;
import java.util.OptionalInt;

/**
 * What the real and the recorded contract runs of a {@link PosixBackend} share: the backend, its
 * {@code write(2)} as the native write, and {@code EINTR} as the interrupted error.
 */
abstract class PosixBackendContract extends OsBackendContract {

    private final PosixBackend backend;

    PosixBackendContract(PosixBackend backend) {
        this.backend = backend;
    }

    @Override
    protected final OsBackend backend() {
        return backend;
    }

    @Override
    protected final NativeWrite nativeWrite() {
        return backend.nativeWrite();
    }

    @Override
    protected final OptionalInt interruptedError() {
        return OptionalInt.of(PosixNativeWrite.EINTR);
    }
}
