package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.callgate.Attachment;
import dev.callgate.CallGate;
import dev.callgate.CallbackGroup;
import dev.callgate.CallbackRoute;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.LibC;
import dev.callgate.fixtures.PosixThreads;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Callbacks the FFM route cannot serve as JNA does take JNA's route: {@code route()} says JNA,
 * {@code routeReason()} says why, exactly one line says so when the callback is made, and native
 * code still reaches the body. A callback the application itself put on JNA's route gets no line.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class FallbackRouteTest {

    private final RecordedLines lines = new RecordedLines();

    /** The one line, naming the callback and the reason. */
    private void assertOneRouteLine(GatedCallback<?> gated, String reasonPart) {
        assertEquals(CallbackRoute.JNA, gated.route(), gated::routeReason);
        assertTrue(gated.routeReason().contains(reasonPart), gated::routeReason);
        List<String> written = lines.lines();
        assertEquals(1, written.size(), () -> "exactly one line: " + written);
        assertEquals("callgate: callback " + gated.name() + " takes JNA's route, not the FFM upcall route: "
                + gated.routeReason() + ". It works there, only slower; -Dcallgate.route=jna (or"
                + " route(CallbackRoute.JNA), or the agent's option route=jna) chooses JNA's route without this line",
                written.get(0));
    }

    private static Memory ints(int... values) {
        Memory memory = new Memory((long) Integer.BYTES * values.length);
        memory.write(0, values, 0, values.length);
        return memory;
    }

    @Test
    void aLibraryTypeMapperKeepsJnasRoute() throws Exception {
        FallbackCallers.Mapped mapped = FallbackCallers.load(FallbackCallers.Mapped.class, FallbackCallers.Mapped.OPTIONS);
        FallbackCallers.Mapped.OrderComparator body = (a, b) -> FallbackCallers.Order.of(Integer.compare(a.getInt(0),
                b.getInt(0)));
        try (GatedCallback<FallbackCallers.Mapped.OrderComparator> gated = lines.build(CallGate.builder(
                FallbackCallers.Mapped.OrderComparator.class, body).name("mapped-order"))) {
            assertOneRouteLine(gated, "TypeMapper");
            Memory values = ints(3, 1, 2);
            mapped.fallback_sort(values, 3, Integer.BYTES, gated.callback());
            assertArrayEquals(new int[] {1, 2, 3}, values.getIntArray(0, 3));
            assertEquals(1, lines.lines().size(), "no more lines for calls");
        }
    }

    @Test
    void aNativeMappedTypeKeepsJnasRoute() throws Exception {
        FallbackCallers.Plain plain = FallbackCallers.load(FallbackCallers.Plain.class, java.util.Map.of());
        FallbackCallers.Plain.SignComparator body = (a, b) -> new FallbackCallers.Sign(Integer.compare(a.getInt(0), b.getInt(0)));
        try (GatedCallback<FallbackCallers.Plain.SignComparator> gated = lines.build(CallGate.builder(
                FallbackCallers.Plain.SignComparator.class, body).name("native-mapped"))) {
            assertOneRouteLine(gated, "NativeMapped");
            Memory values = ints(5, 4, 9, 1);
            plain.fallback_sort(values, 4, Integer.BYTES, gated.callback());
            assertArrayEquals(new int[] {1, 4, 5, 9}, values.getIntArray(0, 4));
        }
    }

    @Test
    void aStructureByValueArgumentKeepsJnasRoute() throws Exception {
        FallbackCallers.Plain plain = FallbackCallers.load(FallbackCallers.Plain.class, java.util.Map.of());
        FallbackCallers.Plain.PairArgument body = pair -> pair.a * 10 + pair.b;
        try (GatedCallback<FallbackCallers.Plain.PairArgument> gated = lines.build(CallGate.builder(
                FallbackCallers.Plain.PairArgument.class, body).name("pair-argument"))) {
            assertOneRouteLine(gated, "Structure.ByValue");
            assertTrue(gated.routeReason().startsWith("argument 1 of invoke"), gated::routeReason);
            assertEquals(47, plain.fallback_pair_argument(gated.callback(), 4, 7));
        }
    }

    @Test
    void aStructureByValueResultKeepsJnasRoute() throws Exception {
        FallbackCallers.Plain plain = FallbackCallers.load(FallbackCallers.Plain.class, java.util.Map.of());
        FallbackCallers.Plain.PairResult body = x -> {
            FallbackCallers.Pair.ByValue pair = new FallbackCallers.Pair.ByValue();
            pair.a = x;
            pair.b = x + 1;
            pair.write(); // JNA copies a returned structure's native memory, as it is
            return pair;
        };
        try (GatedCallback<FallbackCallers.Plain.PairResult> gated = lines.build(CallGate.builder(
                FallbackCallers.Plain.PairResult.class, body).name("pair-result"))) {
            assertOneRouteLine(gated, "Structure.ByValue");
            assertTrue(gated.routeReason().startsWith("invoke returns"), gated::routeReason);
            assertEquals(6007, plain.fallback_pair_result(gated.callback(), 6));
        }
    }

    @Test
    void varargsKeepJnasRoute() throws Exception {
        FallbackCallers.Mapped mapped = FallbackCallers.load(FallbackCallers.Mapped.class, FallbackCallers.Mapped.OPTIONS);
        AtomicReference<Object[]> rest = new AtomicReference<>();
        FallbackCallers.Mapped.Variadic body = (count, more) -> {
            rest.set(more);
            return count * 100 + (Integer) more[0];
        };
        try (GatedCallback<FallbackCallers.Mapped.Variadic> gated = lines.build(CallGate.builder(
                FallbackCallers.Mapped.Variadic.class, body).name("variadic"))) {
            assertOneRouteLine(gated, "varargs");
            assertEquals(123, mapped.fallback_variadic(gated.callback(), 23));
            assertArrayEquals(new Object[] {23}, rest.get());
        }
    }

    /** What the body saw of its thread (a terminated thread has no group any more). */
    record Seen(String name, String group, boolean daemon) {
        static Seen current() {
            Thread t = Thread.currentThread();
            return new Seen(t.getName(), t.getThreadGroup().getName(), t.isDaemon());
        }
    }

    /** Runs the callback on a new pthread; returns what pthread_join handed back. */
    private static Pointer runOnPthread(GatedCallback<PosixThreads.StartRoutine> gated) {
        return PosixThreads.runAndJoin(gated.callback(), new Pointer(0x5151));
    }

    private GatedCallback<PosixThreads.StartRoutine> pthreadCallback(String name, AtomicReference<Seen> seen,
            CallbackThreadInitializer initializer, Attachment attachment) {
        PosixThreads.StartRoutine body = arg -> {
            seen.set(Seen.current());
            return arg;
        };
        GatedCallback.Builder<PosixThreads.StartRoutine> builder = CallGate.builder(PosixThreads.StartRoutine.class, body)
                .name(name).policy(Policy.ALLOW).attachment(attachment);
        if (initializer != null) {
            builder.threadInitializer(initializer);
        }
        return lines.build(builder);
    }

    @Test
    void anInitializerThatDetachesKeepsJnasRoute() {
        AtomicReference<Seen> seen = new AtomicReference<>();
        try (GatedCallback<PosixThreads.StartRoutine> gated = pthreadCallback("init-detach", seen,
                new CallbackThreadInitializer(true, true, "app-detaching"), Attachment.KEEP_ATTACHED)) {
            assertOneRouteLine(gated, "asks to detach after each call");
            assertEquals(0x5151, Pointer.nativeValue(runOnPthread(gated)));
            Seen run = seen.get();
            assertEquals("app-detaching", run.name(), "JNA attached the thread with the initializer's name");
        }
    }

    @Test
    void anInitializerOfNonDaemonThreadsKeepsJnasRoute() {
        AtomicReference<Seen> seen = new AtomicReference<>();
        try (GatedCallback<PosixThreads.StartRoutine> gated = pthreadCallback("init-non-daemon", seen,
                new CallbackThreadInitializer(false, false, "app-non-daemon"), Attachment.KEEP_ATTACHED)) {
            assertOneRouteLine(gated, "non-daemon");
            assertEquals(0x5151, Pointer.nativeValue(runOnPthread(gated)));
            Seen run = seen.get();
            assertEquals("app-non-daemon", run.name());
            assertTrue(run.daemon(), "a daemon all the same: whether it is one is callgate's (Builder.threadInitializer)");
        }
    }

    @Test
    void anInitializerWithAThreadGroupKeepsJnasRoute() {
        AtomicReference<Seen> seen = new AtomicReference<>();
        ThreadGroup group = new ThreadGroup("app-callbacks");
        try (GatedCallback<PosixThreads.StartRoutine> gated = pthreadCallback("init-group", seen,
                new CallbackThreadInitializer(true, false, "app-grouped", group), Attachment.KEEP_ATTACHED)) {
            assertOneRouteLine(gated, "thread group app-callbacks");
            assertEquals(0x5151, Pointer.nativeValue(runOnPthread(gated)));
            Seen run = seen.get();
            assertEquals("app-callbacks", run.group(), "JNA attached it in the initializer's group");
        }
    }

    @Test
    void detachAfterEachCallKeepsJnasRoute() {
        AtomicReference<Seen> seen = new AtomicReference<>();
        try (GatedCallback<PosixThreads.StartRoutine> gated = pthreadCallback("detach-each", seen, null,
                Attachment.DETACH_AFTER_EACH_CALL)) {
            assertOneRouteLine(gated, "DETACH_AFTER_EACH_CALL");
            assertEquals(0x5151, Pointer.nativeValue(runOnPthread(gated)));
            Seen run = seen.get();
            assertEquals(1, gated.stats().foreignCalls(), "the pthread's call counted as foreign on JNA's route");
        }
    }

    @Test
    void aGroupsDetachingMemberKeepsJnasRouteWithItsLine() {
        AtomicReference<Seen> seen = new AtomicReference<>();
        try (CallbackGroup group = CallGate.group("fallbacks").policy(Policy.ALLOW)
                .attachment(Attachment.DETACH_AFTER_EACH_CALL)) {
            PosixThreads.StartRoutine body = arg -> {
                seen.set(Seen.current());
                return arg;
            };
            GatedCallback<PosixThreads.StartRoutine> member = lines.build(group.builder(PosixThreads.StartRoutine.class,
                    body).name("start"));
            assertOneRouteLine(member, "DETACH_AFTER_EACH_CALL");
            assertEquals(0x5151, Pointer.nativeValue(runOnPthread(member)));
        }
    }

    @Test
    void routeJnaIsSilent() {
        try (GatedCallback<LibC.Comparator> gated = lines.build(CallGate.builder(LibC.Comparator.class, Sorting.ASCENDING)
                .name("asked-jna").route(CallbackRoute.JNA))) {
            assertEquals(CallbackRoute.JNA, gated.route());
            assertTrue(gated.routeReason().contains("route(CallbackRoute.JNA)"), gated::routeReason);
            assertArrayEquals(new int[] {1, 2, 3}, Sorting.sort(gated.callback(), 2, 3, 1));
            assertEquals(List.of(), lines.lines(), "the application's own choice is not worth a line");
        }
    }

    @Test
    void aSupportedSignatureTakesTheFfmRouteSilently() {
        try (GatedCallback<LibC.Comparator> gated = lines.build(CallGate.builder(LibC.Comparator.class, Sorting.ASCENDING)
                .name("ffm-sort"))) {
            assertEquals(CallbackRoute.FFM, gated.route(), gated::routeReason);
            assertEquals("an FFM upcall stub converts (Pointer, Pointer) -> int as JNA does", gated.routeReason());
            assertArrayEquals(new int[] {1, 2, 3}, Sorting.sort(gated.callback(), 2, 3, 1));
            assertEquals(List.of(), lines.lines());
        }
    }
}
