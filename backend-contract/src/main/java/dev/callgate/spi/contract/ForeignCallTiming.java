package dev.callgate.spi.contract;

import dev.callgate.Policy;
import dev.callgate.internal.CallbackGate;
import dev.callgate.internal.GateSpec;
import dev.callgate.spi.OsBackend;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times one call through a gate over a backend, on a new thread that the gate takes for a foreign
 * one: what a backend author checks when the backend's write can block (a pipe whose reader
 * stopped, a stalled console). The gate's diagnostic channel must keep the call within its bound.
 */
public final class ForeignCallTiming {

    private ForeignCallTiming() {}

    /** A gate over {@code backend} whose thread rule takes every thread for a foreign one. */
    public static CallbackGate everyThreadForeign(OsBackend backend, Policy policy) {
        return GateSpec.named("timed").policy(policy).fallbackText("0").backend(backend).jvmEntry(os -> frame -> false)
                .gate();
    }

    /**
     * Nanoseconds one call of {@code gate} took on a new thread (enter, and exit if admitted).
     *
     * @throws AssertionError if the call has not returned after 10 s: the gate blocked on the write
     */
    public static long nanosForOneCall(CallbackGate gate) throws InterruptedException {
        AtomicLong took = new AtomicLong();
        Thread t = new Thread(() -> {
            long started = System.nanoTime();
            CallbackGate.Entry entry = gate.enter();
            if (entry != null) {
                gate.exit(entry);
            }
            took.set(System.nanoTime() - started);
        }, "timed-foreign-call");
        t.start();
        t.join(10_000);
        if (t.isAlive()) {
            throw new AssertionError("the call through gate " + gate.name() + " is still blocked after 10 s");
        }
        return took.get();
    }
}
