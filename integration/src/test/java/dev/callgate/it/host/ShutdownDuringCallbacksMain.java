package dev.callgate.it.host;

import dev.callgate.CallGate;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.GLibThreadPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The child program of {@link ShutdownTest}: a GLib pool keeps calling a gated callback while
 * {@code System.exit(0)} runs. Prints {@code body runs before exit: N} and, from a shutdown hook,
 * {@code calls during shutdown: N}.
 *
 * <p>Shutdown hooks run concurrently and only until the last one returns, so without help the
 * window in which a native call meets a shutting-down JVM can be too short to observe. The hook
 * here keeps it open until the gate has counted such a call (at most {@link #SHUTDOWN_WAIT_MS}).
 */
public final class ShutdownDuringCallbacksMain {

    /** The gated callback's name, as the diagnostics give it. */
    static final String CALLBACK = "shutdown-tick";

    static final long SHUTDOWN_WAIT_MS = 10_000;
    private static final int WORKERS = 2;
    private static final int ITEMS = 5_000; // 2 ms each on 2 workers: the pool is still busy at exit
    private static final int RUNS_BEFORE_EXIT = 20;

    // Static, so nothing about reachability depends on this frame.
    private static GatedCallback<GLibThreadPool.GFunc> tick;
    private static GLibThreadPool pool;

    private ShutdownDuringCallbacksMain() {}

    public static void main(String[] args) throws InterruptedException {
        LongAdder runs = new LongAdder();
        GLibThreadPool.GFunc body = (data, userData) -> {
            runs.increment();
            sleepQuietly(2);
        };
        tick = CallGate.builder(GLibThreadPool.GFunc.class, body).name(CALLBACK).policy(Policy.WARN_ONCE).build();
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownDuringCallbacksMain::awaitACallDuringShutdown,
                "await-call-during-shutdown"));
        pool = GLibThreadPool.start(tick.callback(), WORKERS);
        for (long i = 1; i <= ITEMS; i++) {
            pool.push(i);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runs.sum() < RUNS_BEFORE_EXIT && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        System.out.println("body runs before exit: " + runs.sum());
        System.out.flush();
        System.exit(0); // the pool still holds thousands of items
    }

    private static void awaitACallDuringShutdown() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_WAIT_MS);
        while (CallGate.totals().callsDuringShutdown() == 0 && System.nanoTime() < deadline) {
            sleepQuietly(5);
        }
        System.out.println("calls during shutdown: " + CallGate.totals().callsDuringShutdown());
        System.out.flush();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
