package dev.callgate.it.host;

import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.GatedCallback;
import dev.callgate.fixtures.PosixThreads;
import dev.callgate.internal.Backends;
import dev.callgate.internal.ExitGuard;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@link EmbeddingHostTest}'s C host calls in the JVM it created: builds a gate, lets a
 * pthread call back (kept attached, callgate's default) and stay inside the body, alive, for good,
 * then prints the exit guard's status and returns to the host.
 */
public final class EmbeddedGateMain {

    private static GatedCallback<?> gated; // reachable until the VM is destroyed

    private EmbeddedGateMain() {}

    /** Called by the host with JNI's {@code CallStaticVoidMethod}. */
    public static void work() throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        GatedCallback<PosixThreads.StartRoutine> routine = CallGate.builder(PosixThreads.StartRoutine.class,
                (PosixThreads.StartRoutine) arg -> {
                    inside.countDown();
                    try {
                        Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // alive and attached when the host exits
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return arg;
                }).name("embedded-start").build();
        gated = routine;
        PosixThreads.start(routine.callback(), new Pointer(1));
        if (!inside.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the pthread never called back");
        }
        System.out.println("exit guard: " + ExitGuard.status(Backends.backend()));
        System.out.flush();
    }
}
