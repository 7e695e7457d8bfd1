package dev.callgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Java fallback's write, thread id and guard, in this JVM (its gating runs in NoOsModuleTest's child JVMs). */
class JavaFallbackBackendTest {

    private final JavaFallbackBackend backend = new JavaFallbackBackend();

    @Test
    void stderrWritesTheWholeLineToTheSystemErrInPlaceAtTheWrite() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertTrue(backend.stderr().write(NativeMessage.encode("callgate: through Java \u00e9t\u00e9")));
        } finally {
            System.setErr(saved);
        }
        assertEquals("callgate: through Java \u00e9t\u00e9\n", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStreamInErrorIsAFailedWriteWithEio() {
        PrintStream saved = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }
        }, true));
        try {
            DiagnosticWriter stderr = backend.stderr();
            assertFalse(stderr.write(NativeMessage.encode("lost")));
            assertEquals(JavaFallbackBackend.SystemStreamWrite.EIO, stderr.lastFailure());
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void aTargetOtherThanStdoutOrStderrFailsWithEbadf() {
        DiagnosticWriter elsewhere = backend.writerTo(7);
        assertFalse(elsewhere.write(NativeMessage.encode("nowhere")));
        assertEquals(JavaFallbackBackend.SystemStreamWrite.EBADF, elsewhere.lastFailure());
    }

    @Test
    void threadIdsArePositiveAndDifferPerThread() throws Exception {
        long here = backend.currentNativeThreadId();
        long[] there = new long[1];
        Thread other = new Thread(() -> there[0] = backend.currentNativeThreadId());
        other.start();
        other.join();
        assertTrue(here > 0 && there[0] > 0 && here != there[0], here + " vs " + there[0]);
    }

    @Test
    void thereIsNoExitGuardAndTheIdIsJava() {
        assertNull(backend.exitGuard());
        assertEquals("java", backend.id());
    }
}
