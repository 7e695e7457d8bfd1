package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.ExceptionReporting;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exception thrown by the body on a GLib thread never reaches native code:
 * one line per throw naming the callback, the exception class and its message; native code gets
 * the default value; the JVM and the same callback keep working.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class ExceptionContainmentTest {

    private static final int WORKERS = 4;
    private static final int THROWING_ITEMS = 50;

    private final OsBackend backend = LinuxHost.backend();

    @TempDir
    Path dir;

    @Test
    void underEveryEachThrowIsOneLineAndLaterCallsStillRun() {
        LongAdder completed = new LongAdder();
        GLibThreadPool.GFunc body = (data, userData) -> {
            long item = Pointer.nativeValue(data);
            if (item <= THROWING_ITEMS) {
                throw new IllegalStateException("boom on item " + item);
            }
            completed.increment();
        };
        try (DiagnosticsFile diagnostics = DiagnosticsFile.create(dir.resolve("throw.log"));
                GatedCallback<GLibThreadPool.GFunc> gated = GateSpec.diagnosticsTo(backend.writerTo(diagnostics.fd()), CallGate.builder(GLibThreadPool.GFunc.class, body)
                        .name("throwing-tick").policy(Policy.ALLOW).exceptionReporting(ExceptionReporting.EVERY)::build)) {
            GLibThreadPool pool = GLibThreadPool.start(gated.callback(), WORKERS);
            try {
                for (long i = 1; i <= THROWING_ITEMS; i++) {
                    pool.push(i);
                }
                Waits.until(Duration.ofSeconds(30), () -> gated.stats().exceptions() == THROWING_ITEMS,
                        THROWING_ITEMS + " contained exceptions", () -> gated.stats().toString());
                // The same workers, which just had exceptions contained, now run the body normally.
                for (long i = THROWING_ITEMS + 1; i <= 2 * THROWING_ITEMS; i++) {
                    pool.push(i);
                }
            } finally {
                pool.close(); // waits for every item
            }

            assertEquals(THROWING_ITEMS, completed.sum(), "calls after the throws completed");
            assertEquals(THROWING_ITEMS, gated.stats().exceptions(), "exceptions counted");
            List<String> lines = diagnostics.lines();
            assertEquals(THROWING_ITEMS, lines.size(), () -> "one line per throw, nothing else: " + lines);
            Set<String> messages = lines.stream()
                    .map(DiagnosticLines.threw("throwing-tick", IllegalStateException.class)::matcher)
                    .filter(Matcher::matches).map(m -> m.group(1)).collect(Collectors.toSet());
            Set<String> expected = LongStream.rangeClosed(1, THROWING_ITEMS).mapToObj(i -> "boom on item " + i)
                    .collect(Collectors.toSet());
            assertEquals(expected, messages, () -> "each line names the exception class and message: " + lines);
        }
    }

    @Test
    void nativeCodeGetsTheDefaultValueWhenTheBodyThrowsAndTheClassIsSaidOnce() {
        Pointer fallback = new Pointer(0xDEF);
        GLib.GThreadFunc body = data -> {
            throw new UnsupportedOperationException("no result for " + Pointer.nativeValue(data));
        };
        try (DiagnosticsFile diagnostics = DiagnosticsFile.create(dir.resolve("default.log"));
                GatedCallback<GLib.GThreadFunc> gated = GateSpec.diagnosticsTo(backend.writerTo(diagnostics.fd()), CallGate.builder(GLib.GThreadFunc.class, body)
                        .name("throwing-thread").policy(Policy.ALLOW).defaultValue(fallback)::build)) {
            List<Pointer> results = GLibThreads.runAndJoin(gated.callback(), WORKERS);

            assertEquals(List.of(fallback, fallback, fallback, fallback), results, "what each g_thread_join returned");
            assertEquals(WORKERS, gated.stats().exceptions(), "exceptions counted");
            List<String> lines = diagnostics.lines();
            assertEquals(1, DiagnosticLines.matching(lines,
                    DiagnosticLines.threw("throwing-thread", UnsupportedOperationException.class)).size(),
                    () -> "one line for the exception class, by default: " + lines);
            assertEquals(1, lines.size(), () -> "nothing else: " + lines);
        }
    }
}
