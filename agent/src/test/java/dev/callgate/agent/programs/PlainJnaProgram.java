package dev.callgate.agent.programs;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An unmodified application: it uses only JNA (no callgate class anywhere) and knows nothing of the
 * agent. Modes:
 *
 * <ul>
 *   <li>{@code pool}: GLib's thread pool calls an interface-mapped {@code GFunc} from native workers</li>
 *   <li>{@code direct}: the same, through direct-mapped ({@code Native.register}) GLib functions</li>
 *   <li>{@code qsort}: libc {@code qsort} calls a Java comparator on the JVM's main thread</li>
 * </ul>
 *
 * Arguments after the mode: {@code calls=N}, {@code workers=N}, {@code throw} (the body throws),
 * {@code wait} (print {@code ready} and wait for a line on stdin first), {@code named} (the
 * application registers its own {@code CallbackThreadInitializer} naming native threads
 * {@code app-worker}, daemon, kept attached), {@code exit=N}. Prints
 * {@code calls=}, {@code javaThreads=}, {@code threadNames=} and {@code nsPerCall=} (pool modes: the
 * worker is held at its first call until every item is queued, then the time from the end of that
 * call to the end of the last, per call), and {@code gatedCalls=} and {@code gatedForeignCalls=}
 * (callgate's totals, read reflectively since this program knows nothing of callgate; {@code none}
 * without the agent), then exits with the given status.
 */
public final class PlainJnaProgram {

    /** {@code void (*GFunc)(gpointer data, gpointer user_data)}. */
    public interface Tick extends Callback {
        void invoke(Pointer data, Pointer userData);
    }

    /** {@code int (*compar)(const void *, const void *)}. */
    public interface Compare extends Callback {
        int invoke(Pointer a, Pointer b);
    }

    public interface GLib extends Library {
        Pointer g_thread_pool_new(Tick func, Pointer userData, int maxThreads, int exclusive, Pointer error);

        int g_thread_pool_push(Pointer pool, Pointer data, Pointer error);

        void g_thread_pool_free(Pointer pool, int immediate, int waitForTasks);
    }

    public interface LibC extends Library {
        void qsort(Pointer base, long count, long size, Compare compare);
    }

    /** The same GLib functions, direct-mapped. */
    public static final class DirectGLib {
        static {
            Native.register("glib-2.0");
        }

        public static native Pointer g_thread_pool_new(Tick func, Pointer userData, int maxThreads, int exclusive,
                Pointer error);

        public static native int g_thread_pool_push(Pointer pool, Pointer data, Pointer error);

        public static native void g_thread_pool_free(Pointer pool, int immediate, int waitForTasks);
    }

    /** A named callback class, so that diagnostics name it. */
    static final class Worker implements Tick {
        final AtomicLong calls = new AtomicLong();
        final Set<Thread> threads = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        final boolean fail;
        final int expected;
        final CountDownLatch pushed = new CountDownLatch(1);
        volatile long firstDone;
        volatile long lastDone;

        Worker(boolean fail, int expected) {
            this.fail = fail;
            this.expected = expected;
        }

        @Override
        public void invoke(Pointer data, Pointer userData) {
            threads.add(Thread.currentThread());
            long n = calls.incrementAndGet();
            if (n == 1) { // hold the worker until every item is queued: then only callbacks are timed
                try {
                    pushed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                firstDone = System.nanoTime();
            }
            if (n == expected) {
                lastDone = System.nanoTime();
            }
            if (fail) {
                throw new IllegalStateException("worker failed on item " + Pointer.nativeValue(data));
            }
        }
    }

