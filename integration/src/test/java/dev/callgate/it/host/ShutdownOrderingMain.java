package dev.callgate.it.host;

import dev.callgate.CallGate;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.GLibThreadPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child program of {@link ShutdownOrderingTest}: the teardown order docs/lifecycle.md recommends. The
 * application's own shutdown hook closes the callback (a barrier) and only then frees what the body
 * uses; GLib workers keep calling a body that takes time while {@code System.exit(0)} runs. Prints
 * {@code bodies running at exit: N} just before {@code System.exit}, and {@code used after free: N}
 * from the hook, after the free. Ends with status 2 if GLib never got going.
 */
public final class ShutdownOrderingMain {

    private static final AtomicBoolean FREED = new AtomicBoolean();
    private static final AtomicLong USED_AFTER_FREE = new AtomicLong();
    private static GatedCallback<GLibThreadPool.GFunc> decoder;
    private static GLibThreadPool pool;

    private ShutdownOrderingMain() {}

    public static void main(String[] args) throws InterruptedException {
        AtomicLong runs = new AtomicLong();
        AtomicLong running = new AtomicLong();
        GLibThreadPool.GFunc body = (data, user) -> {
            runs.incrementAndGet();
            running.incrementAndGet();
            for (int i = 0; i < 4; i++) {
                if (FREED.get()) {
                    USED_AFTER_FREE.incrementAndGet(); // in a real application: a use after free
                }
                sleep(5);
            }
            running.decrementAndGet();
        };
        decoder = CallGate.builder(GLibThreadPool.GFunc.class, body).name("decoder").policy(Policy.ALLOW).build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            decoder.close(); // the barrier: no body runs after this returns
            FREED.set(true); // then free
            sleep(50); // give any straggler the chance to show itself
            System.out.println("used after free: " + USED_AFTER_FREE.get());
            System.out.flush();
        }, "app-teardown"));
        pool = GLibThreadPool.start(decoder.callback(), 4);
        for (long i = 1; i <= 20_000; i++) {
            pool.push(i);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runs.get() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        if (runs.get() < 20) {
            System.out.println("GLib ran only " + runs.get() + " bodies in 10 s");
            System.exit(2);
        }
        System.out.println("bodies running at exit: " + running.get());
        System.exit(0); // the pool is busy
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
