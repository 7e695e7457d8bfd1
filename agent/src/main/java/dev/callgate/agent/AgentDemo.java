package dev.callgate.agent;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A self-contained scenario for the agent: a plain JNA program (no callgate API in its callback)
 * whose callback GLib's thread pool calls from native threads. Run it as
 * {@code java -javaagent:callgate-agent.jar -cp callgate-agent.jar:jna.jar dev.callgate.agent.AgentDemo [calls]}.
 * Prints {@code agent: gated N callbacks} (N calls passed a gate) and exits 0; without the agent
 * it says so and exits 2. Needs libglib-2.0.
 */
public final class AgentDemo {

    /** {@code void (*GFunc)(gpointer data, gpointer user_data)}. */
    public interface GFunc extends Callback {
        void invoke(Pointer data, Pointer userData);
    }

    /** The three GLib thread pool functions the demo calls. */
    public interface GLib extends Library {
        Pointer g_thread_pool_new(GFunc func, Pointer userData, int maxThreads, int exclusive, Pointer error);

        int g_thread_pool_push(Pointer pool, Pointer data, Pointer error);

        void g_thread_pool_free(Pointer pool, int immediate, int waitForTasks);
    }

    private AgentDemo() {}

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        // The runtime soname on Linux: JNA finds "glib-2.0" there by listing directories, which a 32-bit
        // JVM under qemu-user cannot do (docs/os-support.md: "32-bit JVMs under emulation").
        GLib glib = Native.load(Platform.isLinux() ? "libglib-2.0.so.0" : "glib-2.0", GLib.class);
        AtomicLong ran = new AtomicLong();
        Set<Thread> threads = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        GFunc tick = (data, user) -> {
            threads.add(Thread.currentThread());
            ran.incrementAndGet();
        };
        Pointer pool = glib.g_thread_pool_new(tick, null, 2, 0, null);
        for (int i = 1; i <= calls; i++) {
            glib.g_thread_pool_push(pool, new Pointer(i), null);
        }
        glib.g_thread_pool_free(pool, 0, 1);
        long gated = AgentHooks.active() ? CallGate.totals().calls() : 0;
        System.out.println("agent: ran " + ran.get() + " callbacks on " + threads.size() + " Java thread(s)");
        if (!AgentHooks.active()) {
            System.out.println("agent: not loaded; run with -javaagent:callgate-agent.jar");
            System.exit(2);
        }
        System.out.println("agent: gated " + gated + " callbacks");
        System.exit(gated == ran.get() ? 0 : 1);
    }
}
