package dev.callgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.jna.Callback;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * Native code may hold a callback's function pointer while Java holds nothing: callgate must keep
 * an open gated callback reachable itself, and let it go once closed and dropped.
 */
class GatedCallbackReachabilityRecordedTest {

    interface IntOp extends Callback {
        int apply(int a, int b);
    }

    private static final long COLLECT_TIMEOUT_MILLIS = 5_000;

    private final RecordingBackend os = new RecordingBackend();

    /** Weak references to a new open callback and its handle; no strong one outlives this method. */
    private WeakReference<?>[] buildAndDrop() {
        GatedCallback<IntOp> gate = CallGate.builder(IntOp.class, (IntOp) (a, b) -> a + b)
                .backend(os).diagnostics(os.stderr()).build();
        return new WeakReference<?>[] {new WeakReference<>(gate.callback()), new WeakReference<>(gate)};
    }

    @Test
    void anOpenCallbackSurvivesGarbageCollectionWithoutApplicationReferences() throws InterruptedException {
        WeakReference<?>[] refs = buildAndDrop();
        @SuppressWarnings("unchecked")
        WeakReference<IntOp> callback = (WeakReference<IntOp>) refs[0];
        @SuppressWarnings("unchecked")
        WeakReference<GatedCallback<IntOp>> handle = (WeakReference<GatedCallback<IntOp>>) refs[1];

        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertNotNull(callback.get(), "an open gated callback was collected while native code may still call it");
        assertEquals(7, callback.get().apply(3, 4));
        assertNotNull(handle.get(), "the handle, which closes it, must stay reachable too");
        handle.get().close(); // leave nothing open for the rest of the run
    }

    @Test
    void aClosedAndDroppedCallbackCanBeCollected() throws InterruptedException {
        WeakReference<?>[] refs = buildAndDrop();
        GatedCallback<?> handle = (GatedCallback<?>) refs[1].get();
        assertNotNull(handle, "still open, so still reachable");
        handle.close();
        handle = null; // drop the last strong reference before collecting

        long deadline = System.nanoTime() + COLLECT_TIMEOUT_MILLIS * 1_000_000;
        while (refs[0].get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }

        assertNull(refs[0].get(), "a closed callback with no references left was not collected within "
                + COLLECT_TIMEOUT_MILLIS + " ms: something in callgate still holds it");
        assertNull(refs[1].get(), "the closed handle was not collected");
    }

    @Test
    void totalsCountCallsMadeAfterTheHandleWasDroppedAndAfterTheCallbackWasCollected()
            throws InterruptedException {
        CallbackStats before = CallGate.totals();
        GatedCallback<IntOp> gate = CallGate.builder(IntOp.class, (IntOp) (a, b) -> a + b)
                .backend(os).diagnostics(os.stderr()).build();
        IntOp callback = gate.callback();
        callback.apply(1, 2);
        gate.close();
        WeakReference<GatedCallback<IntOp>> handle = new WeakReference<>(gate);
        gate = null; // native code may keep calling a closed callback whose handle the application dropped
        awaitCollected(handle, "the dropped handle");
        Thread.sleep(100); // let the cleaner thread act, were anything registered on the handle

        for (int i = 0; i < 4; i++) {
            callback.apply(i, i);
        }
        assertEquals(5, CallGate.totals().calls() - before.calls(), "calls after the handle was dropped still count");

        WeakReference<IntOp> collected = new WeakReference<>(callback);
        callback = null;
        awaitCollected(collected, "the closed callback");
        Thread.sleep(100);
        CallbackStats after = CallGate.totals();
        assertEquals(5, after.calls() - before.calls(), "a collected callback's calls stay in the totals");
        assertEquals(4, after.callsAfterClose() - before.callsAfterClose());
    }

    private static void awaitCollected(WeakReference<?> ref, String what) throws InterruptedException {
        long deadline = System.nanoTime() + COLLECT_TIMEOUT_MILLIS * 1_000_000;
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(ref.get(), what + " was not collected within " + COLLECT_TIMEOUT_MILLIS + " ms");
    }
}
