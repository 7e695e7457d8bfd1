package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.CallbackStats;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each policy against real GLib worker threads, the diagnostics read
 * back from a file the Linux backend's {@code write(2)} filled. ABORT kills the process, so it is
 * checked in a child JVM by {@link DemoEndToEndTest}.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class ForeignPolicyTest {

    private static final int WORKERS = 4;
    private static final int CALLS = 1000;

    private final OsBackend backend = LinuxHost.backend();

    @TempDir
    Path dir;

    /**
     * What one policy did to {@value #CALLS} calls from {@value #WORKERS} GLib workers.
     *
     * @param diagnosedTidsAlive whether every native thread id named in a diagnostic was a live
     *     thread of this process while the workers still ran
     */
    record PoolRun(String name, CallbackStats stats, long bodyRuns, Set<Long> bodyTids, List<String> lines,
            List<Long> diagnosedTids, boolean diagnosedTidsAlive) {}

    /** Runs the pool under {@code policy}; {@code expectedLines} bounds only the wait for the last write. */
    private PoolRun runPool(Policy policy, long expectedLines) {
        String name = "policy-" + policy.name().toLowerCase(Locale.ROOT);
        Pattern foreign = DiagnosticLines.foreignThread(name, "linux");
        LongAdder bodyRuns = new LongAdder();
        Set<Long> bodyTids = ConcurrentHashMap.newKeySet();
        GLibThreadPool.GFunc body = (data, userData) -> {
            bodyRuns.increment();
            bodyTids.add(backend.currentNativeThreadId());
        };
        try (DiagnosticsFile diagnostics = DiagnosticsFile.create(dir.resolve(name + ".log"));
                GatedCallback<GLibThreadPool.GFunc> gated = GateSpec.diagnosticsTo(backend.writerTo(diagnostics.fd()), CallGate.builder(GLibThreadPool.GFunc.class, body)
                        .name(name).policy(policy)::build)) {
            List<Long> tidsWhileRunning;
            boolean alive;
            try (GLibThreadPool pool = GLibThreadPool.start(gated.callback(), WORKERS)) {
                for (long i = 1; i <= CALLS; i++) {
                    pool.push(i);
                }
                Waits.until(Duration.ofSeconds(30), () -> gated.stats().calls() == CALLS
                        && gated.stats().diagnosticsWritten() + gated.stats().diagnosticsFailed() >= expectedLines,
                        CALLS + " calls and " + expectedLines + " diagnostics", () -> gated.stats().toString());
                // The exclusive pool's workers are still alive here, so their ids can be looked up.
                tidsWhileRunning = DiagnosticLines.numbers(diagnostics.lines(), foreign);
                alive = tidsWhileRunning.stream().allMatch(LinuxHost::isThreadOfThisProcess);
            }
            List<String> lines = diagnostics.lines(); // after the pool is gone: nothing more may appear
            return new PoolRun(name, gated.stats(), bodyRuns.sum(), Set.copyOf(bodyTids), lines,
                    DiagnosticLines.numbers(lines, foreign), alive && !tidsWhileRunning.isEmpty());
        }
    }

    private static void assertEveryLineIsTheForeignDiagnostic(PoolRun run) {
        Pattern foreign = DiagnosticLines.foreignThread(run.name(), "linux");
        assertEquals(run.lines().size(), DiagnosticLines.matching(run.lines(), foreign).size(),
                () -> "every line must read exactly \"" + foreign.pattern() + "\": " + run.lines());
        assertTrue(run.diagnosedTidsAlive(), () -> "diagnosed native thread ids " + run.diagnosedTids()
                + " must be live threads of this process");
    }

    @Test
    void warnOnceWritesExactlyOneLineAndRunsEveryCall() {
        PoolRun run = runPool(Policy.WARN_ONCE, 1);

        assertEquals(1, run.lines().size(), () -> "WARN_ONCE: " + run.lines());
        assertEveryLineIsTheForeignDiagnostic(run);
        assertTrue(run.bodyTids().containsAll(run.diagnosedTids()), "the diagnosed thread is one the body ran on");
        assertEquals(CALLS, run.bodyRuns(), "body runs");
        assertEquals(CALLS, run.stats().foreignCalls(), "foreign calls");
        assertEquals(0, run.stats().rejected(), "rejected");
    }

    @Test
    void warnWritesOneLinePerCall() {
        PoolRun run = runPool(Policy.WARN, CALLS);

        assertEquals(CALLS, run.lines().size(), "WARN: one line per foreign call");
        assertEveryLineIsTheForeignDiagnostic(run);
        assertEquals(run.bodyTids(), new HashSet<>(run.diagnosedTids()),
                "each line names the native thread the call came from");
        assertTrue(run.bodyTids().size() <= WORKERS, () -> "at most " + WORKERS + " workers: " + run.bodyTids());
        assertEquals(CALLS, run.bodyRuns(), "body runs");
        assertEquals(CALLS, run.stats().diagnosticsWritten(), "diagnostics written");
    }

    @Test
    void rejectNeverRunsTheBodyAndCountsEveryCall() {
        PoolRun run = runPool(Policy.REJECT, 1);

        assertEquals(0, run.bodyRuns(), "REJECT must not run the body");
        assertEquals(CALLS, run.stats().rejected(), "rejected");
        assertEquals(1, run.lines().size(), () -> "REJECT writes the first rejection only: " + run.lines());
        assertEveryLineIsTheForeignDiagnostic(run);
    }

    @Test
    void rejectHandsNativeCodeTheDefaultValue() {
        Pointer fallback = new Pointer(0xD0);
        LongAdder bodyRuns = new LongAdder();
        GLib.GThreadFunc body = data -> {
            bodyRuns.increment();
            return new Pointer(0xB0D7);
        };
        try (DiagnosticsFile diagnostics = DiagnosticsFile.create(dir.resolve("reject-default.log"));
                GatedCallback<GLib.GThreadFunc> gated = GateSpec.diagnosticsTo(backend.writerTo(diagnostics.fd()), CallGate.builder(GLib.GThreadFunc.class, body)
                        .name("reject-default").policy(Policy.REJECT).defaultValue(fallback)::build)) {
            List<Pointer> results = GLibThreads.runAndJoin(gated.callback(), WORKERS);

            assertEquals(List.of(fallback, fallback, fallback, fallback), results, "g_thread_join results");
            assertEquals(0, bodyRuns.sum(), "body runs");
            assertEquals(WORKERS, gated.stats().rejected(), "rejected");
            assertEquals(1, DiagnosticLines.matching(diagnostics.lines(),
                    DiagnosticLines.foreignThread("reject-default", "linux")).size(), () -> "" + diagnostics.lines());
        }
    }

    @Test
    void allowWritesNothingAndRunsEveryCall() {
        PoolRun run = runPool(Policy.ALLOW, 0);

        assertEquals(List.of(), run.lines(), "ALLOW writes nothing");
        assertEquals(CALLS, run.bodyRuns(), "body runs");
        assertEquals(CALLS, run.stats().foreignCalls(), "ALLOW still counts foreign calls");
        assertEquals(0, run.stats().diagnosticsWritten(), "diagnostics written");
    }
}
