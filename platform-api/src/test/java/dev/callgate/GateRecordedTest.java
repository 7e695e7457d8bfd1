package dev.callgate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Callback;
import com.sun.jna.Structure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gate on threads the JVM created, over a {@link RecordingBackend}: the body runs, nothing is
 * diagnosed under any policy, exceptions and calls after close are contained and counted.
 */
class GateRecordedTest {

    interface IntOp extends Callback {
        int apply(int a, int b);
    }

    interface Notify extends Callback {
        void invoke(int event);
    }

    interface Describe extends Callback {
        String describe(int code);
    }

    interface TwoMethods extends Callback {
        int first(int a);

        int second(int a);
    }

    interface NamedCallbackAmongOthers extends Callback {
        int callback(int a);

        int helper(int a);
    }

    /** A class, not an interface: what a user might pass by mistake. */
    static final class IntOpImpl implements IntOp {
        @Override
        public int apply(int a, int b) {
            return a + b;
        }
    }

    /** A structure returned by value, as a callback's default. */
    public static final class Point extends Structure implements Structure.ByValue {
        public int x;
        public int y;

        @Override
        protected List<String> getFieldOrder() {
            return List.of("x", "y");
        }
    }

    interface PointSource extends Callback {
        Point point();
    }

    @Test
    void aStructureDefaultIsNamedByItsTypeInTheLinesNotDumped() {
        Point fallback = new Point();
        fallback.x = 7;
        GatedCallback<PointSource> gate = CallGate.builder(PointSource.class, (PointSource) Point::new).backend(os)
                .diagnostics(os.stderr()).name("origin").defaultValue(fallback).build();
        gate.close();
        assertEquals(7, gate.callback().point().x);
        assertEquals(List.of("callgate: callback origin called after close; not run, returned a Point structure to"
                + " native code"), os.stderrLines());
    }

    private final RecordingBackend os = new RecordingBackend();
    private final AtomicInteger bodyRuns = new AtomicInteger();
    private final IntOp adder = (a, b) -> {
        bodyRuns.incrementAndGet();
        return a + b;
    };

    private GatedCallback.Builder<IntOp> gated(IntOp body) {
        return CallGate.builder(IntOp.class, body).backend(os).diagnostics(os.stderr());
    }

    @Test
    void theBodyRunsAndItsValueComesBack() {
        try (GatedCallback<IntOp> gate = gated(adder).build()) {
            assertEquals(5, gate.callback().apply(2, 3));
            assertEquals(-7, gate.callback().apply(-10, 3));

            assertEquals(2, bodyRuns.get());
            assertEquals(new CallbackStats(2, 0, 0, 0, 0, 0, 0, 0, 0, 0), gate.stats());
            assertEquals("", os.written(RecordingBackend.STDERR));
        }
    }

