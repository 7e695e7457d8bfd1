package dev.callgate.os.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.os.windows.RecordingKernel32.RecordedAbort;
import dev.callgate.os.windows.RecordingKernel32.WriteFileCall;
import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Windows backend hands kernel32, checked against {@link RecordingKernel32}. */
class WindowsBackendRecordedTest {

    private final RecordingKernel32 kernel32 = new RecordingKernel32();
    private final WindowsBackend backend = new WindowsBackend(kernel32);

    @Test
    void abortTerminatesTheProcessWithExitCodeThree() {
        assertThrows(RecordedAbort.class, backend::abort);
        assertEquals(List.of(3), kernel32.exitCodes());
    }

    @Test
    void stderrWritesToTheStandardErrorHandle() {
        NativeMessage message = NativeMessage.encode("callgate: to standard error");
        DiagnosticWriter stderr = backend.stderr();
        assertEquals(kernel32.standardErrorHandle(), stderr.target());
        assertTrue(stderr.write(message));
        assertArrayEquals(message.sharedBytes(), kernel32.written(kernel32.standardErrorHandle()));
    }

    @Test
    void aWriteToAnInvalidHandleKeepsErrorInvalidHandle() {
        DiagnosticWriter writer = backend.writerTo(RecordingKernel32.INVALID_HANDLE_VALUE);
        assertFalse(writer.write(NativeMessage.encode("callgate: lost")));
        assertEquals(RecordingKernel32.ERROR_INVALID_HANDLE, writer.lastFailure());
        assertEquals(1, kernel32.writeFileCalls().size(), "a failed WriteFile is not retried");
    }

    @Test
    void noErrorCodeCountsAsInterrupted() {
        for (int error : new int[] {4, RecordingKernel32.ERROR_INVALID_HANDLE, 995 /* ERROR_OPERATION_ABORTED */}) {
            assertFalse(backend.nativeWrite().isInterrupted(error), "error " + error);
        }
    }

    @Test
    void partialWritesContinueWithTheRestOfTheLine() {
        NativeMessage message = NativeMessage.encode("callgate: twenty-three"); // 23 bytes with the newline
        byte[] bytes = message.sharedBytes();
        kernel32.limitBytesPerCall(10);
        try (var sink = kernel32.openSink()) {
            long handle = sink.target();
            assertTrue(backend.writerTo(handle).write(message));
            List<WriteFileCall> calls = kernel32.writeFileCalls();
            assertEquals(3, calls.size());
            assertArrayEquals(bytes, calls.get(0).bytes());
            assertArrayEquals(Arrays.copyOfRange(bytes, 10, 23), calls.get(1).bytes());
            assertArrayEquals(Arrays.copyOfRange(bytes, 20, 23), calls.get(2).bytes());
            calls.forEach(call -> assertEquals(handle, call.handle()));
            // The message's own native memory, continued by offset: no copy for the rest of the line.
            assertEquals(List.of(message.address(), message.address() + 10, message.address() + 20),
                    calls.stream().map(WriteFileCall::address).toList());
            assertArrayEquals(bytes, sink.drain());
        }
    }

    /**
     * The backend's side of the write path allocates nothing: measured over a native layer that
     * takes every byte and does nothing else. (The JVM's allocation counter is read reflectively:
     * this module's descriptor does not read java.management.)
     */
    @Test
    void theWritePathAllocatesNothingOnTheJavaHeap() throws Exception {
        WindowsBackend.NativeLayer takesAll = new WindowsBackend.NativeLayer() {
            @Override
            public long standardErrorHandle() {
                return 0x10;
            }

            @Override
            public long writeFile(long handle, long address, int count) {
                return count;
            }

            @Override
            public int lastError() {
                return 0;
            }

            @Override
            public int currentThreadId() {
                return 4;
            }

            @Override
            public void terminateCurrentProcess(int exitCode) {
            }
        };
        DiagnosticWriter writer = new WindowsBackend(takesAll).stderr();
        NativeMessage message = NativeMessage.encode("callgate: counted, not kept");
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                .invoke(null);
        java.lang.reflect.Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getCurrentThreadAllocatedBytes");
        for (int i = 0; i < 20_000; i++) { // warm up, so that JIT compilation does not count
            writer.write(message);
        }
        long before = (Long) allocatedBytes.invoke(threads);
        for (int i = 0; i < 10_000; i++) {
            writer.write(message);
        }
        long allocated = (Long) allocatedBytes.invoke(threads) - before;
        assertTrue(allocated < 5_000, allocated + " bytes allocated by 10,000 writes");
    }

    @Test
    void threadIdsAreUnsignedDwords() {
        RecordingKernel32 highIds = new RecordingKernel32(0xFFFF_FF00);
        assertEquals(0xFFFF_FF00L, new WindowsBackend(highIds).currentNativeThreadId());
    }
}