    private PlainJnaProgram() {}

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        int calls = 10_000;
        int workers = 1;
        int exit = 0;
        boolean fail = false;
        boolean wait = false;
        boolean named = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("calls=")) {
                calls = Integer.parseInt(a.substring(6));
            } else if (a.startsWith("workers=")) {
                workers = Integer.parseInt(a.substring(8));
            } else if (a.startsWith("exit=")) {
                exit = Integer.parseInt(a.substring(5));
            } else if (a.equals("throw")) {
                fail = true;
            } else if (a.equals("wait")) {
                wait = true;
            } else if (a.equals("named")) {
                named = true;
            }
        }
        if (wait) { // JNA loaded and one callback converted before the agent may come
            Worker early = new Worker(false, 10);
            early.pushed.countDown();
            GLib glib = Native.load("glib-2.0", GLib.class);
            Pointer pool = glib.g_thread_pool_new(early, null, 1, 1, null);
            for (int i = 1; i <= 10; i++) {
                glib.g_thread_pool_push(pool, new Pointer(i), null);
            }
            glib.g_thread_pool_free(pool, 0, 1);
            System.out.println("ready " + ProcessHandle.current().pid());
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (mode.equals("qsort")) {
            qsort(calls);
        } else {
            pool(mode.equals("direct"), calls, workers, fail, named);
        }
        printGatedTotals();
        System.exit(exit);
    }

    /** callgate's totals when the agent put callgate on the class path. */
    private static void printGatedTotals() {
        try {
            Object totals = Class.forName("dev.callgate.CallGate").getMethod("totals").invoke(null);
            System.out.println("gatedCalls=" + totals.getClass().getMethod("calls").invoke(totals));
            System.out.println("gatedForeignCalls=" + totals.getClass().getMethod("foreignCalls").invoke(totals));
        } catch (ReflectiveOperationException noAgent) {
            System.out.println("gatedCalls=none");
        }
    }

    private static void pool(boolean direct, int calls, int workers, boolean fail, boolean named) {
        Worker worker = new Worker(fail, calls);
        if (named) {
            Native.setCallbackThreadInitializer(worker, new CallbackThreadInitializer(true, false, "app-worker"));
        }
        GLib glib = direct ? null : Native.load("glib-2.0", GLib.class);
        Pointer pool = direct ? DirectGLib.g_thread_pool_new(worker, null, workers, 1, null)
                : glib.g_thread_pool_new(worker, null, workers, 1, null);
        for (int i = 1; i <= calls; i++) {
            if (direct) {
                DirectGLib.g_thread_pool_push(pool, new Pointer(i), null);
            } else {
                glib.g_thread_pool_push(pool, new Pointer(i), null);
            }
        }
        worker.pushed.countDown();
        if (direct) {
            DirectGLib.g_thread_pool_free(pool, 0, 1);
        } else {
            glib.g_thread_pool_free(pool, 0, 1);
        }
        StringBuilder names = new StringBuilder();
        synchronized (worker.threads) {
            worker.threads.stream().limit(3).forEach(t -> names.append(t.getName()).append(t.isDaemon() ? "(daemon);" : ";"));
        }
        System.out.println("calls=" + worker.calls.get());
        System.out.println("javaThreads=" + worker.threads.size());
        System.out.println("threadNames=" + names);
        System.out.println("nsPerCall=" + (worker.lastDone - worker.firstDone) / Math.max(1, calls - 1));
    }

    private static void qsort(int compares) {
        LibC libc = Native.load("c", LibC.class);
        int n = 2_000;
        Memory data = new Memory(4L * n);
        AtomicLong count = new AtomicLong();
        Compare byValue = (a, b) -> {
            count.incrementAndGet();
            return Integer.compare(a.getInt(0), b.getInt(0));
        };
        long spent = 0;
        long seed = 42;
        while (count.get() < compares) {
            for (int i = 0; i < n; i++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                data.setInt(4L * i, (int) (seed >>> 33));
            }
            long started = System.nanoTime();
            libc.qsort(data, n, 4, byValue);
            spent += System.nanoTime() - started;
        }
        System.out.println("calls=" + count.get());
        System.out.println("javaThreads=1");
        System.out.println("nsPerCall=" + spent / Math.max(1, count.get()));
    }
}
