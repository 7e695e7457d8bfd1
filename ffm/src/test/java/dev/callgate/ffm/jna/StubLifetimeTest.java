package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.CallbackReference;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import dev.callgate.CallGate;
import dev.callgate.CallbackRoute;
import dev.callgate.GatedCallback;
import dev.callgate.fixtures.GLibThreadPool;
import dev.callgate.fixtures.LibC;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * An FFM stub lives as JNA's trampoline does: as long as {@code callback()} is reachable (or the
 * handle is open); native code calling a closed one gets the default; JNA maps the stub's address
 * back to {@code callback()}; once both are dropped the collector frees it.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class StubLifetimeTest {

    /** How many callbacks keep a stub now ({@code KeptStubs.size()}, package-private). */
    private static int keptStubs() throws Exception {
        Method size = Class.forName("dev.callgate.internal.KeptStubs").getDeclaredMethod("size");
        size.setAccessible(true);
        return (int) size.invoke(null);
    }

    /** Collects until {@code ref} is cleared; false if it is still set after about 10 s. */
    private static boolean collected(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ref.get() == null;
    }

    /** A struct with a function pointer field, which JNA reads back through {@code CallbackReference.getCallback}. */
    @Structure.FieldOrder({"compare"})
    public static class Holder extends Structure {
        public LibC.Comparator compare;

        public Holder() {}

        Holder(Pointer memory) {
            super(memory);
        }
    }

    @Test
    void jnaMapsTheStubsAddressBackToTheCallback() {
        try (GatedCallback<LibC.Comparator> gated = CallGate.builder(LibC.Comparator.class, Sorting.ASCENDING)
                .name("mapped-back").build()) {
            assertEquals(CallbackRoute.FFM, gated.route(), gated::routeReason);
            long address = Pointer.nativeValue(CallbackReference.getFunctionPointer(gated.callback()));
            assertSame(gated.callback(), CallbackReference.getCallback(LibC.Comparator.class, new Pointer(address)));
            Holder written = new Holder();
            written.compare = gated.callback();
            written.write(); // the stub's address in native memory, as a C struct of function pointers holds it
            Holder read = new Holder(written.getPointer());
            read.read();
            assertSame(gated.callback(), read.compare, "JNA reads the field back as callback()");
            assertEquals(address, Pointer.nativeValue(written.getPointer().getPointer(0)));
        }
    }

    @Test
    void aClosedCallbackStillAnswersNativeCodeWhileReachable() throws Exception {
        GatedCallback<LibC.Comparator> gated = CallGate.builder(LibC.Comparator.class, Sorting.ASCENDING)
                .name("closed-reachable").build();
        LibC.Comparator callback = gated.callback();
        gated.close();
        System.gc();
        assertArrayEquals(new int[] {3, 1, 2}, Sorting.sort(callback, 3, 1, 2), "every comparison got the default 0");
        assertTrue(gated.stats().callsAfterClose() > 0);
    }

    @Test
    void closedAndDroppedTheCollectorFreesTheStub() throws Exception {
        int before = keptStubs();
        WeakReference<LibC.Comparator> proxy = closedAndDropped(null);
        assertTrue(collected(proxy), "the proxy is collected once closed and dropped");
        for (int i = 0; i < 100 && keptStubs() > before; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertTrue(keptStubs() <= before, () -> "its stub is let go: " + before + " before");
    }

    @Test
    void closedAndDroppedWithAnApplicationInitializerTheCollectorFreesTheStub() throws Exception {
        WeakReference<LibC.Comparator> proxy = closedAndDropped(new CallbackThreadInitializer(true, false, "app-sorter"));
        assertTrue(collected(proxy), "the proxy is collected once closed and dropped, initializer or not");
    }

    /**
     * A body that refers to its own handle (here: to close itself) is collected too. The stub is a
     * GC root while its proxy lives, so it must not hold the body strongly: body, handle, proxy
     * would hold one another for ever.
     */
    @Test
    void aBodyThatRefersToItsOwnHandleIsCollectedOnceClosedAndDropped() throws Exception {
        assertTrue(collected(selfClosedAndDropped()), "a self-referring callback is collected once closed and dropped");
    }

    private static WeakReference<LibC.Comparator> selfClosedAndDropped() {
        AtomicReference<GatedCallback<LibC.Comparator>> self = new AtomicReference<>();
        LibC.Comparator body = (a, b) -> {
            self.get().close(); // closes itself from inside: the barrier leaves the calling body out
            return Sorting.ASCENDING.compare(a, b);
        };
        GatedCallback<LibC.Comparator> gated = CallGate.builder(LibC.Comparator.class, body).name("self").build();
        self.set(gated);
        assertEquals(CallbackRoute.FFM, gated.route(), gated::routeReason);
        Sorting.sort(gated.callback(), 3, 1, 2);
        assertFalse(gated.isOpen());
        return new WeakReference<>(gated.callback());
    }

    private static WeakReference<LibC.Comparator> closedAndDropped(CallbackThreadInitializer initializer) {
        GatedCallback.Builder<LibC.Comparator> builder = CallGate.builder(LibC.Comparator.class, Sorting.ASCENDING)
                .name("dropped");
        if (initializer != null) {
            builder.threadInitializer(initializer);
        }
        GatedCallback<LibC.Comparator> gated = builder.build();
        assertEquals(CallbackRoute.FFM, gated.route(), gated::routeReason);
        assertArrayEquals(new int[] {1, 2, 3}, Sorting.sort(gated.callback(), 3, 1, 2));
        gated.close();
        return new WeakReference<>(gated.callback());
    }

    @Test
    void anOpenHandleKeepsTheStubForNativeCodeThatKeptOnlyThePointer() throws Exception {
        CountDownLatch ran = new CountDownLatch(3);
        WeakReference<GLibThreadPool.GFunc> proxy;
        GLibThreadPool pool;
        {
            GatedCallback<GLibThreadPool.GFunc> gated = CallGate.builder(GLibThreadPool.GFunc.class,
                    (GLibThreadPool.GFunc) (d, u) -> ran.countDown()).name("pointer-only").policy(dev.callgate.Policy.ALLOW)
                    .build();
            assertEquals(CallbackRoute.FFM, gated.route(), gated::routeReason);
            proxy = new WeakReference<>(gated.callback());
            pool = GLibThreadPool.startKeepingOnlyThePointer(gated.callback(), 1);
        } // the application dropped its handle and callback without closing: native code still holds the pointer
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertNotNull(proxy.get(), "open: kept");
        try {
            for (int i = 1; i <= 3; i++) {
                pool.push(i);
            }
            assertTrue(ran.await(30, TimeUnit.SECONDS), "the stub still runs the body");
        } finally {
            pool.close();
        }
    }
}
