package dev.callgate.os.freebsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.os.freebsd.RecordingLibC.RecordedAbort;
import dev.callgate.os.freebsd.RecordingLibC.WriteCall;
import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the FreeBSD backend hands libc, checked against {@link RecordingLibC}. */
class FreeBsdBackendRecordedTest {

    private final RecordingLibC libc = new RecordingLibC();
    private final FreeBsdBackend backend = new FreeBsdBackend(libc);

    @Test
    void abortCallsLibcAbortOnce() {
        assertThrows(RecordedAbort.class, backend::abort);
        assertEquals(1, libc.abortCalls());
    }

    @Test
    void stderrWritesToDescriptorTwo() {
        NativeMessage message = NativeMessage.encode("callgate: to standard error");
        DiagnosticWriter stderr = backend.stderr();
        assertEquals(2, stderr.target());
        assertTrue(stderr.write(message));
        assertArrayEquals(message.sharedBytes(), libc.written(2));
    }

    @Test
    void aWriteToAClosedDescriptorKeepsEbadf() {
        DiagnosticWriter writer = backend.writerTo(libc.unopenedDescriptor());
        assertFalse(writer.write(NativeMessage.encode("callgate: lost")));
        assertEquals(RecordingLibC.EBADF, writer.lastFailure());
    }

    @Test
    void partialWritesContinueAtTheNextAddressWithTheRestOfTheCount() {
        NativeMessage message = NativeMessage.encode("callgate: twenty-three"); // 23 bytes with the newline
        libc.limitBytesPerCall(10);
        try (var sink = libc.openSink()) {
            int fd = (int) sink.target();
            assertTrue(backend.writerTo(fd).write(message));
            long base = message.address();
            assertEquals(List.of(new WriteCall(fd, base, 23), new WriteCall(fd, base + 10, 13),
                    new WriteCall(fd, base + 20, 3)), libc.writeCalls());
            assertArrayEquals(message.sharedBytes(), sink.drain());
        }
    }
}
