package dev.callgate.cli;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.callgate.BackendSelection;
import dev.callgate.CallGate;
import dev.callgate.CallbackStats;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.GLibThreadPool;
import dev.callgate.fixtures.LibC;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code callgate demo}: GLib's thread pool calls a gated callback from native threads the JVM did
 * not create, then a JVM thread sorts through libc {@code qsort} with a gated comparator. What
 * happened goes to stdout; the diagnostics themselves go to fd 2 through the OS backend.
 */
final class Demo {

    private static final int SORTED_INTS = 64;

    private final DemoOptions options;
    private final PrintStream out;

    Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run() {
        BackendSelection selection = CallGate.selection();
        out.println("callgate demo");
        out.println("backend: " + selection.id());
        out.println("selected by: " + selection.how());
        out.println("policy: " + options.policy());
        out.println("attachment: " + options.attachment());
        out.println("glib workers: " + options.threads());
        out.flush(); // under ABORT the process dies inside the pool: keep what was said so far

        AtomicLong bodyRuns = new AtomicLong();
        Set<Thread> javaThreads = ConcurrentHashMap.newKeySet(); // one per attachment
        GLibThreadPool.GFunc body = (data, userData) -> {
            bodyRuns.incrementAndGet();
            javaThreads.add(Thread.currentThread());
            if (options.throwing()) {
                throw new IllegalStateException("demo body failed on item " + Pointer.nativeValue(data));
            }
        };
        CallbackStats poolStats;
        try (GatedCallback<GLibThreadPool.GFunc> tick = CallGate.builder(GLibThreadPool.GFunc.class, body)
                .name("demo-tick").policy(options.policy()).attachment(options.attachment()).build();
                GLibThreadPool pool = GLibThreadPool.start(tick.callback(), options.threads())) {
            for (long i = 1; i <= options.calls(); i++) {
                pool.push(i);
            }
            pool.close(); // waits until every item was called back
            poolStats = tick.stats();
        }
        out.println("calls: " + poolStats.calls());
        out.println("body runs: " + bodyRuns.get());
        out.println("foreign calls: " + poolStats.foreignCalls());
        out.println("foreign threads: " + poolStats.foreignThreads());
        out.println("java threads attached: " + javaThreads.size());
        out.println("rejected: " + poolStats.rejected());
        out.println("exceptions: " + poolStats.exceptions());
        out.println("diagnostics written: " + poolStats.diagnosticsWritten());
        out.println("diagnostics failed: " + poolStats.diagnosticsFailed());
        out.println("diagnostics dropped: " + poolStats.diagnosticsDropped());

        CallbackStats sortStats = sortOnThisThread();
        out.println("qsort comparisons: " + sortStats.calls());
        out.println("qsort foreign calls: " + sortStats.foreignCalls());
        out.println("qsort diagnostics: " + sortStats.diagnosticsWritten());
        out.println("totals: " + CallGate.totals());
        return 0;
    }

    /** libc qsort calls the comparator back on this JVM thread: the gate must stay silent. */
    private CallbackStats sortOnThisThread() {
        LibC libc = LibC.load();
        Memory ints = new Memory((long) SORTED_INTS * Integer.BYTES);
        for (int i = 0; i < SORTED_INTS; i++) {
            ints.setInt((long) i * Integer.BYTES, (i * 37) % SORTED_INTS);
        }
        LibC.Comparator byValue = (a, b) -> Integer.compare(a.getInt(0), b.getInt(0));
        try (GatedCallback<LibC.Comparator> compare = CallGate.builder(LibC.Comparator.class, byValue)
                .name("demo-compare").policy(Policy.WARN).build()) {
            libc.qsort(ints, new LibC.SizeT(SORTED_INTS), new LibC.SizeT(Integer.BYTES), compare.callback());
            for (int i = 1; i < SORTED_INTS; i++) {
                if (ints.getInt((long) (i - 1) * Integer.BYTES) > ints.getInt((long) i * Integer.BYTES)) {
                    throw new IllegalStateException("qsort through the gate left the array unsorted at " + i);
                }
            }
            out.println("qsort sorted: " + SORTED_INTS + " ints");
            return compare.stats();
        }
    }
}
