package dev.callgate.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * GLib's thread pool through FFM downcalls: real native threads, created by GLib, that call a
 * {@code GFunc} upcall ({@code void (*)(gpointer data, gpointer user_data)}). For {@link FfmDemo},
 * the tests and the benchmarks.
 */
final class GLibThreadPool implements AutoCloseable {

    /** {@code GFunc}: {@code void (*)(gpointer data, gpointer user_data)}. */
    static final FunctionDescriptor GFUNC = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS);

    private static final MethodHandle NEW;
    private static final MethodHandle PUSH;
    private static final MethodHandle FREE;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup glib = SymbolLookup.libraryLookup("libglib-2.0.so.0", Arena.global());
        // GThreadPool *g_thread_pool_new(GFunc func, gpointer user_data, gint max_threads, gboolean exclusive, GError **error)
        NEW = linker.downcallHandle(glib.find("g_thread_pool_new").orElseThrow(), FunctionDescriptor.of(ValueLayout.ADDRESS,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        // gboolean g_thread_pool_push(GThreadPool *pool, gpointer data, GError **error)
        PUSH = linker.downcallHandle(glib.find("g_thread_pool_push").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        // void g_thread_pool_free(GThreadPool *pool, gboolean immediate, gboolean wait_)
        FREE = linker.downcallHandle(glib.find("g_thread_pool_free").orElseThrow(), FunctionDescriptor.ofVoid(
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    private final MemorySegment pool;
    private boolean freed;

    private GLibThreadPool(MemorySegment pool) {
        this.pool = pool;
    }

    /** A pool of {@code workers} exclusive threads (started at once) that call {@code gfunc}. */
    static GLibThreadPool start(MemorySegment gfunc, int workers) {
        MemorySegment pool;
        try {
            pool = (MemorySegment) NEW.invokeExact(gfunc, MemorySegment.NULL, workers, 1, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException("g_thread_pool_new failed", t);
        }
        if (pool.address() == 0) {
            throw new IllegalStateException("g_thread_pool_new returned NULL for " + workers + " exclusive workers");
        }
        return new GLibThreadPool(pool);
    }

    /** Queues one item; GLib wants a non-NULL data pointer, so items are 1, 2, ... */
    void push(long item) {
        int ok;
        try {
            ok = (int) PUSH.invokeExact(pool, MemorySegment.ofAddress(item), MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException("g_thread_pool_push failed", t);
        }
        if (ok == 0) {
            throw new IllegalStateException("g_thread_pool_push refused item " + item);
        }
    }

    /** {@code g_thread_pool_free(pool, FALSE, TRUE)}: runs what is queued, then joins the workers. */
    @Override
    public void close() {
        if (freed) {
            return;
        }
        freed = true;
        try {
            FREE.invokeExact(pool, 0, 1);
        } catch (Throwable t) {
            throw new IllegalStateException("g_thread_pool_free failed", t);
        }
    }
}
