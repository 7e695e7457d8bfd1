package dev.callgate.internal;

import dev.callgate.Diagnostic;
import dev.callgate.DiagnosticListener;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Carries diagnostics to the application's listeners on one daemon thread. Callback threads only
 * offer to a bounded lock-free queue; with no listener registered they do nothing at all.
 */
public final class ListenerRelay {

    /** Diagnostics waiting for the listener thread before new ones are dropped. */
    public static final int CAPACITY = 1024;

    private static final List<DiagnosticListener> LISTENERS = new CopyOnWriteArrayList<>();
    private static final ConcurrentLinkedQueue<Diagnostic> QUEUE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger QUEUED = new AtomicInteger();
    private static final LongAdder DROPS = new LongAdder();
    private static volatile boolean active;
    private static volatile Thread thread;

    private ListenerRelay() {}

    public static synchronized void add(DiagnosticListener listener) {
        LISTENERS.add(listener);
        if (thread == null) {
            Thread t = new Thread(ListenerRelay::deliver, "callgate-listeners");
            t.setDaemon(true);
            t.start();
            thread = t;
        }
        active = true;
    }

    public static synchronized boolean remove(DiagnosticListener listener) {
        boolean removed = LISTENERS.remove(listener);
        active = !LISTENERS.isEmpty();
        return removed;
    }

    public static long drops() {
        return DROPS.sum();
    }

    /** Whether anyone listens; callers skip building the diagnostic when not. */
    static boolean active() {
        return active;
    }

    static void publish(Diagnostic diagnostic) {
        if (QUEUED.incrementAndGet() > CAPACITY) {
            QUEUED.decrementAndGet();
            DROPS.increment();
            return;
        }
        QUEUE.offer(diagnostic);
        LockSupport.unpark(thread);
    }

    private static void deliver() {
        while (true) {
            Diagnostic next = QUEUE.poll();
            if (next == null) {
                LockSupport.park(ListenerRelay.class);
                continue;
            }
            QUEUED.decrementAndGet();
            for (DiagnosticListener listener : LISTENERS) {
                try {
                    listener.onDiagnostic(next);
                } catch (Throwable ignored) { // one broken listener never stops the others
                }
            }
        }
    }
}
