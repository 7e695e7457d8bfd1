package dev.callgate.it.support;

import com.sun.jna.Pointer;
import dev.callgate.cli.GLibThreadPool;

/**
 * A GLib thread pool that, like C code, keeps only the function pointer: no Java object of this
 * class refers to the callback the pool calls. Unlike {@link GLibThreadPool}, which holds its
 * function strongly, it lets a test prove that something else (callgate's registry of open gated
 * callbacks) keeps the callback reachable while native code may still call it.
 */
public final class PointerOnlyGLibPool implements AutoCloseable {

    private static final GLib GLIB = GLib.load();

    private final Pointer pool;
    private boolean freed;

    private PointerOnlyGLibPool(Pointer pool) {
        this.pool = pool;
    }

    /**
     * An exclusive pool of {@code workers} native threads calling {@code func}. The caller may drop
     * every reference to {@code func} afterwards; this object keeps none.
     */
    public static PointerOnlyGLibPool start(GLibThreadPool.GFunc func, int workers) {
        GLIB.g_thread_pool_set_max_unused_threads(0); // workers exit when the pool is freed
        Pointer pool = GLIB.g_thread_pool_new(func, null, workers, 1, null);
        if (pool == null) {
            throw new AssertionError("g_thread_pool_new failed for " + workers + " workers");
        }
        return new PointerOnlyGLibPool(pool);
    }

    /** Queues one call with {@code data} (not 0: GLib refuses NULL items). */
    public void push(long data) {
        if (GLIB.g_thread_pool_push(pool, new Pointer(data), null) == 0) {
            throw new AssertionError("g_thread_pool_push failed for item " + data);
        }
    }

    /** Waits for every queued item, frees the pool and lets its workers exit. Idempotent. */
    @Override
    public void close() {
        if (!freed) {
            freed = true;
            GLIB.g_thread_pool_free(pool, 0, 1);
            GLIB.g_thread_pool_stop_unused_threads();
        }
    }
}
