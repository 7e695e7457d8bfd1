package dev.callgate.os.darwin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.os.darwin.RecordingLibSystem.RecordedAbort;
import dev.callgate.os.darwin.RecordingLibSystem.WriteCall;
import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the macOS backend hands libSystem, checked against {@link RecordingLibSystem}. */
class DarwinBackendRecordedTest {

    private final RecordingLibSystem libSystem = new RecordingLibSystem();
    private final DarwinBackend backend = new DarwinBackend(libSystem);

    @Test
    void abortCallsLibSystemAbortOnce() {
        assertThrows(RecordedAbort.class, backend::abort);
        assertEquals(1, libSystem.abortCalls());
    }

    @Test
    void stderrWritesToDescriptorTwo() {
        NativeMessage message = NativeMessage.encode("callgate: to standard error");
        DiagnosticWriter stderr = backend.stderr();
        assertEquals(2, stderr.target());
        assertTrue(stderr.write(message));
        assertArrayEquals(message.sharedBytes(), libSystem.written(2));
    }

    @Test
    void aWriteToAClosedDescriptorKeepsEbadf() {
        DiagnosticWriter writer = backend.writerTo(libSystem.unopenedDescriptor());
        assertFalse(writer.write(NativeMessage.encode("callgate: lost")));
        assertEquals(RecordingLibSystem.EBADF, writer.lastFailure());
    }

    @Test
    void partialWritesContinueAtTheNextAddressWithTheRestOfTheCount() {
        NativeMessage message = NativeMessage.encode("callgate: twenty-three"); // 23 bytes with the newline
        libSystem.limitBytesPerCall(10);
        try (var sink = libSystem.openSink()) {
            int fd = (int) sink.target();
            assertTrue(backend.writerTo(fd).write(message));
            long base = message.address();
            assertEquals(List.of(new WriteCall(fd, base, 23), new WriteCall(fd, base + 10, 13),
                    new WriteCall(fd, base + 20, 3)), libSystem.writeCalls());
            assertArrayEquals(message.sharedBytes(), sink.drain());
        }
    }
}
