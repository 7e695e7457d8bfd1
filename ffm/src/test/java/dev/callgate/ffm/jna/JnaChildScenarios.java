package dev.callgate.ffm.jna;

import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.CallbackStats;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.GLibThreadPool;
import dev.callgate.fixtures.LibC;
import dev.callgate.fixtures.PosixThreads;
import dev.callgate.internal.Backends;
import dev.callgate.internal.ExitGuard;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@link dev.callgate.ffm.FfmChild} runs: each scenario prints its result on stdout; callgate writes its
 * lines to the real standard error.
 */
public final class JnaChildScenarios {

    private JnaChildScenarios() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "route" -> route();
            case "plain" -> System.out.println("sorted=" + Arrays.toString(Sorting.sort(Sorting.ASCENDING, 3, 1, 2)));
            case "abort" -> abort();
            case "throw" -> throwing();
            case "shutdown" -> shutdown();
            case "exit-guard" -> exitGuard();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** A qsort comparator through callgate, built before the program's own JNA calls: its route, and that it sorts. */
    private static void route() {
        LibC.Comparator ascending = (a, b) -> Integer.compare(a.getInt(0), b.getInt(0));
        try (GatedCallback<LibC.Comparator> gated = CallGate.builder(LibC.Comparator.class, ascending)
                .name("child-sort").build()) {
            System.out.println("route=" + gated.route() + " sorted=" + Arrays.toString(Sorting.sort(gated.callback(), 3, 1, 2)));
            System.out.println("reason=" + gated.routeReason());
        } catch (IllegalArgumentException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }

    /** A GLib worker under ABORT: the process ends with the gate's line. */
    private static void abort() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        GatedCallback<GLibThreadPool.GFunc> gated = CallGate.builder(GLibThreadPool.GFunc.class,
                (GLibThreadPool.GFunc) (data, user) -> ran.countDown()).name("child-abort").policy(Policy.ABORT).build();
        System.out.println("route=" + gated.route());
        System.out.flush();
        try (GLibThreadPool pool = GLibThreadPool.start(gated.callback(), 1)) {
            pool.push(1);
            ran.await(30, TimeUnit.SECONDS);
        }
        System.out.println("alive (unexpected); body ran: " + (ran.getCount() == 0));
    }

    /** Bodies that throw on a GLib worker, a pthread and this thread: the JVM lives on. */
    private static void throwing() {
        GatedCallback<GLibThreadPool.GFunc> onPool = CallGate.builder(GLibThreadPool.GFunc.class,
                (GLibThreadPool.GFunc) (data, user) -> {
                    throw new IllegalStateException("boom on a GLib worker");
                }).name("child-throw-pool").policy(Policy.ALLOW).build();
        try (GLibThreadPool pool = GLibThreadPool.start(onPool.callback(), 1)) {
            pool.push(1);
            pool.push(2);
        }
        GatedCallback<PosixThreads.StartRoutine> onPthread = CallGate.builder(PosixThreads.StartRoutine.class,
                (PosixThreads.StartRoutine) arg -> {
                    throw new UnsupportedOperationException("boom on a pthread");
                }).name("child-throw-pthread").policy(Policy.ALLOW).defaultValue(new Pointer(42)).build();
        Pointer joined = PosixThreads.runAndJoin(onPthread.callback(), null);
        GatedCallback<LibC.Comparator> onJava = CallGate.builder(LibC.Comparator.class, (LibC.Comparator) (a, b) -> {
            throw new ArithmeticException("boom on the main thread");
        }).name("child-throw-main").build();
        Sorting.sort(onJava.callback(), 3, 1, 2);
        System.out.println("alive; routes " + onPool.route() + " " + onPthread.route() + " " + onJava.route()
                + "; pthread got " + Pointer.nativeValue(joined) + "; exceptions " + onPool.stats().exceptions() + " "
                + onPthread.stats().exceptions() + " " + (onJava.stats().exceptions() > 0));
    }

    /** Native calls from a shutdown hook (a JVM thread) and a pthread it starts: not run, counted. */
    private static void shutdown() {
        AtomicInteger bodies = new AtomicInteger();
        GatedCallback<LibC.Comparator> sort = CallGate.builder(LibC.Comparator.class, (LibC.Comparator) (a, b) -> {
            bodies.incrementAndGet();
            return Integer.compare(a.getInt(0), b.getInt(0));
        }).name("child-shutdown-sort").build();
        GatedCallback<PosixThreads.StartRoutine> thread = CallGate.builder(PosixThreads.StartRoutine.class,
                (PosixThreads.StartRoutine) arg -> {
                    bodies.incrementAndGet();
                    return arg;
                }).name("child-shutdown-pthread").policy(Policy.ALLOW).defaultValue(new Pointer(7)).build();
        System.out.println("routes " + sort.route() + " " + thread.route() + " sorted before: "
                + Arrays.toString(Sorting.sort(sort.callback(), 3, 1, 2)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Hooks run in no set order: until callgate's own hook has run, calls still run their body
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sort.stats().callsDuringShutdown() == 0 && System.nanoTime() < deadline) {
                Sorting.sort(sort.callback(), 3, 1, 2);
            }
            int before = bodies.get();
            Sorting.sort(sort.callback(), 3, 1, 2);
            Pointer got = PosixThreads.runAndJoin(thread.callback(), new Pointer(99));
            CallbackStats s = sort.stats();
            CallbackStats t = thread.stats();
            System.out.println("in the hook, once shutdown was seen: bodies " + (bodies.get() - before)
                    + "; sort during shutdown " + (s.callsDuringShutdown() > 0) + "; pthread got "
                    + Pointer.nativeValue(got) + ", during shutdown " + t.callsDuringShutdown());
        }, "app-hook"));
    }

    /** callgate's exit guard before and after a kept-attached GLib worker reached a body. */
    private static void exitGuard() throws InterruptedException {
        System.out.println("before: " + ExitGuard.status(Backends.backend()));
        CountDownLatch ran = new CountDownLatch(1);
        GatedCallback<GLibThreadPool.GFunc> gated = CallGate.builder(GLibThreadPool.GFunc.class,
                (GLibThreadPool.GFunc) (data, user) -> ran.countDown()).name("child-exit-guard").policy(Policy.ALLOW).build();
        try (GLibThreadPool pool = GLibThreadPool.start(gated.callback(), 1)) {
            pool.push(1);
            ran.await(30, TimeUnit.SECONDS);
            System.out.println("route=" + gated.route());
            System.out.println("worker alive: " + ExitGuard.status(Backends.backend()));
        }
    }
}
