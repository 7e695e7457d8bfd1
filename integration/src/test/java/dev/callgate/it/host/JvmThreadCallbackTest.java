package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import dev.callgate.CallGate;
import dev.callgate.CallbackStats;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.GLib;
import dev.callgate.fixtures.GLibThreads;
import dev.callgate.fixtures.LibC;
import dev.callgate.internal.GateSpec;
import dev.callgate.it.support.DiagnosticLines;
import dev.callgate.it.support.DiagnosticsFile;
import dev.callgate.spi.OsBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM thread that calls native code which calls back on the same thread (libc
 * {@code qsort} with a Java comparator) is not foreign, so even {@link Policy#WARN} stays silent. The
 * control runs the same gated comparator under {@code qsort} on a GLib thread, where it must speak,
 * so silence cannot come from a broken writer.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class JvmThreadCallbackTest {

    private static final int INTS = 257;
    private static final LibC LIBC = LibC.load();

    private final OsBackend backend = LinuxHost.backend();

    @TempDir
    Path dir;

    /** {@value #INTS} ints in a scrambled order (a permutation: 101 and 257 are coprime). */
    private static Memory scrambledInts() {
        Memory ints = new Memory((long) INTS * Integer.BYTES);
        for (int i = 0; i < INTS; i++) {
            ints.setInt((long) i * Integer.BYTES, (i * 101) % INTS);
        }
        return ints;
    }

    private static void assertSortedPermutation(Memory ints) {
        for (int i = 0; i < INTS; i++) {
            assertEquals(i, ints.getInt((long) i * Integer.BYTES), "element " + i + " after qsort");
        }
    }

    private static void sort(Memory ints, LibC.Comparator comparator) {
        LIBC.qsort(ints, new LibC.SizeT(INTS), new LibC.SizeT(Integer.BYTES), comparator);
    }

    private GatedCallback<LibC.Comparator> gatedComparator(String name, DiagnosticsFile diagnostics) {
        LibC.Comparator byValue = (a, b) -> Integer.compare(a.getInt(0), b.getInt(0));
        return GateSpec.diagnosticsTo(backend.writerTo(diagnostics.fd()), CallGate.builder(LibC.Comparator.class, byValue).name(name).policy(Policy.WARN)::build);
    }

    private static void assertSilentJvmThreadCalls(CallbackStats stats, List<String> lines) {
        assertTrue(stats.calls() >= INTS - 1, () -> "qsort must have called the comparator: " + stats);
        assertEquals(0, stats.foreignCalls(), () -> "a JVM thread is not foreign: " + stats);
        assertEquals(0, stats.diagnosticsWritten(), "diagnostics written");
        assertEquals(List.of(), lines, "no diagnostic for a JVM thread, even under WARN");
    }

    @Test
    void qsortOnTheTestThreadIsSilentUnderWarn() {
        try (DiagnosticsFile diagnostics = DiagnosticsFile.create(dir.resolve("main.log"));
                GatedCallback<LibC.Comparator> compare = gatedComparator("compare-main", diagnostics)) {
            Memory ints = scrambledInts();
            sort(ints, compare.callback());

            assertSortedPermutation(ints);
            assertSilentJvmThreadCalls(compare.stats(), diagnostics.lines());
        }
    }

    @Test
    void qsortOnAJavaStartedThreadIsSilentUnderWarn() throws Exception {
        try (DiagnosticsFile diagnostics = DiagnosticsFile.create(dir.resolve("thread.log"));
                GatedCallback<LibC.Comparator> compare = gatedComparator("compare-thread", diagnostics)) {
            Memory ints = scrambledInts();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread sorter = new Thread(() -> sort(ints, compare.callback()), "jvm-sorter");
            sorter.setUncaughtExceptionHandler((t, e) -> failure.set(e));
            sorter.start();
            sorter.join();

            assertEquals(null, failure.get(), "the sorting thread failed");
            assertSortedPermutation(ints);
            assertSilentJvmThreadCalls(compare.stats(), diagnostics.lines());
        }
    }

    @Test
    void controlTheSameComparatorUnderQsortOnAGLibThreadIsDiagnosed() {
        try (DiagnosticsFile diagnostics = DiagnosticsFile.create(dir.resolve("glib.log"));
                GatedCallback<LibC.Comparator> compare = gatedComparator("compare-glib", diagnostics)) {
            Memory ints = scrambledInts();
            GLib.GThreadFunc sortHere = data -> {
                sort(ints, compare.callback());
                return null;
            };
            // The thread function is gated too (kept attached): were it a plain JNA callback, JNA 5.19
            // would try to detach after each nested comparator call and print "JNA: could not detach
            // thread" every time (dispatch_callback reuses the outer attachment's needs_detach flag).
            try (GatedCallback<GLib.GThreadFunc> thread = CallGate.builder(GLib.GThreadFunc.class, sortHere)
                    .name("sorting-thread").policy(Policy.ALLOW).build()) {
                GLibThreads.runAndJoin(thread.callback(), 1);
            }

            assertSortedPermutation(ints);
            CallbackStats stats = compare.stats();
            assertEquals(stats.calls(), stats.foreignCalls(), () -> "every comparison ran on the GLib thread: " + stats);
            List<String> lines = diagnostics.lines();
            assertEquals(stats.calls(), DiagnosticLines.matching(lines,
                    DiagnosticLines.foreignThread("compare-glib", "linux")).size(), () -> "WARN, one per call: " + lines);
        }
    }
}
