package dev.callgate.it.support;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/** Runs a {@link GLib.GThreadFunc} on fresh GLib threads and collects what each returned. */
public final class GLibThreads {

    private static final GLib GLIB = GLib.load();

    private GLibThreads() {}

    /**
     * Starts {@code count} GLib threads at once, each running {@code func} with data 1..count, joins
     * them all, and returns each thread's result in start order. The threads exist only for this
     * call: each has exited when this returns.
     */
    public static List<Pointer> runAndJoin(GLib.GThreadFunc func, int count) {
        List<Pointer> threads = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            threads.add(GLIB.g_thread_new("callgate-test-" + i, func, new Pointer(i)));
        }
        List<Pointer> results = new ArrayList<>();
        for (Pointer thread : threads) {
            results.add(GLIB.g_thread_join(thread));
        }
        return results;
    }
}
