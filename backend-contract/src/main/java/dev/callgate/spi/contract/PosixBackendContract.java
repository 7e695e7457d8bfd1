package dev.callgate.spi.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.PosixBackend;
import dev.callgate.spi.PosixNativeWrite;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

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
    protected final PosixBackend backend() {
        return backend;
    }

    /** A descriptor is a C {@code int}: a target past its range fails, and never wraps to another descriptor. */
    @Test
    void aTargetBeyondTheIntRangeFailsInsteadOfWrappingToAnotherDescriptor() throws Exception {
        try (Sink sink = openSink()) {
            DiagnosticWriter wrapped = backend().writerTo(sink.target() + (1L << 32));
            assertFalse(wrapped.write(NativeMessage.encode("callgate: not for this descriptor")));
            assertNotEquals(0, wrapped.lastFailure(), "the OS error code is kept");
            assertEquals(0, sink.drain().length, "nothing reached the descriptor the low 32 bits name");
        }
    }

    @Override
    protected final OptionalInt interruptedError() {
        return OptionalInt.of(PosixNativeWrite.EINTR);
    }
}
