package dev.callgate.spi;

import com.sun.jna.Pointer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared write loop over a scripted {@link NativeWrite} that plays back results step by step. */
class DiagnosticWriterRecordedTest {

    private static final int EINTR = 4;
    private static final int EBADF = 9;
    private static final int EPIPE = 32;
    private static final long TARGET = 2;

    private final NativeMessage line = NativeMessage.encode("callgate: a scripted line");

    @Test
    void aWholeWriteIsReportedWritten() {
        ScriptedWrite os = new ScriptedWrite().accept(line.length());
        DiagnosticWriter writer = new DiagnosticWriter(os, TARGET);

        assertTrue(writer.write(line));

        assertArrayEquals(line.sharedBytes(), os.received());
        assertEquals(List.of("write(2, 0, " + line.length() + ")"), os.calls);
        assertEquals(0, writer.lastFailure());
        assertEquals(TARGET, writer.target());
    }

    @Test
    void partialWritesContinueWhereTheyStopped() {
        ScriptedWrite os = new ScriptedWrite().accept(5).accept(1).accept(line.length());
        DiagnosticWriter writer = new DiagnosticWriter(os, TARGET);

        assertTrue(writer.write(line));

        assertArrayEquals(line.sharedBytes(), os.received());
        int n = line.length();
        assertEquals(List.of("write(2, 0, " + n + ")", "write(2, 5, " + (n - 5) + ")", "write(2, 6, " + (n - 6) + ")"),
                os.calls);
    }

    @Test
    void interruptedCallsAreRetried() {
        ScriptedWrite os = new ScriptedWrite().fail(EINTR).accept(7).fail(EINTR).fail(EINTR).accept(line.length());
        DiagnosticWriter writer = new DiagnosticWriter(os, TARGET);

        assertTrue(writer.write(line));

        assertArrayEquals(line.sharedBytes(), os.received());
        assertEquals(5, os.calls.size());
    }

    @Test
    void endlessInterruptionGivesUpAfterTheRetryLimit() {
        ScriptedWrite os = new ScriptedWrite().failForever(EINTR);
        DiagnosticWriter writer = new DiagnosticWriter(os, TARGET);

        assertFalse(writer.write(line));

        assertEquals(DiagnosticWriter.MAX_INTERRUPTED_RETRIES + 1, os.calls.size());
        assertEquals(EINTR, writer.lastFailure());
    }

    @Test
    void anotherErrorFailsAtOnceAndIsRemembered() {
        ScriptedWrite os = new ScriptedWrite().accept(3).fail(EPIPE).accept(line.length());
        DiagnosticWriter writer = new DiagnosticWriter(os, TARGET);

        assertFalse(writer.write(line));

        assertEquals(2, os.calls.size(), "no retry after EPIPE");
        assertEquals(EPIPE, writer.lastFailure());
    }

    @Test
    void lastFailureIsTheMostRecent() {
        ScriptedWrite os = new ScriptedWrite().fail(EBADF).accept(line.length()).fail(EPIPE);
        DiagnosticWriter writer = new DiagnosticWriter(os, TARGET);

        assertFalse(writer.write(line));
        assertEquals(EBADF, writer.lastFailure());
        assertTrue(writer.write(line));
        assertFalse(writer.write(line));

        assertEquals(EPIPE, writer.lastFailure());
    }

    @Test
    void aSinkThatTakesNothingIsGivenUpOn() {
        ScriptedWrite os = new ScriptedWrite().acceptForever(0);
        DiagnosticWriter writer = new DiagnosticWriter(os, TARGET);

        assertFalse(writer.write(line));

        assertEquals(DiagnosticWriter.MAX_STALLED_CALLS, os.calls.size());
        assertEquals(0, writer.lastFailure(), "a stalled sink reports error 0");
    }

    @Test
    void progressResetsTheStallCount() {
        ScriptedWrite os = new ScriptedWrite();
        for (int i = 0; i < DiagnosticWriter.MAX_STALLED_CALLS - 1; i++) {
            os.accept(0);
        }
        os.accept(1);
        for (int i = 0; i < DiagnosticWriter.MAX_STALLED_CALLS - 1; i++) {
            os.accept(0);
        }
        os.accept(line.length());
        DiagnosticWriter writer = new DiagnosticWriter(os, TARGET);

        assertTrue(writer.write(line));

        assertArrayEquals(line.sharedBytes(), os.received());
    }

    @Test
    void aThrowingNativeLayerNeverPropagates() {
        NativeWrite throwing = new ScriptedWrite() {
            @Override
            public long write(long target, NativeMessage message, int offset, int count) {
                throw new IllegalStateException("JNA could not marshal the call");
            }
        };
        DiagnosticWriter writer = new DiagnosticWriter(throwing, TARGET);

        boolean written = assertDoesNotThrow(() -> writer.write(line));

        assertFalse(written);
        assertEquals(-1, writer.lastFailure());
    }

    @Test
    void anErrorFromTheNativeLayerNeverPropagatesEither() {
        NativeWrite linkError = new ScriptedWrite().fail(EINTR).throwOnLastError(new UnsatisfiedLinkError("write"));
        DiagnosticWriter writer = new DiagnosticWriter(linkError, TARGET);

        boolean written = assertDoesNotThrow(() -> writer.write(line));

        assertFalse(written);
        assertEquals(-1, writer.lastFailure());
    }

    @Test
    void aNullMessageIsAFailureNotAnException() {
        DiagnosticWriter writer = new DiagnosticWriter(new ScriptedWrite(), TARGET);

        assertFalse(assertDoesNotThrow(() -> writer.write(null)));
    }

    @Test
    void aMissingNativeWriteIsRejectedAtConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiagnosticWriter(null, TARGET));

        assertTrue(e.getMessage().contains("NativeWrite"), e.getMessage());
    }

    /**
     * Plays back one scripted result per call: accept n bytes (at most what was asked) or fail
     * with an error code, recording each call and the bytes it took from native memory.
     */
    private static class ScriptedWrite implements NativeWrite {
        final List<String> calls = new ArrayList<>();
        private final Deque<long[]> script = new ArrayDeque<>(); // {bytes or -1, error}
        private final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        private long[] forever;
        private int pendingError;
        private Error lastErrorThrows;

        ScriptedWrite accept(int bytes) {
            script.add(new long[] {bytes, 0});
            return this;
        }

        ScriptedWrite fail(int error) {
            script.add(new long[] {-1, error});
            return this;
        }

        ScriptedWrite acceptForever(int bytes) {
            forever = new long[] {bytes, 0};
            return this;
        }

        ScriptedWrite failForever(int error) {
            forever = new long[] {-1, error};
            return this;
        }

        ScriptedWrite throwOnLastError(Error error) {
            lastErrorThrows = error;
            return this;
        }

        byte[] received() {
            return taken.toByteArray();
        }

        @Override
        public long write(long target, NativeMessage message, int offset, int count) {
            calls.add("write(" + target + ", " + offset + ", " + count + ")");
            long[] step = script.isEmpty() ? forever : script.poll();
            if (step == null) {
                throw new AssertionError("the loop made more calls than scripted: " + calls);
            }
            if (step[0] < 0) {
                pendingError = (int) step[1];
                return -1;
            }
            int n = (int) Math.min(step[0], count);
            taken.write(new Pointer(message.address()).getByteArray(offset, n), 0, n);
            return n;
        }

        @Override
        public int lastError() {
            if (lastErrorThrows != null) {
                throw lastErrorThrows;
            }
            return pendingError;
        }

        @Override
        public boolean isInterrupted(int error) {
            return error == EINTR;
        }
    }
}
