package dev.callgate.it.host;

import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.GatedCallback;
import dev.callgate.fixtures.GLibThreadPool;
import dev.callgate.fixtures.LibUvThreadPool;
import dev.callgate.fixtures.PosixThreads;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The child program of {@link ExitWithKeptAttachedThreadsTest}: a gated callback with callgate's
 * defaults (kept attached) runs on native threads from {@code args[0]}, then the program ends as
 * {@code args[1]} says, with status {@code args[2]}.
 *
 * <ul>
 *   <li>sources: {@code libuv-idle} (the pool ran its work and waits), {@code libuv-busy} (a pool
 *       thread is inside the body when the JVM exits), {@code glib} (the pool ran its items and its
 *       workers wait, attached), {@code pthread} (threads that called back and ended, and one
 *       still inside the body);
 *   <li>endings: {@code exit} ({@code System.exit}), {@code halt} ({@code Runtime.halt}),
 *       {@code sigterm} (prints {@code ready} and waits for the test's SIGTERM), {@code return}
 *       (main returns).
 * </ul>
 * Prints {@code ready} when the callbacks have run and it is about to end.
 */
public final class ExitScenarioMain {

    private static GatedCallback<?> gated; // static: reachable whatever main does
    private static GLibThreadPool glibPool; // never freed: its idle workers are alive, attached, at exit

    private ExitScenarioMain() {}

    public static void main(String[] args) throws Exception {
        String source = args[0];
        String ending = args[1];
        int status = Integer.parseInt(args[2]);
        switch (source) {
            case "libuv-idle" -> libuv(false);
            case "libuv-busy" -> libuv(true);
            case "glib" -> glib();
            case "pthread" -> pthread();
            default -> throw new IllegalArgumentException(source);
        }
        System.out.println("ready");
        System.out.flush();
        switch (ending) {
            case "exit" -> System.exit(status);
            case "halt" -> Runtime.getRuntime().halt(status);
            case "sigterm" -> Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            case "return" -> { }
            default -> throw new IllegalArgumentException(ending);
        }
    }

    private static void libuv(boolean busy) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        LibUvThreadPool.WorkCallback body = request -> {
            inside.countDown();
            if (busy) {
                sleep(TimeUnit.MINUTES.toMillis(5)); // still in Java when the JVM exits
            }
        };
        GatedCallback<LibUvThreadPool.WorkCallback> work = CallGate.builder(LibUvThreadPool.WorkCallback.class, body)
                .name("uv-work").build();
        gated = work;
        if (busy) {
            Thread loop = new Thread(() -> LibUvThreadPool.runWork(work.callback(), 4), "uv-loop");
            loop.setDaemon(true);
            loop.start();
            if (!inside.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("libuv never called the work callback");
            }
        } else {
            LibUvThreadPool.runWork(work.callback(), 4); // every request ran; the workers stay, attached, and wait
        }
    }

    private static void glib() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(100);
        GatedCallback<GLibThreadPool.GFunc> tick = CallGate.builder(GLibThreadPool.GFunc.class,
                (GLibThreadPool.GFunc) (data, user) -> ran.countDown()).name("glib-tick").build();
        gated = tick;
        glibPool = GLibThreadPool.start(tick.callback(), 2);
        for (long i = 1; i <= 100; i++) {
            glibPool.push(i);
        }
        if (!ran.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("GLib ran " + (100 - ran.getCount()) + " of 100 items");
        }
    }

    private static void pthread() throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        GatedCallback<PosixThreads.StartRoutine> routine = CallGate.builder(PosixThreads.StartRoutine.class,
                (PosixThreads.StartRoutine) arg -> {
                    if (arg != null) { // the last thread: still in Java when the JVM exits
                        inside.countDown();
                        sleep(TimeUnit.MINUTES.toMillis(5));
                    }
                    return arg;
                }).name("pthread-start").build();
        gated = routine;
        for (int i = 0; i < 4; i++) {
            PosixThreads.runAndJoin(routine.callback(), null);
        }
        PosixThreads.start(routine.callback(), new Pointer(1));
        if (!inside.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the last pthread never called back");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
