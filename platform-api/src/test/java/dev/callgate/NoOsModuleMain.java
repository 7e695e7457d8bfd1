package dev.callgate;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM with callgate's API and JNA but no OS module on its class path: it gates a callback
 * that a real POSIX thread (pthread_create through JNA) calls, and prints what happened.
 *
 * <p>Scenarios (the first argument): {@code gate} (policy WARN, one call from a native thread),
 * {@code redirected} (the same with {@code System.err} replaced before anything, then every
 * captured line printed on stdout as {@code captured: ...}), {@code abort} (policy ABORT from a
 * native thread), {@code builds} (two builds; prints what each threw).
 */
public final class NoOsModuleMain {

    /** {@code void *(*)(void *)}. */
    public interface StartRoutine extends Callback {
        Pointer run(Pointer arg);
    }

    /** The two pthread calls; glibc 2.34 and later have them in libc. */
    interface Pthread extends Library {
        int pthread_create(Pointer thread, Pointer attr, StartRoutine start, Pointer arg);

        int pthread_join(NativeLong thread, Pointer result);
    }

    private NoOsModuleMain() {}

    public static void main(String[] args) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        if (args[0].equals("redirected")) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        }
        if (args[0].equals("builds")) {
            for (int i = 1; i <= 2; i++) {
                try {
                    CallGate.wrap(StartRoutine.class, arg -> null);
                    System.out.println("build " + i + ": built");
                } catch (Throwable t) {
                    System.out.println("build " + i + ": " + t.getClass().getName() + ": " + t.getMessage());
                }
            }
            return;
        }
        Policy policy = args[0].equals("abort") ? Policy.ABORT : Policy.WARN;
        CopyOnWriteArrayList<String> heard = new CopyOnWriteArrayList<>();
        CallGate.addListener(d -> heard.add(d.kind() + " " + d.line()));
        AtomicInteger runs = new AtomicInteger();
        try (GatedCallback<StartRoutine> gated = CallGate.builder(StartRoutine.class, arg -> {
            runs.incrementAndGet();
            return null;
        }).name("no-os-module").policy(policy).build()) {
            BackendSelection selection = CallGate.selection();
            System.out.println("selection: " + selection.id() + " | " + selection.artifact() + " | " + selection.how()
                    + " | fallback " + selection.isJavaFallback());
            runOnNativeThread(gated.callback());
            System.out.println("body runs: " + runs.get());
            System.out.println("foreign calls: " + gated.stats().foreignCalls());
            System.out.println("diagnostics written: " + gated.stats().diagnosticsWritten());
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (heard.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        heard.forEach(line -> System.out.println("heard: " + line));
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                System.out.println("captured: " + line);
            }
        }
    }

    private static void runOnNativeThread(StartRoutine routine) {
        Pthread pthread = Native.load(Platform.C_LIBRARY_NAME, Pthread.class);
        Memory id = new Memory(Native.LONG_SIZE);
        int created = pthread.pthread_create(id, null, routine, null);
        if (created != 0) {
            throw new IllegalStateException("pthread_create: error " + created);
        }
        int joined = pthread.pthread_join(id.getNativeLong(0), null);
        if (joined != 0) {
            throw new IllegalStateException("pthread_join: error " + joined);
        }
    }
}
