package dev.callgate.spi.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.PosixBackend;
import dev.callgate.spi.contract.RecordingPosixLayer.RecordedAbort;
import dev.callgate.spi.contract.RecordingPosixLayer.WriteCall;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What a {@link PosixBackend} hands its C library, checked against a {@link RecordingPosixLayer}
 * rather than the OS: which descriptor, address and count each {@code write(2)} gets, and that
 * {@code abort(3)} is called. An OS module extends this class once, naming its backend's
 * constructor.
 */
public abstract class PosixBackendRecordedTest {

    private final RecordingPosixLayer layer = new RecordingPosixLayer();
    private final PosixBackend backend;

    /** @param backendOver the OS's backend constructor, given a fresh recording layer for each test */
    protected PosixBackendRecordedTest(Function<PosixBackend.NativeLayer, ? extends PosixBackend> backendOver) {
        this.backend = backendOver.apply(layer);
    }

    @Test
    void abortCallsTheNativeAbortOnce() {
        assertThrows(RecordedAbort.class, backend::abort);
        assertEquals(1, layer.abortCalls());
    }

    @Test
    void stderrWritesToDescriptorTwo() {
        NativeMessage message = NativeMessage.encode("callgate: to standard error");
        DiagnosticWriter stderr = backend.stderr();
        assertEquals(2, stderr.target());
        assertTrue(stderr.write(message));
        assertArrayEquals(message.sharedBytes(), layer.written(2));
    }

    @Test
    void aWriteToAClosedDescriptorKeepsEbadf() {
        DiagnosticWriter writer = backend.writerTo(layer.unopenedDescriptor());
        assertFalse(writer.write(NativeMessage.encode("callgate: lost")));
        assertEquals(RecordingPosixLayer.EBADF, writer.lastFailure());
    }

    @Test
    void partialWritesContinueAtTheNextAddressWithTheRestOfTheCount() {
        NativeMessage message = NativeMessage.encode("callgate: twenty-three"); // 23 bytes with the newline
        layer.limitBytesPerCall(10);
        try (var sink = layer.openSink()) {
            int fd = (int) sink.target();
            assertTrue(backend.writerTo(fd).write(message));
            long base = message.address();
            assertEquals(List.of(new WriteCall(fd, base, 23), new WriteCall(fd, base + 10, 13),
                    new WriteCall(fd, base + 20, 3)), layer.writeCalls());
            assertArrayEquals(message.sharedBytes(), sink.drain());
        }
    }
}
