package dev.callgate.agent.programs;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.callgate.agent.programs.PlainJnaProgram.GLib;
import dev.callgate.agent.programs.PlainJnaProgram.Tick;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One callback object used before and after a run-time attach. Before: a GLib pool is built with
 * the callback (JNA converts it) and runs 5 items; the program prints {@code ready <pid>} and waits
 * for a line on stdin (the test attaches the agent meanwhile). After, each step runs 5 items from a
 * native worker and prints callgate's gated-call total reflectively ({@code none} without callgate):
 *
 * <ol>
 *   <li>{@code oldPointer=}: on the first pool, whose native code kept the pointer from before</li>
 *   <li>{@code passedAgain=}: on a second pool built with the same callback object (JNA converts it again)</li>
 *   <li>{@code oldPointerAfter=}: on the first pool again</li>
 * </ol>
 *
 * Then {@code calls=} (the callback's own count, 20) and {@code samePointer=} (whether JNA handed
 * native code the same function pointer before and after the attach), and
 * {@code sameDirectPointer=}: the same for a second callback passed to a direct-mapped function
 * before and after the attach; then exits with 0.
 */
public final class ReuseProgram {

    static final class Reused implements Tick {
        final AtomicLong calls = new AtomicLong();

        @Override
        public void invoke(Pointer data, Pointer userData) {
            calls.incrementAndGet();
        }
    }

    /** libc's memmove, direct-mapped: with a length of 0 it returns its first argument, the callback's pointer. */
    public static final class DirectC {
        static {
            Native.register("c");
        }

        public static native Pointer memmove(Tick destination, Pointer source, long length);
    }

    private ReuseProgram() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        GLib glib = Native.load("glib-2.0", GLib.class);
        Reused reused = new Reused();
        Pointer first = glib.g_thread_pool_new(reused, null, 1, 0, null);
        Pointer before = com.sun.jna.CallbackReference.getFunctionPointer(reused);
        runFive(glib, first, reused);
        Reused direct = new Reused();
        Memory none = new Memory(1);
        Pointer directBefore = DirectC.memmove(direct, none, 0);
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

        runFive(glib, first, reused);
        System.out.println("oldPointer=" + gatedCalls());
        Pointer second = glib.g_thread_pool_new(reused, null, 1, 1, null);
        runFive(glib, second, reused);
        glib.g_thread_pool_free(second, 0, 1);
        System.out.println("passedAgain=" + gatedCalls());
        runFive(glib, first, reused);
        System.out.println("oldPointerAfter=" + gatedCalls());
        glib.g_thread_pool_free(first, 0, 1);
        System.out.println("calls=" + reused.calls.get());
        System.out.println("samePointer=" + before.equals(com.sun.jna.CallbackReference.getFunctionPointer(reused)));
        System.out.println("sameDirectPointer=" + directBefore.equals(DirectC.memmove(direct, none, 0)));
        System.out.flush();
        System.exit(0);
    }

    /** Pushes 5 items and waits (at most 60 s) until the callback ran them. */
    private static void runFive(GLib glib, Pointer pool, Reused reused) throws InterruptedException {
        long target = reused.calls.get() + 5;
        for (int i = 1; i <= 5; i++) {
            glib.g_thread_pool_push(pool, new Pointer(i), null);
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (reused.calls.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static String gatedCalls() {
        try {
            Object totals = Class.forName("dev.callgate.CallGate").getMethod("totals").invoke(null);
            return String.valueOf(totals.getClass().getMethod("calls").invoke(totals));
        } catch (ReflectiveOperationException noAgent) {
            return "none";
        }
    }
}
