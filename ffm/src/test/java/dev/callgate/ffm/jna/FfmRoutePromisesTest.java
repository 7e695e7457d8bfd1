package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.CallbackRoute;
import dev.callgate.CallbackStats;
import dev.callgate.Diagnostic;
import dev.callgate.DiagnosticKind;
import dev.callgate.DiagnosticListener;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.GLibThreadPool;
import dev.callgate.fixtures.LibC;
import dev.callgate.fixtures.PosixThreads;
import dev.callgate.internal.Backends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What callgate promises holds on the FFM route, with real native callers: GLib pool workers and
 * pthreads are foreign, a {@code qsort} on a JVM thread is not; every policy but ABORT (in
 * {@link FfmRouteChildTest}), contained exceptions, close() as a barrier, calls after close,
 * counters, the listener, JFR, thread names.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class FfmRoutePromisesTest {

    private static final int CALLS = 6;

    private final RecordedLines lines = new RecordedLines();

    private static <T extends com.sun.jna.Callback> GatedCallback<T> onFfm(GatedCallback<T> gated) {
        assertEquals(CallbackRoute.FFM, gated.route(), gated::routeReason);
        return gated;
    }

    /** Pushes {@code CALLS} items through a one-worker pool and waits for them. */
    private static void pushAll(GatedCallback<GLibThreadPool.GFunc> gated) {
        try (GLibThreadPool pool = GLibThreadPool.start(gated.callback(), 1)) {
            for (int i = 1; i <= CALLS; i++) {
                pool.push(i);
            }
        }
    }

    @Test
    void glibWorkersAreForeignAndQsortOnAJvmThreadIsNot() throws Exception {
        AtomicInteger bodies = new AtomicInteger();
        try (GatedCallback<GLibThreadPool.GFunc> pool = onFfm(lines.build(CallGate.builder(GLibThreadPool.GFunc.class,
                (GLibThreadPool.GFunc) (d, u) -> bodies.incrementAndGet()).name("rule-pool")));
                GatedCallback<LibC.Comparator> sort = onFfm(lines.build(CallGate.builder(LibC.Comparator.class,
                        Sorting.ASCENDING).name("rule-sort")))) {
            pushAll(pool);
            assertArrayEquals(new int[] {1, 2, 3, 4}, Sorting.sort(sort.callback(), 4, 2, 3, 1));
            Thread java = new Thread(() -> Sorting.sort(sort.callback(), 9, 8, 7), "app-sorter");
            java.start();
            java.join();
            assertEquals(CALLS, bodies.get());
            CallbackStats p = pool.stats();
            assertEquals(CALLS, p.calls());
            assertEquals(CALLS, p.foreignCalls());
            assertEquals(1, p.foreignThreads());
            CallbackStats s = sort.stats();
            assertTrue(s.calls() >= 5, s::toString);
            assertEquals(0, s.foreignCalls(), "main and new Thread are the JVM's: " + s);
            List<String> written = lines.lines();
            assertEquals(1, written.size(), written::toString);
            assertTrue(written.get(0).matches("callgate: callback rule-pool on thread not created by the JVM"
                    + " \\(native thread \\d+, os linux\\); ran it \\(policy WARN_ONCE: said once per callback\\)"), written::toString);
        }
    }

    @ParameterizedTest
    @CsvSource({"ALLOW, 6, 0, 0", "WARN_ONCE, 6, 0, 1", "WARN, 6, 0, 6", "REJECT, 0, 6, 1"})
    void everyPolicyButAbort(Policy policy, int bodies, int rejected, int lineCount) {
        AtomicInteger ran = new AtomicInteger();
        try (GatedCallback<GLibThreadPool.GFunc> gated = onFfm(lines.build(CallGate.builder(GLibThreadPool.GFunc.class,
                (GLibThreadPool.GFunc) (d, u) -> ran.incrementAndGet()).name("policy-" + policy).policy(policy)))) {
            pushAll(gated);
            assertEquals(bodies, ran.get());
            CallbackStats s = gated.stats();
            assertEquals(CALLS, s.foreignCalls(), s::toString);
            assertEquals(rejected, s.rejected(), s::toString);
            assertEquals(lineCount, lines.lines().size(), lines.lines()::toString);
            assertEquals(lineCount, s.diagnosticsWritten() + s.diagnosticsDropped(), s::toString);
        }
    }

    @Test
    void rejectReturnsTheDefaultValueToNativeCode() {
        AtomicInteger ran = new AtomicInteger();
        try (GatedCallback<PosixThreads.StartRoutine> gated = onFfm(lines.build(CallGate.builder(
                PosixThreads.StartRoutine.class, (PosixThreads.StartRoutine) arg -> {
                    ran.incrementAndGet();
                    return arg;
                }).name("reject-pthread").policy(Policy.REJECT).defaultValue(new Pointer(42))))) {
            assertEquals(42, Pointer.nativeValue(PosixThreads.runAndJoin(gated.callback(), new Pointer(7))));
            assertEquals(0, ran.get());
            assertEquals(1, gated.stats().rejected());
            assertTrue(lines.lines().get(0).endsWith("; not run, returned native@0x2a to native code (policy REJECT:"
                    + " said once, every rejection counted)"), lines.lines()::toString);
        }
    }

    @Test
    void exceptionsAreContainedOnForeignAndJvmThreads() {
        try (GatedCallback<PosixThreads.StartRoutine> pthread = onFfm(lines.build(CallGate.builder(
                PosixThreads.StartRoutine.class, (PosixThreads.StartRoutine) arg -> {
                    throw new IllegalStateException("no routine");
                }).name("throw-pthread").policy(Policy.ALLOW).defaultValue(new Pointer(9))));
                GatedCallback<LibC.Comparator> sort = onFfm(lines.build(CallGate.builder(LibC.Comparator.class,
                        (LibC.Comparator) (a, b) -> {
                            throw new ArithmeticException("no order");
                        }).name("throw-sort")))) {
            assertEquals(9, Pointer.nativeValue(PosixThreads.runAndJoin(pthread.callback(), null)));
            assertEquals(9, Pointer.nativeValue(PosixThreads.runAndJoin(pthread.callback(), null)));
            Sorting.sort(sort.callback(), 3, 2, 1); // every comparison answers 0: qsort ends
            assertEquals(2, pthread.stats().exceptions());
            assertTrue(sort.stats().exceptions() >= 2, sort.stats()::toString);
            List<String> written = lines.lines();
            assertEquals(List.of("callgate: callback throw-pthread threw java.lang.IllegalStateException: no routine;"
                    + " returned native@0x9 to native code (said once per exception class)",
                    "callgate: callback throw-sort threw java.lang.ArithmeticException: no order; returned 0 to native code"
                    + " (said once per exception class)"), written);
        }
    }

    @Test
    void closeWaitsForABodyOnAGLibWorkerAndLaterCallsGetTheDefault() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger order = new AtomicInteger();
        AtomicInteger bodyEnded = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        GatedCallback<GLibThreadPool.GFunc> gated = onFfm(lines.build(CallGate.builder(GLibThreadPool.GFunc.class,
                (GLibThreadPool.GFunc) (d, u) -> {
                    ran.incrementAndGet();
                    if (Pointer.nativeValue(d) == 1) {
                        entered.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        bodyEnded.set(order.incrementAndGet());
                    }
                }).name("barrier").policy(Policy.ALLOW)));
        try (GLibThreadPool pool = GLibThreadPool.start(gated.callback(), 1)) {
            pool.push(1);
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            AtomicInteger closeReturned = new AtomicInteger();
            Thread closer = new Thread(() -> {
                gated.close();
                closeReturned.set(order.incrementAndGet());
            }, "closer");
            closer.start();
            closer.join(300);
            assertTrue(closer.isAlive(), "close() waits while the body runs");
            assertFalse(gated.isOpen());
            release.countDown();
            closer.join(30_000);
            assertFalse(closer.isAlive());
            assertTrue(bodyEnded.get() > 0 && bodyEnded.get() < closeReturned.get(), "the body ended before close returned");
            pool.push(2);
            pool.push(3);
        }
        assertEquals(1, ran.get(), "no body after close");
        CallbackStats s = gated.stats();
        assertEquals(2, s.callsAfterClose(), s::toString);
        assertEquals(List.of("callgate: callback barrier called after close; not run, returned nothing to native code"),
                lines.lines());
    }

    @Test
    void theListenerGetsTheLinesOfTheFfmRoute() throws Exception {
        LinkedBlockingQueue<Diagnostic> told = new LinkedBlockingQueue<>();
        DiagnosticListener listener = d -> {
            if (d.callback().equals("told-pool")) {
                told.add(d);
            }
        };
        CallGate.addListener(listener);
        try (GatedCallback<GLibThreadPool.GFunc> gated = onFfm(lines.build(CallGate.builder(GLibThreadPool.GFunc.class,
                (GLibThreadPool.GFunc) (d, u) -> {
                    throw new IllegalStateException("told");
                }).name("told-pool")))) {
            pushAll(gated);
            Diagnostic first = told.poll(30, TimeUnit.SECONDS);
            Diagnostic second = told.poll(30, TimeUnit.SECONDS);
            assertEquals(DiagnosticKind.FOREIGN_THREAD, first.kind(), first::toString);
            assertEquals(lines.lines().get(0), first.line());
            assertEquals(DiagnosticKind.EXCEPTION, second.kind(), second::toString);
            assertTrue(second.thrown() instanceof IllegalStateException, second::toString);
        } finally {
            CallGate.removeListener(listener);
        }
    }

    @Test
    void eachWarnDiagnosisIsAJfrEvent() throws Exception {
        Path dump = Files.createTempFile("callgate-ffm", ".jfr");
        try (Recording recording = new Recording();
                GatedCallback<GLibThreadPool.GFunc> gated = onFfm(lines.build(CallGate.builder(GLibThreadPool.GFunc.class,
                        (GLibThreadPool.GFunc) (d, u) -> { }).name("jfr-ffm").policy(Policy.WARN)))) {
            recording.enable("dev.callgate.ForeignCallback");
            recording.start();
            pushAll(gated);
            recording.stop();
            recording.dump(dump);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(dump).stream()
                .filter(e -> e.getEventType().getName().equals("dev.callgate.ForeignCallback"))
                .filter(e -> "jfr-ffm".equals(e.getString("callback"))).toList();
        Files.delete(dump);
        assertEquals(CALLS, events.size(), events::toString);
        assertEquals("WARN", events.get(0).getString("policy"));
    }

    @Test
    void foreignThreadsGetTheApplicationsNameOrCallgatesDefault() {
        AtomicReference<String> named = new AtomicReference<>();
        AtomicReference<String> plain = new AtomicReference<>();
        AtomicReference<Long> tid = new AtomicReference<>();
        try (GatedCallback<PosixThreads.StartRoutine> app = onFfm(lines.build(CallGate.builder(PosixThreads.StartRoutine.class,
                (PosixThreads.StartRoutine) arg -> {
                    named.set(Thread.currentThread().getName());
                    return arg;
                }).name("named").policy(Policy.ALLOW)
                .threadInitializer(new CallbackThreadInitializer(true, false, "app-decoder"))));
                GatedCallback<PosixThreads.StartRoutine> defaults = onFfm(lines.build(CallGate.builder(
                        PosixThreads.StartRoutine.class, (PosixThreads.StartRoutine) arg -> {
                            plain.set(Thread.currentThread().getName());
                            tid.set(Backends.backend().currentNativeThreadId());
                            return arg;
                        }).name("unnamed").policy(Policy.ALLOW)))) {
            PosixThreads.runAndJoin(app.callback(), null);
            PosixThreads.runAndJoin(defaults.callback(), null);
            assertEquals("app-decoder", named.get());
            assertEquals("callgate-foreign-" + tid.get(), plain.get());
            assertEquals(List.of(), lines.lines());
        }
    }
}
