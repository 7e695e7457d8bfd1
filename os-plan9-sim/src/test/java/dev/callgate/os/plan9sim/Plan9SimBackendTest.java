package dev.callgate.os.plan9sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.NativeWrite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend beyond the contract: stderr is /dev/cons, error codes, the partial-write path, abort. */
class Plan9SimBackendTest {

    /** What the test's halt hook throws so that abort() does not return, as the real halt does not. */
    private static final class Halted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Halted() {
            super(null, null, false, false);
        }
    }

    private final CapturedSink console = new CapturedSink();
    private final Plan9Console cons = new Plan9Console(console);
    private final Plan9Process process = new Plan9Process(cons);
    private final List<Integer> halts = new ArrayList<>();
    private final Plan9SimBackend backend = new Plan9SimBackend(cons, process, status -> {
        halts.add(status);
        throw new Halted();
    });

    @Test
    void stderrWritesTheLineToTheConsoleThroughFdTwoAtTheCurrentOffset() {
        NativeMessage message = NativeMessage.encode("callgate: foreign thread in callback");
        assertTrue(backend.stderr().write(message));
        assertEquals("callgate: foreign thread in callback\n", console.text());
        assertEquals(2, backend.stderr().target());
        assertEquals(message.length(), process.offset(2), "pwrite at -1 advanced fd 2's offset");
        assertSame(backend.stderr(), backend.stderr(), "one stderr writer per backend");
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
    void aWholeMessageIsWrittenFromTheSharedBytesWithoutCopying() {
        List<byte[]> handed = new ArrayList<>();
        cons.setSink((buf, n) -> handed.add(buf));
        NativeMessage message = NativeMessage.encode("no copy");
        assertTrue(backend.stderr().write(message));
        assertSame(message.sharedBytes(), handed.get(0));
        assertArrayEquals("no copy\n".getBytes(StandardCharsets.UTF_8), handed.get(0));
    }

    @Test
    void lastErrorIsTheCodeOfThisThreadsErrorString() {
        NativeWrite write = backend.nativeWrite();
        assertEquals(-1, write.write(55, NativeMessage.encode("x"), 0, 2));
        assertEquals(Plan9SimBackend.BAD_FD, write.lastError());
        assertFalse(write.isInterrupted(write.lastError()));
        assertEquals(-1, write.write((1L << 32) + 2, NativeMessage.encode("x"), 0, 2), "must not wrap to fd 2");
        assertEquals("", console.text());
        process.werrstr(Plan9Process.EINTR);
        assertTrue(write.isInterrupted(write.lastError()), "Plan 9's interrupted is the one to retry");
        process.werrstr("my library is unhappy");
        assertEquals(Plan9SimBackend.OTHER, write.lastError());
    }

    @Test
    void aSinkThatFailsMakesTheWriteFailWithIoErrorAndGivesTheOffsetBack() {
        cons.setSink((buf, n) -> {
            throw new java.io.IOException("stderr is closed");
        });
        assertFalse(backend.stderr().write(NativeMessage.encode("lost")));
        assertEquals(Plan9SimBackend.IO_ERROR, backend.stderr().lastFailure());
        assertEquals(0, process.offset(2));
    }

    @Test
    void threadIdIsTheSimulatedPidOfTheCallingProc() throws Exception {
        long here = backend.currentNativeThreadId();
        assertEquals(process.getpid(), here);
        long[] there = new long[1];
        Thread other = new Thread(() -> there[0] = backend.currentNativeThreadId());
        other.start();
        other.join();
        assertTrue(here != 0 && there[0] != 0 && here != there[0]);
    }

    @Test
    void abortExitsTheSimulatedProcessThenHaltsWith134AndLaterWritesFail() {
        assertThrows(Halted.class, backend::abort);
        assertEquals("sys: abort", process.exitStatus());
        assertEquals(List.of(134), halts);
        assertFalse(backend.stderr().write(NativeMessage.encode("too late")));
        assertEquals(Plan9SimBackend.PROCESS_EXITED, backend.stderr().lastFailure());
    }

    @Test
    void aHaltHookThatReturnsIsReportedNotSwallowed() {
        Plan9SimBackend lenient = new Plan9SimBackend(cons, new Plan9Process(cons), halts::add);
        IllegalStateException e = assertThrows(IllegalStateException.class, lenient::abort);
        assertTrue(e.getMessage().contains("Runtime.halt"), e.getMessage());
    }

    @Test
    void onlyTheFirstExitsCountsAndItClosesTheDescriptors() {
        process.exits("first");
        process.exits("second");
        assertEquals("first", process.exitStatus());
        assertEquals(-1, process.dup(2));
        assertEquals(Plan9Process.EPROCDIED, process.errstr());
    }

    @Test
    void eachThreadHasItsOwnErrorString() throws Exception {
        process.close(9);
        assertEquals(Plan9Process.EBADFD, process.errstr());
        String[] seen = new String[2];
        Thread other = new Thread(() -> {
            seen[0] = process.errstr();
            process.werrstr("theirs");
            seen[1] = process.errstr();
        });
        other.start();
        other.join();
        assertEquals("", seen[0]);
        assertEquals("theirs", seen[1]);
        assertEquals(Plan9Process.EBADFD, process.errstr(), "the other thread's error did not touch ours");
    }
}