    @Test
    void referenceAndVoidResultsPassThrough() {
        AtomicInteger lastEvent = new AtomicInteger();
        try (GatedCallback<Notify> notify = CallGate.builder(Notify.class, (Notify) lastEvent::set).backend(os).build();
                GatedCallback<Describe> describe = CallGate.builder(Describe.class, (Describe) code -> "code " + code)
                        .backend(os).build()) {
            notify.callback().invoke(42);
            assertEquals(42, lastEvent.get());
            assertEquals("code 7", describe.callback().describe(7));
        }
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void jvmThreadsAreNeverDiagnosedWhateverThePolicy(Policy policy) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (GatedCallback<IntOp> gate = gated(adder).policy(policy).build()) {
            IntOp callback = gate.callback();
            assertEquals(3, callback.apply(1, 2), "the test thread");
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                results.add(pool.submit(() -> callback.apply(n, 1)));
            }
            Thread plain = new Thread(() -> callback.apply(0, 0), "plain-jvm-thread");
            plain.start();
            plain.join(10_000);
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i + 1, results.get(i).get(10, TimeUnit.SECONDS), "pool call " + i);
            }

            CallbackStats stats = gate.stats();
            assertAll(
                    () -> assertEquals(42, bodyRuns.get(), "the body ran on every call"),
                    () -> assertEquals(42, stats.calls()),
                    () -> assertEquals(0, stats.foreignCalls()),
                    () -> assertEquals(0, stats.foreignThreads()),
                    () -> assertEquals(0, stats.rejected()),
                    () -> assertEquals(0, stats.diagnosticsWritten()),
                    () -> assertEquals("", os.written(RecordingBackend.STDERR), "no diagnostic"),
                    () -> assertEquals(0, os.abortCalls(), "ABORT must not abort a JVM thread"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExceptionFromTheBodyIsContainedInOneLine() {
        IntOp throwing = (a, b) -> {
            throw new IllegalStateException("division by zero in " + a + "/" + b);
        };
        try (GatedCallback<IntOp> gate = gated(throwing).name("divide").build()) {
            assertEquals(0, gate.callback().apply(1, 0));

            assertEquals(List.of("callgate: callback divide threw java.lang.IllegalStateException: division by zero in"
                    + " 1/0; returned 0 to native code (said once per exception class)"), os.stderrLines());
            assertTrue(os.written(RecordingBackend.STDERR).endsWith("\n"));
            assertEquals(1, gate.stats().exceptions());
            assertEquals(1, gate.stats().diagnosticsWritten());
        }
    }

    @Test
    void errorsAreContainedToo() {
        IntOp overflowing = (a, b) -> {
            throw new StackOverflowError("deep");
        };
        try (GatedCallback<IntOp> gate = gated(overflowing).defaultValue(-1).build()) {
            assertEquals(-1, gate.callback().apply(1, 2));

            assertEquals(List.of("callgate: callback IntOp threw java.lang.StackOverflowError: deep; returned -1 to"
                    + " native code (said once per exception class)"), os.stderrLines());
        }
    }

    @Test
    void theConfiguredDefaultIsReturnedWhenTheBodyThrows() {
        IntOp throwing = (a, b) -> {
            throw new UnsupportedOperationException("not yet");
        };
        try (GatedCallback<IntOp> gate = gated(throwing).defaultValue(-22).build()) {
            assertEquals(-22, gate.callback().apply(1, 1));
            assertEquals(-22, gate.callback().apply(2, 2));

            assertEquals(2, gate.stats().exceptions());
            assertEquals(1, os.stderrLines().size(), "one line per exception class");
            assertTrue(os.stderrLines().get(0).endsWith("; returned -22 to native code (said once per exception class)"),
                    os.stderrLines().get(0));
        }
    }

    @Test
    void aThrowingVoidCallbackSaysNativeCodeGotNothing() {
        Notify throwing = event -> {
            throw new IllegalStateException("event " + event);
        };
        try (GatedCallback<Notify> gate = CallGate.builder(Notify.class, throwing).backend(os).build()) {
            gate.callback().invoke(7);
            assertEquals(List.of("callgate: callback Notify threw java.lang.IllegalStateException: event 7;"
                    + " returned nothing to native code (said once per exception class)"), os.stderrLines());
        }
    }

    @Test
    void aReferenceResultDefaultsToNull() {
        Describe throwing = code -> {
            throw new IllegalArgumentException("code " + code);
        };
        try (GatedCallback<Describe> gate = CallGate.builder(Describe.class, throwing).backend(os).build()) {
            assertNull(gate.callback().describe(3));
            assertEquals(List.of("callgate: callback Describe threw java.lang.IllegalArgumentException: code 3;"
                    + " returned null to native code (said once per exception class)"), os.stderrLines());
        }
    }

    @Test
    void aStringDefaultForAnIntCallbackIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gated(adder).name("adder").defaultValue("zero").build());

        assertAll(
                () -> assertTrue(e.getMessage().contains("callback adder returns int"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("pass a Integer"), e.getMessage()));
    }

    @Test
    void aWiderNumberIsNotSilentlyNarrowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gated(adder).defaultValue(5L).build());

        assertTrue(e.getMessage().contains("java.lang.Long"), e.getMessage());
    }

    @Test
    void aNullDefaultForAnIntCallbackIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gated(adder).defaultValue(null).build());

        assertTrue(e.getMessage().contains("returns int; its default value cannot be null"), e.getMessage());
        assertTrue(e.getMessage().contains("Pass a Integer such as 0"), e.getMessage());
    }

    @Test
    void aDefaultForAVoidCallbackIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CallGate.builder(Notify.class, (Notify) event -> {}).backend(os).defaultValue(0).build());

        assertTrue(e.getMessage().contains("callback Notify returns void"), e.getMessage());
        assertTrue(e.getMessage().contains("remove defaultValue(0)"), e.getMessage());
    }

    @Test
    void afterCloseTheBodyDoesNotRunAndOneLineSaysSo() throws Exception {
        GatedCallback<IntOp> gate = gated(adder).name("adder").defaultValue(-1).build();
        IntOp callback = gate.callback();
        assertEquals(3, callback.apply(1, 2));

        gate.close();
        gate.close(); // idempotent
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(() -> callback.apply(1, 2));
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(-1, f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertFalse(gate.isOpen());
        assertEquals(1, bodyRuns.get(), "the body ran only before close");
        assertEquals(List.of("callgate: callback adder called after close; not run, returned -1 to native code"),
                os.stderrLines());
        assertEquals(100, gate.stats().callsAfterClose());
        assertEquals(101, gate.stats().calls());
        assertEquals(1, gate.stats().diagnosticsWritten());
        assertTrue(gate.toString().contains("closed"), gate.toString());
    }

    @Test
    void anOpenGateSaysSo() {
        try (GatedCallback<IntOp> gate = gated(adder).name("adder").policy(Policy.REJECT).build()) {
            assertTrue(gate.isOpen());
            assertEquals("adder", gate.name());
            assertEquals(Policy.REJECT, gate.policy());
            assertEquals(Attachment.KEEP_ATTACHED, gate.attachment());
            assertEquals("GatedCallback[adder, REJECT]", gate.toString());
        }
    }

    @Test
    void theDefaultsAreWarnOnceAndKeepAttached() {
        try (GatedCallback<IntOp> gate = gated(adder).build()) {
            assertEquals(Policy.WARN_ONCE, gate.policy());
            assertEquals(Attachment.KEEP_ATTACHED, gate.attachment());
            assertEquals("IntOp", gate.name());
        }
    }

    @Test
    void withoutAWriterDiagnosticsGoToTheBackendsStderr() {
        IntOp throwing = (a, b) -> {
            throw new IllegalStateException("x");
        };
        GatedCallback<IntOp> gate = CallGate.builder(IntOp.class, throwing).backend(os).build();
        try (gate) {
            gate.callback().apply(1, 1);
        }
        // A loaded machine may run the writer thread after the 10 ms bound: the line is then
        // dropped, never written anywhere. A line written went to the backend's stderr.
        CallbackStats stats = gate.stats();
        assertEquals(1, stats.diagnosticsWritten() + stats.diagnosticsDropped(), stats::toString);
        assertEquals(stats.diagnosticsWritten(), os.stderrLines().size(), os.stderrLines()::toString);
    }

    @Test
    void aConfiguredWriterReceivesTheDiagnosticsInstead() {
        IntOp throwing = (a, b) -> {
            throw new IllegalStateException("x");
        };
        long logFd = 7;
        try (GatedCallback<IntOp> gate = gated(throwing).diagnostics(os.writerTo(logFd)).build()) {
            gate.callback().apply(1, 1);
        }
        assertEquals("", os.written(RecordingBackend.STDERR));
        assertTrue(os.written(logFd).startsWith("callgate: callback IntOp threw"), os.written(logFd));
    }

    @Test
    void aClassInsteadOfAnInterfaceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CallGate.builder(IntOpImpl.class, new IntOpImpl()));

        assertTrue(e.getMessage().contains(IntOpImpl.class.getName() + " is a class"), e.getMessage());
        assertTrue(e.getMessage().contains("extends com.sun.jna.Callback"), e.getMessage());
    }

    @Test
    void anInterfaceWithTwoMethodsIsRefused() {
        TwoMethods body = new TwoMethods() {
            @Override
            public int first(int a) {
                return a;
            }

            @Override
            public int second(int a) {
                return a;
            }
        };

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CallGate.builder(TwoMethods.class, body));

        assertTrue(e.getMessage().contains(TwoMethods.class.getName() + " cannot be gated"), e.getMessage());
        assertTrue(e.getMessage().contains("has 2 public methods (first, second)"), e.getMessage());
        assertTrue(e.getMessage().contains("one named \"callback\""), e.getMessage());
    }

    @Test
    void aMethodNamedCallbackIsTheOneJnaCalls() {
        NamedCallbackAmongOthers body = new NamedCallbackAmongOthers() {
            @Override
            public int callback(int a) {
                return a * 10;
            }

            @Override
            public int helper(int a) {
                return -a;
            }
        };
        try (GatedCallback<NamedCallbackAmongOthers> gate =
                CallGate.builder(NamedCallbackAmongOthers.class, body).backend(os).build()) {
            assertEquals(40, gate.callback().callback(4));
            assertEquals(-4, gate.callback().helper(4), "a method native code never calls passes straight through");
            assertEquals(1, gate.stats().calls(), "only the callback method is gated and counted");
        }
    }

    interface WithDefault extends Callback {
        int apply(int a);

        default int twice(int a) {
            return 2 * apply(a);
        }
    }

    @Test
    void anInterfaceWithADefaultMethodBesideItsCallbackIsRefusedAtBuildAsJnaWouldRefuseIt() {
        WithDefault body = a -> a + 1;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CallGate.builder(WithDefault.class, body));

        assertTrue(e.getMessage().contains("has 2 public methods (apply, twice)"), e.getMessage());
        assertTrue(e.getMessage().contains("default methods count"), e.getMessage());
    }

    @Test
    void aBlankNameIsRefused() {
        for (String blank : new String[] {"", "   "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gated(adder).name(blank));
            assertTrue(e.getMessage().contains("must not be blank"), e.getMessage());
            assertTrue(e.getMessage().contains("IntOp"), "names the default: " + e.getMessage());
        }
    }

    @Test
    void aNamePastTheLimitIsRefusedWithTheReason() {
        String name = "n".repeat(GatedCallback.MAX_NAME_LENGTH + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gated(adder).name(name));
        assertTrue(e.getMessage().contains("at most 128 characters"), e.getMessage());
        assertEquals(GatedCallback.MAX_NAME_LENGTH, gated(adder).name("n".repeat(128)).build().name().length());
    }

    @Test
    void aNameIsStripped() {
        try (GatedCallback<IntOp> gate = gated(adder).name("  mixer  ").build()) {
            assertEquals("mixer", gate.name());
        }
    }

    @Test
    void nullSettingsAreRefusedWithTheParameterName() { // the public ones: NullArgumentsTest
        assertEquals("backend", assertThrows(NullPointerException.class, () -> gated(adder).backend(null)).getMessage());
        assertEquals("writer", assertThrows(NullPointerException.class, () -> gated(adder).diagnostics(null)).getMessage());
    }

    @Test
    void objectMethodsOnTheProxyDoNotReachTheBody() {
        IntOp body = new IntOp() {
            @Override
            public int apply(int a, int b) {
                bodyRuns.incrementAndGet();
                return 0;
            }

            @Override
            public boolean equals(Object o) {
                throw new AssertionError("the body's equals was called");
            }

            @Override
            public int hashCode() {
                throw new AssertionError("the body's hashCode was called");
            }

            @Override
            public String toString() {
                throw new AssertionError("the body's toString was called");
            }
        };
        try (GatedCallback<IntOp> gate = gated(body).name("quiet").policy(Policy.WARN).build();
                GatedCallback<IntOp> other = gated(body).build()) {
            IntOp proxy = gate.callback();

            assertTrue(proxy.equals(proxy));
            assertFalse(proxy.equals(other.callback()));
            assertFalse(proxy.equals(null));
            assertEquals(System.identityHashCode(proxy), proxy.hashCode());
            assertNotEquals(proxy.hashCode(), other.callback().hashCode());
            assertEquals("gated quiet (WARN)", proxy.toString());

            assertEquals(0, bodyRuns.get());
            assertEquals(0, gate.stats().calls(), "object methods are not native calls");
            assertEquals(0, gate.stats().exceptions());
            assertEquals("", os.written(RecordingBackend.STDERR));
        }
    }

    @Test
    void statsAndTotalsCountEveryKindOfCall() {
        CallbackStats before = CallGate.totals();
        AtomicInteger calls = new AtomicInteger();
        IntOp sometimesThrows = (a, b) -> {
            if (calls.incrementAndGet() % 3 == 0) {
                throw new IllegalStateException("every third call");
            }
            return a + b;
        };
        GatedCallback<IntOp> gate = gated(sometimesThrows).build();
        for (int i = 0; i < 9; i++) {
            gate.callback().apply(i, i);
        }
        gate.close();
        gate.callback().apply(0, 0);
        gate.callback().apply(0, 0);

        CallbackStats mine = gate.stats();
        assertEquals(new CallbackStats(11, 0, 0, 0, 3, 2, 0, 2, 0, 0), mine,
                "3 exceptions of one class make 1 line (once per class), and 1 after-close line");
        CallbackStats after = CallGate.totals();
        CallbackStats delta = new CallbackStats(after.calls() - before.calls(),
                after.foreignCalls() - before.foreignCalls(), after.foreignThreads() - before.foreignThreads(),
                after.rejected() - before.rejected(), after.exceptions() - before.exceptions(),
                after.callsAfterClose() - before.callsAfterClose(),
                after.callsDuringShutdown() - before.callsDuringShutdown(),
                after.diagnosticsWritten() - before.diagnosticsWritten(),
                after.diagnosticsFailed() - before.diagnosticsFailed(),
                after.diagnosticsDropped() - before.diagnosticsDropped());
        assertEquals(mine, delta, "totals grew by exactly this callback's counts (tests run one at a time)");
    }

    @Test
    void withoutABackendOrAnOsModuleBuildGatesThroughTheJavaFallback() {
        // platform-api's test class path holds no OS module: the Java fallback is selected, not an error
        try (GatedCallback<IntOp> gate = CallGate.builder(IntOp.class, adder).build()) {
            assertEquals(5, gate.callback().apply(2, 3));
            assertEquals(1, gate.stats().calls());
        }
        BackendSelection selection = CallGate.selection();
        assertTrue(selection.isJavaFallback(), selection::toString);
        assertEquals(BackendSelection.JAVA_FALLBACK_ID, selection.id());
        assertTrue(selection.how().startsWith("no OS module serves os.name"), selection::toString);
    }
}
