package dev.callgate.cli;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * GLib's thread pool ({@code GThreadPool} from libglib-2.0) through JNA: a real native library
 * that creates threads the JVM never sees start, and calls a function on them. The demo and the
 * tests use it as the source of foreign-thread callbacks.
 */
public final class GLibThreadPool implements AutoCloseable {

    /** {@code void (*GFunc)(gpointer data, gpointer user_data)}: what a pool worker calls per pushed item. */
    public interface GFunc extends Callback {
        void invoke(Pointer data, Pointer userData);
    }

    /** The few libglib-2.0 functions the pool needs. */
    interface GLib extends Library {
        /** {@code GThreadPool* g_thread_pool_new(GFunc func, gpointer user_data, gint max_threads, gboolean exclusive, GError** error)} */
        Pointer g_thread_pool_new(GFunc func, Pointer userData, int maxThreads, int exclusive, PointerByReference error);

        /** {@code gboolean g_thread_pool_push(GThreadPool* pool, gpointer data, GError** error)} */
        int g_thread_pool_push(Pointer pool, Pointer data, PointerByReference error);

        /** {@code void g_thread_pool_free(GThreadPool* pool, gboolean immediate, gboolean wait_)} */
        void g_thread_pool_free(Pointer pool, int immediate, int waitForTasks);

        /** {@code guint g_thread_pool_unprocessed(GThreadPool* pool)} */
        int g_thread_pool_unprocessed(Pointer pool);

        /** {@code void g_thread_pool_set_max_unused_threads(gint max_threads)}: idle threads GLib keeps for reuse. */
        void g_thread_pool_set_max_unused_threads(int maxThreads);

        /** {@code void g_thread_pool_stop_unused_threads(void)} */
        void g_thread_pool_stop_unused_threads();
    }

    private static volatile GLib glib;

    private final Pointer pool;
    private final GFunc func; // strongly held: GLib keeps only the function pointer
    private boolean freed;

    private GLibThreadPool(Pointer pool, GFunc func) {
        this.pool = pool;
        this.func = func;
    }

    /** Loads libglib-2.0, or says how to install it. */
    static GLib glib() {
        GLib g = glib;
        if (g == null) {
            try {
                g = Native.load("glib-2.0", GLib.class);
            } catch (UnsatisfiedLinkError e) {
                throw new IllegalStateException("libglib-2.0 is not installed; install it (Debian/Ubuntu: apt-get install"
                        + " libglib2.0-0, Fedora: dnf install glib2, macOS: brew install glib): " + e.getMessage(), e);
            }
            glib = g;
        }
        return g;
    }

    /**
     * Starts an exclusive pool of {@code workers} native threads that call {@code func} for every
     * pushed item. GLib is told to keep no idle threads, so workers exit when the pool is freed.
     */
    public static GLibThreadPool start(GFunc func, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("a thread pool needs at least one worker, got " + workers);
        }
        GLib g = glib();
        g.g_thread_pool_set_max_unused_threads(0);
        PointerByReference error = new PointerByReference();
        Pointer pool = g.g_thread_pool_new(func, null, workers, 1, error);
        if (pool == null) {
            throw new IllegalStateException("g_thread_pool_new failed for " + workers + " workers");
        }
        return new GLibThreadPool(pool, func);
    }

    /** Queues one call of the pool's function with {@code data}, not 0 (GLib's queue refuses NULL), as its first argument. */
    public void push(long data) {
        if (data == 0) {
            throw new IllegalArgumentException("GLib's thread pool refuses NULL items; push a non-zero value");
        }
        if (glib().g_thread_pool_push(pool, new Pointer(data), null) == 0) {
            throw new IllegalStateException("g_thread_pool_push failed");
        }
    }

    /** Items queued but not yet taken by a worker. */
    public int unprocessed() {
        return glib().g_thread_pool_unprocessed(pool);
    }

    /** Waits for every queued item, then frees the pool and lets its threads exit. Idempotent. */
    @Override
    public void close() {
        if (!freed) {
            freed = true;
            glib().g_thread_pool_free(pool, 0, 1);
            glib().g_thread_pool_stop_unused_threads();
        }
    }

    /** The function the pool calls; kept reachable for the pool's lifetime. */
    public GFunc function() {
        return func;
    }
}
