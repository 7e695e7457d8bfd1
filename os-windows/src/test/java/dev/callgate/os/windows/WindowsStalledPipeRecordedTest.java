package dev.callgate.os.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.Policy;
import dev.callgate.internal.DiagnosticChannel;
import dev.callgate.spi.contract.ForeignCallTiming;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aWarnCallReturnsWithinTheBound() throws Exception {
        kernel32.stall();
        long took = ForeignCallTiming.nanosForOneCall(ForeignCallTiming.everyThreadForeign(backend, Policy.WARN));
        assertTrue(took < LIMIT, "waited " + TimeUnit.NANOSECONDS.toMillis(took) + " ms on a blocked WriteFile");
    }

    @Test
    void abortStillTerminatesTheProcess() throws Exception {
        kernel32.stall();
        long took = ForeignCallTiming.nanosForOneCall(ForeignCallTiming.everyThreadForeign(backend, Policy.ABORT));
        assertTrue(took < LIMIT, "abort came after " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
        assertEquals(1, kernel32.exitCodes().size(), "TerminateProcess reached");
    }
}
