package dev.callgate.os.plan9sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.Policy;
import dev.callgate.internal.CallbackGate;
import dev.callgate.internal.DiagnosticChannel;
import dev.callgate.spi.contract.ForeignCallTiming;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate over the simulated kernel when {@code /dev/cons} stalls (a pwrite that blocks until
 * released): a callback never waits longer than the bound, and ABORT still ends the (simulated)
 * process. A gate whose thread rule accepts nothing takes the test's new thread for a foreign one.
 */
class Plan9StalledConsoleGateTest {

    private final Plan9Console console = new Plan9Console(new CapturedSink());
    private final AtomicInteger halts = new AtomicInteger();
    private final Plan9SimBackend backend = new Plan9SimBackend(console, new Plan9Process(console), status -> {
        halts.incrementAndGet();
        throw new IllegalStateException("recorded halt " + status);
    });
    private static final long BOUND = DiagnosticChannel.shared().timeoutNanos();
    private static final long SLACK = TimeUnit.MILLISECONDS.toNanos(100);

    @AfterEach
    void release() {
        console.release();
    }

    @Test
    void aWarnCallReturnsWithinTheBoundAndTheLineIsCountedDropped() throws Exception {
        console.stall();
        CallbackGate gate = ForeignCallTiming.everyThreadForeign(backend, Policy.WARN);
        for (int i = 0; i < 3; i++) {
            long took = ForeignCallTiming.nanosForOneCall(gate);
            assertTrue(took < BOUND + SLACK, "waited " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
        }
        assertEquals(3, gate.stats().diagnosticsDropped());
    }

    @Test
    void abortEndsTheProcessWithinTheBoundOnAStalledConsole() throws Exception {
        console.stall();
        long took = ForeignCallTiming.nanosForOneCall(ForeignCallTiming.everyThreadForeign(backend, Policy.ABORT));
        assertEquals(1, halts.get(), "halt(134) reached");
        assertTrue(took < BOUND + SLACK, "abort came after " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
    }
}
