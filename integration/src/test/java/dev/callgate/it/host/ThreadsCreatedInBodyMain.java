package dev.callgate.it.host;

import dev.callgate.CallGate;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.GLibThreadPool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The child program of {@link ThreadsCreatedInBodyTest}: a body running on a GLib worker (a foreign
 * thread, kept attached in callgate's thread group) hands work to threads that Java code creates
 * there, the way a decoder hands frames to a pool, and those threads call a second gated callback
 * under ABORT. They are JVM threads, whatever group they inherited: the process must not abort.
 * {@code args[0]}: {@code thread}, {@code executor} or {@code supplyAsync}. Prints {@code handed off: N}.
 */
public final class ThreadsCreatedInBodyMain {

    interface Work extends com.sun.jna.Callback {
        int invoke(int n);
    }

    private ThreadsCreatedInBodyMain() {}

    public static void main(String[] args) throws Exception {
        String how = args[0];
        GatedCallback<Work> strict = CallGate.builder(Work.class, (Work) n -> n + 1).name("strict")
                .policy(Policy.ABORT).build();
        int[] results = new int[1];
        GLibThreadPool.GFunc decoder = (data, user) -> {
            try {
                results[0] = handOff(how, strict.callback());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        try (GatedCallback<GLibThreadPool.GFunc> gated = CallGate.builder(GLibThreadPool.GFunc.class, decoder)
                .name("decoder").policy(Policy.ALLOW).build();
                GLibThreadPool pool = GLibThreadPool.start(gated.callback(), 1)) {
            pool.push(1);
        }
        System.out.println("handed off: " + results[0]);
    }

    private static int handOff(String how, Work work) throws Exception {
        switch (how) {
            case "thread": {
                int[] out = new int[1];
                Thread t = new Thread(() -> out[0] = work.invoke(41));
                t.start();
                t.join();
                return out[0];
            }
            case "executor": {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    return pool.submit(() -> work.invoke(41)).get(30, TimeUnit.SECONDS);
                } finally {
                    pool.shutdown();
                }
            }
            case "supplyAsync":
                return CompletableFuture.supplyAsync(() -> work.invoke(41)).get(30, TimeUnit.SECONDS);
            default:
                throw new IllegalArgumentException(how);
        }
    }
}
