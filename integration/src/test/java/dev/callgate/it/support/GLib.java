package dev.callgate.it.support;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.callgate.cli.GLibThreadPool;

/**
 * The libglib-2.0 functions the tests call directly, beyond what {@link GLibThreadPool} offers:
 * single threads whose function returns a value, and a pool driven without any Java object
 * holding its function.
 */
public interface GLib extends Library {

    /** {@code gpointer (*GThreadFunc)(gpointer data)}: a thread's function; its result is what {@code g_thread_join} returns. */
    interface GThreadFunc extends Callback {
        Pointer run(Pointer data);
    }

    /**
     * {@code GThread *g_thread_new(const gchar *name, GThreadFunc func, gpointer data)}: creates a
     * native thread (a {@code pthread} on Linux) that runs {@code func(data)}. Aborts the program
     * if the thread cannot be created.
     *
     * @return the thread, to be passed to {@link #g_thread_join} exactly once
     */
    Pointer g_thread_new(String name, GThreadFunc func, Pointer data);

    /**
     * {@code gpointer g_thread_join(GThread *thread)}: waits until the thread finished, drops the
     * reference {@code g_thread_new} returned, and returns the value its function returned.
     */
    Pointer g_thread_join(Pointer thread);

    /**
     * {@code GThreadPool *g_thread_pool_new(GFunc func, gpointer user_data, gint max_threads,
     * gboolean exclusive, GError **error)}: a pool whose workers call {@code func(item, user_data)}
     * for every pushed item. An exclusive pool starts its {@code max_threads} workers at once.
     *
     * @return the pool, or NULL with {@code *error} set
     */
    Pointer g_thread_pool_new(GLibThreadPool.GFunc func, Pointer userData, int maxThreads, int exclusive,
            PointerByReference error);

    /** {@code gboolean g_thread_pool_push(GThreadPool *pool, gpointer data, GError **error)}: queues one item; data must not be NULL. */
    int g_thread_pool_push(Pointer pool, Pointer data, PointerByReference error);

    /**
     * {@code void g_thread_pool_free(GThreadPool *pool, gboolean immediate, gboolean wait_)}: frees
     * the pool; with {@code immediate} false and {@code wait_} true, after every queued item ran.
     */
    void g_thread_pool_free(Pointer pool, int immediate, int waitForTasks);

    /** {@code void g_thread_pool_set_max_unused_threads(gint max_threads)}: how many idle workers GLib keeps for reuse. */
    void g_thread_pool_set_max_unused_threads(int maxThreads);

    /** {@code void g_thread_pool_stop_unused_threads(void)}: ends the idle workers beyond that number. */
    void g_thread_pool_stop_unused_threads();

    /**
     * Loads libglib-2.0.
     *
     * @throws AssertionError naming the package to install if it is missing
     */
    static GLib load() {
        try {
            return Native.load("glib-2.0", GLib.class);
        } catch (UnsatisfiedLinkError e) {
            throw new AssertionError("libglib-2.0 is missing; these tests need a real GLib. Install it (Debian/Ubuntu:"
                    + " apt-get install libglib2.0-0): " + e.getMessage(), e);
        }
    }
}
