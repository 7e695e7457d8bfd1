package dev.callgate.os.plan9sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.NativeWrite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend's own behaviour beyond the contract: stderr is /dev/cons, error codes, the partial-write path, abort. */
class Plan9SimBackendTest {

    /** What the test's halt hook throws so that abort() does not return, as the real halt does not. */
    private static final class Halted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Halted() {
            super(null, null, false, false);
        }
    }

    private final CapturedConsole console = new CapturedConsole();
    private final Plan9Kernel kernel = Plan9Kernel.boot(console);
    private final Plan9Process process = kernel.spawn("java");
    private final List<Integer> halts = new ArrayList<>();
    private final Plan9SimBackend backend = new Plan9SimBackend(kernel, process, status -> {
        halts.add(status);
        throw new Halted();
    });

    @Test
    void stderrWritesTheLineToTheConsoleThroughFdTwo() {
        NativeMessage message = NativeMessage.encode("callgate: foreign thread in callback");
        assertTrue(backend.stderr().write(message));
        assertEquals("callgate: foreign thread in callback\n", console.text());
        assertEquals(2, backend.stderr().target());
        assertSame(backend.stderr(), backend.stderr(), "one stderr writer, so its counts add up");
    }

    @Test
    void stderrFollowsFdTwoWhenTheProcessRedirectsIt() {
        int log = process.create("/tmp/diag", OpenMode.OWRITE);
        process.dup(log, 2);
        assertTrue(backend.stderr().write(NativeMessage.encode("to the file")));
        assertEquals("to the file\n", Bytes.text(kernel.fileContents("/tmp/diag")));
        assertEquals("", console.text());
    }

    @Test
    void aContinuationWritesTheRestOfTheMessage() {
        NativeMessage message = NativeMessage.encode("0123456789");
        NativeWrite write = backend.nativeWrite();
        assertEquals(4, write.write(2, message, 0, 4));
        assertEquals(7, write.write(2, message, 4, 7));
        assertEquals("0123456789\n", console.text());
    }

    @Test
    void lastErrorIsTheCodeOfThisThreadsErrorString() {
        NativeWrite write = backend.nativeWrite();
        assertEquals(-1, write.write(55, NativeMessage.encode("x"), 0, 2));
        assertEquals(Plan9Error.BAD_FD.code(), write.lastError());
        assertEquals(-1, write.write(0, NativeMessage.encode("x"), 0, 2));
        assertEquals(Plan9Error.BAD_USE_OF_FD.code(), write.lastError());
        assertFalse(write.isInterrupted(write.lastError()));
    }

    @Test
    void targetsBeyondIntAreBadDescriptorsNotWrappedOnes() {
        NativeWrite write = backend.nativeWrite();
        assertEquals(-1, write.write((1L << 32) + 2, NativeMessage.encode("x"), 0, 2), "must not wrap to fd 2");
        assertEquals(Plan9Error.BAD_FD.code(), write.lastError());
        assertEquals("", console.text());
    }

    @Test
    void plan9sInterruptedErrorIsTheOneToRetry() {
        process.werrstr("interrupted");
        NativeWrite write = backend.nativeWrite();
        assertTrue(write.isInterrupted(write.lastError()));
    }

    @Test
    void threadIdIsTheSimulatedPidOfTheCallingProc() {
        assertEquals(process.getpid(), backend.currentNativeThreadId());
    }

    @Test
    void abortExitsTheSimulatedProcessThenHaltsWith134() {
        assertThrows(Halted.class, backend::abort);
        assertEquals("sys: abort", process.exitStatus());
        assertEquals(List.of(134), halts);
    }

    @Test
    void aHaltHookThatReturnsIsReportedNotSwallowed() {
        Plan9SimBackend lenient = new Plan9SimBackend(kernel, kernel.spawn("other"), halts::add);
        IllegalStateException e = assertThrows(IllegalStateException.class, lenient::abort);
        assertTrue(e.getMessage().contains("Runtime.halt"), e.getMessage());
    }

    @Test
    void aWriteAfterAbortFailsAndIsCounted() {
        assertThrows(Halted.class, backend::abort);
        assertFalse(backend.stderr().write(NativeMessage.encode("too late")));
        assertEquals(Plan9Error.PROCESS_EXITED.code(), backend.stderr().lastFailure());
    }

    @Test
    void aWholeMessageIsWrittenFromTheSharedBytesWithoutCopying() {
        // A console that records the array it was handed: the message's own heap copy, not a new one.
        List<byte[]> handed = new ArrayList<>();
        kernel.setConsole((buf, n) -> handed.add(buf));
        NativeMessage message = NativeMessage.encode("no copy");
        assertTrue(backend.stderr().write(message));
        assertSame(message.sharedBytes(), handed.get(0));
        assertArrayEquals("no copy\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), handed.get(0));
    }
}
