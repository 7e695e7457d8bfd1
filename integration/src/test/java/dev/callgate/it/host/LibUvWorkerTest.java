package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.CallGate;
import dev.callgate.CallbackStats;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.internal.GateSpec;
import dev.callgate.fixtures.LibUvThreadPool;
import dev.callgate.it.support.DiagnosticLines;
import dev.callgate.it.support.DiagnosticsFile;
import dev.callgate.it.support.Waits;
import dev.callgate.spi.OsBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second real thread pool: libuv's workers (created by libuv, never by the JVM) call a gated
 * work callback; the gate counts every call as foreign and, under {@code WARN_ONCE}, writes one
 * line naming a live libuv worker.
 *
 * <p>The workers stay attached (callgate's default). libuv joins them from a library destructor
 * while the process exits, which would hang this test JVM's exit without callgate's exit guard
 * ({@link ExitWithKeptAttachedThreadsTest} shows both).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class LibUvWorkerTest {

    private static final int REQUESTS = 500;

    private final OsBackend backend = LinuxHost.backend();

    @TempDir
    Path dir;

    @Test
    void everyLibUvWorkCallbackIsForeignAndWarnOnceSpeaksOnce() {
        String name = "uv-work";
        Pattern foreign = DiagnosticLines.foreignThread(name, "linux");
        Set<Long> items = ConcurrentHashMap.newKeySet();
        Set<Long> bodyTids = ConcurrentHashMap.newKeySet();
        LibUvThreadPool.WorkCallback body = request -> {
            items.add(LibUvThreadPool.item(request));
            bodyTids.add(backend.currentNativeThreadId());
        };
        try (DiagnosticsFile diagnostics = DiagnosticsFile.create(dir.resolve(name + ".log"));
                GatedCallback<LibUvThreadPool.WorkCallback> gated = GateSpec.diagnosticsTo(backend.writerTo(diagnostics.fd()), CallGate.builder(
                        LibUvThreadPool.WorkCallback.class,
                        body).name(name).policy(Policy.WARN_ONCE)::build)) {
            assertEquals(REQUESTS, LibUvThreadPool.runWork(gated.callback(), REQUESTS), "requests completed");
            Waits.until(Duration.ofSeconds(10), () -> gated.stats().diagnosticsWritten() >= 1, "the one diagnostic",
                    () -> gated.stats().toString());

            CallbackStats stats = gated.stats();
            assertEquals(REQUESTS, stats.calls(), "calls");
            assertEquals(REQUESTS, stats.foreignCalls(), () -> "every libuv worker call is foreign: " + stats);
            assertEquals(REQUESTS, items.size(), "each request ran its own item once");
            int poolSize = Integer.parseInt(System.getenv().getOrDefault("UV_THREADPOOL_SIZE", "4"));
            assertTrue(!bodyTids.isEmpty() && bodyTids.size() <= poolSize, () -> "libuv workers " + bodyTids);
            assertEquals(bodyTids.size(), stats.foreignThreads(), "distinct native threads");
            assertTrue(!bodyTids.contains(backend.currentNativeThreadId()), "the loop's thread ran no work");

            var lines = diagnostics.lines();
            assertEquals(1, DiagnosticLines.matching(lines, foreign).size(), () -> "WARN_ONCE: " + lines);
            assertEquals(1, lines.size(), () -> "nothing else: " + lines);
            long diagnosed = DiagnosticLines.numbers(lines, foreign).get(0);
            assertTrue(bodyTids.contains(diagnosed), () -> "the line names a worker the body ran on: " + lines);
            // libuv's workers live as long as the process: the named thread is still there.
            assertTrue(LinuxHost.isThreadOfThisProcess(diagnosed), () -> diagnosed + " is a thread of this process");
        }
    }
}
