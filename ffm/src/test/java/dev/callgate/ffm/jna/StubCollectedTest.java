package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.CallbackRoute;
import dev.callgate.GatedCallback;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * The FFM route's stub lives as long as {@code callback()}, not for ever: once the handle is closed
 * and nothing refers to the callback, the collector takes it (and the stub's arena with it), as it
 * takes a JNA callback and its trampoline. A reference from the gate back to the callback (the
 * foreign-thread naming) would keep it reachable from the stub, a GC root: one leak per callback.
 */
class StubCollectedTest {

    interface Cmp extends Callback {
        int invoke(Pointer a, Pointer b);
    }

    @Test
    void aClosedAndDroppedCallbackIsCollected() throws InterruptedException {
        assertNull(collectedWithin(made(null)));
    }

    @Test
    void aCallbackWithAnApplicationInitializerIsCollectedToo() throws InterruptedException {
        assertNull(collectedWithin(made(new CallbackThreadInitializer(true, false, "named"))));
    }

    private static WeakReference<Cmp> made(CallbackThreadInitializer initializer) {
        GatedCallback.Builder<Cmp> builder = CallGate.builder(Cmp.class, (a, b) -> 0);
        if (initializer != null) {
            builder.threadInitializer(initializer);
        }
        GatedCallback<Cmp> gate = builder.build();
        assertEquals(CallbackRoute.FFM, gate.route(), gate.routeReason());
        gate.close();
        return new WeakReference<>(gate.callback());
    }

    /** The referent after collections for up to 10 s (a loaded machine); null once collected. */
    private static Object collectedWithin(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ref.get();
    }
}
