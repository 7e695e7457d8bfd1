package dev.callgate.os.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.Attachment;
import dev.callgate.ExceptionReporting;
import dev.callgate.Policy;
import dev.callgate.internal.CallbackGate;
import dev.callgate.internal.DiagnosticChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code WriteFile} to a pipe whose reader stopped reading blocks, like {@code write(2)}. Checked
 * here only against the recording fake of kernel32, made to block: the gate's callback thread
 * waits no longer than the bound, because the native write is made by callgate's writer thread,
 * and ABORT reaches {@code TerminateProcess} all the same.
 */
class WindowsStalledPipeRecordedTest {

    private final RecordingKernel32 kernel32 = new RecordingKernel32();
    private final WindowsBackend backend = new WindowsBackend(kernel32);
    private static final long LIMIT = DiagnosticChannel.shared().timeoutNanos() + TimeUnit.MILLISECONDS.toNanos(100);

    @AfterEach
    void release() {
        kernel32.release();
    }

    private long timeOneCallOnAnotherThread(Policy policy) throws InterruptedException {
        CallbackGate gate = new CallbackGate("pipe", policy, Attachment.KEEP_ATTACHED, ExceptionReporting.ONCE_PER_CLASS,
                "0", backend, backend.stderr(), frame -> false);
        AtomicLong took = new AtomicLong();
        Thread t = new Thread(() -> {
            long started = System.nanoTime();
            CallbackGate.Entry entry = gate.enter();
            if (entry != null) {
                gate.exit(entry);
            }
            took.set(System.nanoTime() - started);
        });
        t.start();
        t.join(10_000);
        return took.get();
    }

    @Test
    void aWarnCallReturnsWithinTheBound() throws Exception {
        kernel32.stall();
        long took = timeOneCallOnAnotherThread(Policy.WARN);
        assertTrue(took < LIMIT, "waited " + TimeUnit.NANOSECONDS.toMillis(took) + " ms on a blocked WriteFile");
    }

    @Test
    void abortStillTerminatesTheProcess() throws Exception {
        kernel32.stall();
        long took = timeOneCallOnAnotherThread(Policy.ABORT);
        assertTrue(took < LIMIT, "abort came after " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
        assertEquals(1, kernel32.exitCodes().size(), "TerminateProcess reached");
    }
}
