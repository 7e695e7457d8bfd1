package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.GLib;
import dev.callgate.fixtures.GLibThreadPool;
import dev.callgate.fixtures.GLibThreads;
import dev.callgate.internal.GateSpec;
import dev.callgate.it.support.DiagnosticLines;
import dev.callgate.it.support.DiagnosticsFile;
import dev.callgate.it.support.Waits;
import dev.callgate.spi.OsBackend;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * An open gated callback stays reachable while only native code holds its
 * function pointer; after {@code close()} native calls get the default value, one diagnostic, and
 * no crash.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class LifecycleTest {

    private static final int WORKERS = 2;

    private final OsBackend backend = LinuxHost.backend();

    @TempDir
    Path dir;

    /** A pool started with a callback, and weak handles on what the test itself must not keep alive. */
    private record Started(GLibThreadPool pool, WeakReference<GatedCallback<GLibThreadPool.GFunc>> handle,
            WeakReference<GLibThreadPool.GFunc> callback) {}

    /** Builds the gated callback and its pool here, so no frame of the test holds either strongly. */
    private Started startGatedPool(LongAdder runs, DiagnosticsFile diagnostics) {
        GatedCallback<GLibThreadPool.GFunc> gated = GateSpec.diagnosticsTo(backend.writerTo(diagnostics.fd()), CallGate.builder(GLibThreadPool.GFunc.class,
                (GLibThreadPool.GFunc) (data, userData) -> runs.increment())
                .name("lifecycle-tick").policy(Policy.ALLOW)::build);
        GLibThreadPool pool = GLibThreadPool.startKeepingOnlyThePointer(gated.callback(), WORKERS);
        return new Started(pool, new WeakReference<>(gated), new WeakReference<>(gated.callback()));
    }

    /** The control: a plain JNA callback that native code called, then dropped, is collectable. */
    private static WeakReference<GLibThreadPool.GFunc> usePlainCallbackAndDropIt(LongAdder runs) {
        GLibThreadPool.GFunc plain = new GLibThreadPool.GFunc() {
            @Override
            public void invoke(Pointer data, Pointer userData) {
                runs.increment();
            }
        };
        try (GLibThreadPool pool = GLibThreadPool.startKeepingOnlyThePointer(plain, 1)) {
            pool.push(1);
        }
        return new WeakReference<>(plain);
    }

    private static void collectGarbage(WeakReference<?> mustClear) {
        Waits.until(Duration.ofSeconds(10), () -> {
            System.gc();
            return mustClear.get() == null;
        }, "the garbage collector to clear an unreferenced callback", () -> "still reachable: " + mustClear.get());
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    @Test
    void openCallbackSurvivesGcWhileOnlyNativeCodeHoldsIt() {
        LongAdder runs = new LongAdder();
        LongAdder plainRuns = new LongAdder();
        try (DiagnosticsFile diagnostics = DiagnosticsFile.create(dir.resolve("gc.log"))) {
            Started started = startGatedPool(runs, diagnostics);
            GLibThreadPool pool = started.pool();
            try {
                WeakReference<GLibThreadPool.GFunc> plain = usePlainCallbackAndDropIt(plainRuns);
                assertEquals(1, plainRuns.sum(), "the control callback ran");
                collectGarbage(plain); // proves these GCs do collect a callback nothing holds

                assertNotNull(started.callback().get(), "the open gated callback was collected under native code");
                assertNotNull(started.handle().get(), "the open handle was collected");
                for (long i = 1; i <= 100; i++) {
                    pool.push(i);
                }
                Waits.until(Duration.ofSeconds(10), () -> runs.sum() == 100, "100 body runs after GC", runs::toString);

                GatedCallback<GLibThreadPool.GFunc> gated = started.handle().get();
                gated.close();
                for (long i = 101; i <= 150; i++) {
                    pool.push(i);
                }
                Waits.until(Duration.ofSeconds(10), () -> gated.stats().callsAfterClose() == 50,
                        "50 calls after close", () -> gated.stats().toString());
                pool.close();
                // The closed handle must stay reachable until native code can no longer call the pointer.
                Reference.reachabilityFence(gated);

                assertFalse(gated.isOpen(), "closed");
                assertEquals(100, runs.sum(), "the body must not run after close");
                List<String> lines = diagnostics.lines();
                assertEquals(1, lines.size(), () -> "one line for 50 calls after close: " + lines);
                assertEquals(1, DiagnosticLines.matching(lines, DiagnosticLines.afterClose("lifecycle-tick")).size(),
                        () -> "the after-close line: " + lines);
            } finally {
                pool.close();
            }
        }
    }

    @Test
    void afterCloseNativeCodeGetsTheDefaultValue() {
        Pointer fallback = new Pointer(0xC105ED);
        LongAdder runs = new LongAdder();
        GLib.GThreadFunc body = data -> {
            runs.increment();
            return data;
        };
        try (DiagnosticsFile diagnostics = DiagnosticsFile.create(dir.resolve("closed.log"))) {
            GatedCallback<GLib.GThreadFunc> gated = GateSpec.diagnosticsTo(backend.writerTo(diagnostics.fd()), CallGate.builder(GLib.GThreadFunc.class, body)
                    .name("closed-thread").policy(Policy.WARN).defaultValue(fallback)::build);
            gated.close();
            List<Pointer> results = GLibThreads.runAndJoin(gated.callback(), 4);

            assertEquals(List.of(fallback, fallback, fallback, fallback), results, "what each g_thread_join returned");
            assertEquals(0, runs.sum(), "body runs after close");
            assertEquals(4, gated.stats().callsAfterClose(), "calls after close");
            List<String> lines = diagnostics.lines();
            assertEquals(List.of("callgate: callback closed-thread called after close; not run, returned native@0xc105ed"
                    + " to native code"), lines,
                    "exactly one line, and no foreign-thread line: a closed callback is not run at all");
        }
    }
}
