package dev.callgate.agent.programs;

import com.sun.jna.Callback;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.callgate.agent.programs.PlainJnaProgram.Compare;
import dev.callgate.agent.programs.PlainJnaProgram.GLib;
import dev.callgate.agent.programs.PlainJnaProgram.LibC;
import dev.callgate.agent.programs.PlainJnaProgram.Tick;
import java.util.ArrayList;
import java.util.List;

/**
 * An unmodified application with its own JNA callback exception handler
 * ({@code Native.setCallbackExceptionHandler}): two callbacks throw once each, one on the JVM's main
 * thread (libc {@code qsort}), one on a GLib pool worker (a thread the JVM did not create). The
 * handler prints {@code handler: <exception message>} on stderr, and notes whether JNA passed it the
 * callback object and the very exception the body threw, and callgate's exception count at that
 * moment (read reflectively; {@code none} without the agent).
 *
 * <p>Prints {@code handlerCalls=}, {@code sameArguments=} (true when every call got the callback
 * and exception the body threw), {@code exceptionsSeenByHandler=} (callgate's counts, comma
 * separated), {@code plain=ok}, then exits with {@code exit=N}. With {@code handlerThrows} the
 * handler throws after counting; with {@code noHandler} none is set (JNA's default stays).
 */
public final class HandlerProgram {

    private record Call(Callback callback, Throwable thrown) {}

    private static final List<Call> THROWN = new ArrayList<>();
    private static final List<Call> HANDLED = new ArrayList<>();
    private static final List<String> SEEN = new ArrayList<>();

    private HandlerProgram() {}

    public static void main(String[] args) {
        int exit = 0;
        boolean handlerThrows = false;
        boolean handler = true;
        for (String a : args) {
            if (a.startsWith("exit=")) {
                exit = Integer.parseInt(a.substring(5));
            } else if (a.equals("handlerThrows")) {
                handlerThrows = true;
            } else if (a.equals("noHandler")) {
                handler = false;
            }
        }
        if (handler) {
            boolean fails = handlerThrows;
            Native.setCallbackExceptionHandler((callback, thrown) -> {
                synchronized (HANDLED) {
                    HANDLED.add(new Call(callback, thrown));
                    SEEN.add(callgateExceptions());
                }
                System.err.println("handler: " + thrown.getMessage());
                if (fails) {
                    throw new IllegalStateException("the handler itself failed");
                }
            });
        }
        qsortOnce();
        poolOnce();
        synchronized (HANDLED) {
            System.out.println("handlerCalls=" + HANDLED.size());
            System.out.println("sameArguments=" + sameCalls());
            System.out.println("exceptionsSeenByHandler=" + String.join(",", SEEN));
        }
        System.out.println("plain=ok");
        System.out.flush();
        System.exit(exit);
    }

    private static boolean sameCalls() {
        if (HANDLED.size() != THROWN.size()) {
            return false;
        }
        for (int i = 0; i < HANDLED.size(); i++) {
            if (HANDLED.get(i).callback() != THROWN.get(i).callback()
                    || HANDLED.get(i).thrown() != THROWN.get(i).thrown()) {
                return false;
            }
        }
        return true;
    }

    private static final class Failing implements Compare {
        @Override
        public int invoke(Pointer a, Pointer b) {
            throw thrown(this, "compare failed");
        }
    }

    private static final class FailingTick implements Tick {
        @Override
        public void invoke(Pointer data, Pointer userData) {
            throw thrown(this, "tick failed");
        }
    }

    private static RuntimeException thrown(Callback callback, String message) {
        RuntimeException e = new IllegalStateException(message);
        synchronized (HANDLED) {
            THROWN.add(new Call(callback, e));
        }
        return e;
    }

    /** Two elements: qsort compares exactly once, on this (the main) thread. */
    private static void qsortOnce() {
        Memory data = new Memory(8);
        data.setInt(0, 2);
        data.setInt(4, 1);
        Native.load("c", LibC.class).qsort(data, 2, 4, new Failing());
    }

    /** One item on a GLib pool: the callback runs once on the pool's native worker. */
    private static void poolOnce() {
        GLib glib = Native.load("glib-2.0", GLib.class);
        FailingTick tick = new FailingTick();
        Pointer pool = glib.g_thread_pool_new(tick, null, 1, 1, null);
        glib.g_thread_pool_push(pool, new Pointer(1), null);
        glib.g_thread_pool_free(pool, 0, 1);
    }

    private static String callgateExceptions() {
        try {
            Object totals = Class.forName("dev.callgate.CallGate").getMethod("totals").invoke(null);
            return String.valueOf(totals.getClass().getMethod("exceptions").invoke(totals));
        } catch (ReflectiveOperationException noAgent) {
            return "none";
        }
    }
}
