package dev.callgate.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.CallbackStats;
import dev.callgate.Policy;
import dev.callgate.ffm.internal.FfmThreadOrigin;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Which threads the gate calls foreign, with real native callers: GLib's pool and raw pthreads are
 * foreign; qsort on the main thread, on a {@code new Thread} and on a virtual thread is not. And
 * what happens to a foreign thread: renamed and given a class loader, unless someone named it.
 */
class ForeignThreadTest {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    static final Set<String> NAMES = ConcurrentHashMap.newKeySet();
    static final AtomicReference<ClassLoader> LOADER = new AtomicReference<>();
    static final AtomicReference<String> NESTED_NAME = new AtomicReference<>();
    static volatile MethodHandle nestedCall;

    @Test
    void threadOriginRuleIsConfirmedOnThisJdk() throws Throwable {
        try (GatedUpcall up = comparator("origin-check")) {
            assertTrue(FfmCallGate.threadOriginStatus().startsWith("confirmed: "), FfmCallGate.threadOriginStatus());
            assertTrue(FfmCallGate.threadOriginStatus().endsWith("FfmThreadOrigin$Check.startRoutine)"),
                    FfmCallGate.threadOriginStatus());
            assertTrue(up.isOpen());
        }
    }

    @Test
    void glibWorkersAreForeignAndRenamedWithTheBuildersLoader() throws Throwable {
        NAMES.clear();
        MethodHandle target = LOOKUP.findStatic(ForeignThreadTest.class, "recordThread",
                MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class));
        try (GatedUpcall up = FfmCallGate.builder(target, GLibThreadPool.GFUNC).name("glib-origin").policy(Policy.ALLOW).build()) {
            try (GLibThreadPool pool = GLibThreadPool.start(up.stub(), 3)) {
                for (int i = 1; i <= 300; i++) {
                    pool.push(i);
                }
            }
            CallbackStats s = up.stats();
            assertEquals(300, s.calls());
            assertEquals(300, s.foreignCalls());
            assertTrue(s.foreignThreads() >= 1 && s.foreignThreads() <= 3, s::toString);
            assertEquals(s.foreignThreads(), NAMES.size(), NAMES::toString);
            for (String name : NAMES) {
                assertTrue(name.matches("callgate-foreign-\\d+"), name);
            }
            assertSame(ForeignThreadTest.class.getClassLoader(), LOADER.get());
        }
    }

    @Test
    void foreignThreadsGetTheLoaderOfTheClassThatCalledBuilder() throws Throwable {
        Class<?> plugin = PluginBuilder.loadedByItsOwnLoader();
        assertNotSame(ForeignThreadTest.class.getClassLoader(), plugin.getClassLoader());
        LOADER.set(null);
        MethodHandle target = LOOKUP.findStatic(ForeignThreadTest.class, "recordLoader", Natives.START_ROUTINE.toMethodType());
        Method build = plugin.getMethod("build", MethodHandle.class, FunctionDescriptor.class);
        try (GatedUpcall up = (GatedUpcall) build.invoke(null, target, Natives.START_ROUTINE)) {
            Natives.runOnNativeThread(up.stub(), MemorySegment.NULL); // a new thread: GLib may reuse adopted ones
            assertEquals(1, up.stats().foreignCalls(), up.stats()::toString);
            assertSame(plugin.getClassLoader(), LOADER.get(), "the plugin's loader, not callgate-ffm's");
        }
    }

    @Test
    void rawPthreadIsForeign() throws Throwable {
        MethodHandle target = LOOKUP.findStatic(ForeignThreadTest.class, "echo", Natives.START_ROUTINE.toMethodType());
        try (GatedUpcall up = FfmCallGate.builder(target, Natives.START_ROUTINE).name("pthread-origin")
                .policy(Policy.ALLOW).build()) {
            MemorySegment returned = Natives.runOnNativeThread(up.stub(), MemorySegment.ofAddress(7));
            assertEquals(7, returned.address());
            assertEquals(1, up.stats().foreignCalls());
            assertEquals(1, up.stats().foreignThreads());
        }
    }

    @Test
    void qsortOnMainNewThreadAndVirtualThreadIsNotForeign() throws Throwable {
        assertEquals("main", Thread.currentThread().getName(), "surefire runs tests on the main thread");
        try (GatedUpcall up = comparator("qsort-origin")) {
            sortWith(up); // the main thread
            Thread platform = new Thread(() -> sortUnchecked(up));
            platform.start();
            platform.join();
            Thread virtual = Thread.ofVirtual().start(() -> sortUnchecked(up));
            virtual.join();
            CallbackStats s = up.stats();
            assertTrue(s.calls() >= 3 * 4, s::toString);
            assertEquals(0, s.foreignCalls(), s::toString);
            assertEquals(0, s.diagnosticsWritten(), s::toString);
        }
    }

    @Test
    void aForeignThreadSomeoneNamedKeepsItsName() throws Throwable {
        // An ungated start routine names its thread, then calls a gated upcall on that same thread.
        MethodHandle target = LOOKUP.findStatic(ForeignThreadTest.class, "nestedName", Natives.START_ROUTINE.toMethodType());
        try (GatedUpcall gated = FfmCallGate.builder(target, Natives.START_ROUTINE).name("named").policy(Policy.ALLOW).build()) {
            nestedCall = Natives.LINKER.downcallHandle(gated.stub(), Natives.START_ROUTINE);
            MethodHandle starter = LOOKUP.findStatic(ForeignThreadTest.class, "nameThenCall", Natives.START_ROUTINE.toMethodType());
            try (var arena = java.lang.foreign.Arena.ofConfined()) {
                MemorySegment plainStub = Natives.LINKER.upcallStub(starter, Natives.START_ROUTINE, arena);
                Natives.runOnNativeThread(plainStub, MemorySegment.NULL);
            }
            assertEquals("named-by-the-application", NESTED_NAME.get());
            assertEquals(1, gated.stats().foreignCalls());
        }
    }

    private static GatedUpcall comparator(String name) throws ReflectiveOperationException {
        MethodHandle compare = LOOKUP.findStatic(ForeignThreadTest.class, "compare", Natives.COMPARATOR.toMethodType());
        return FfmCallGate.builder(compare, Natives.COMPARATOR).name(name).policy(Policy.WARN).build();
    }

    private static void sortWith(GatedUpcall up) throws Throwable {
        int[] ints = {5, 3, 9, 1, 7};
        Natives.qsort(ints, up.stub());
        assertEquals("[1, 3, 5, 7, 9]", Arrays.toString(ints));
    }

    private static void sortUnchecked(GatedUpcall up) {
        try {
            sortWith(up);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static int compare(MemorySegment a, MemorySegment b) {
        return Integer.compare(a.reinterpret(4).get(java.lang.foreign.ValueLayout.JAVA_INT, 0),
                b.reinterpret(4).get(java.lang.foreign.ValueLayout.JAVA_INT, 0));
    }

    private static void recordThread(MemorySegment data, MemorySegment user) {
        NAMES.add(Thread.currentThread().getName());
        LOADER.set(Thread.currentThread().getContextClassLoader());
    }

    private static MemorySegment recordLoader(MemorySegment arg) {
        LOADER.set(Thread.currentThread().getContextClassLoader());
        return arg;
    }

    private static MemorySegment echo(MemorySegment arg) {
        return arg;
    }

    private static MemorySegment nameThenCall(MemorySegment arg) {
        try {
            Thread.currentThread().setName("named-by-the-application");
            return (MemorySegment) nestedCall.invokeExact(arg);
        } catch (Throwable t) {
            return MemorySegment.NULL; // an ungated upcall must not throw
        }
    }

    private static MemorySegment nestedName(MemorySegment arg) {
        NESTED_NAME.set(Thread.currentThread().getName());
        return arg;
    }

    @Test
    void defaultNamesAreRecognised() {
        assertTrue(FfmThreadOrigin.isDefaultName("Thread-0"));
        assertTrue(FfmThreadOrigin.isDefaultName("Thread-123"));
        assertEquals(false, FfmThreadOrigin.isDefaultName("Thread-"));
        assertEquals(false, FfmThreadOrigin.isDefaultName("Thread-1a"));
        assertEquals(false, FfmThreadOrigin.isDefaultName("worker"));
    }
}
