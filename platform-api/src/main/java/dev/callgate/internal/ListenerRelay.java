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
 *
 * <p>The one diagnostic after which the process ends (ABORT's line) goes ahead of the queue, and
 * the aborting thread waits, at most until a deadline, until every listener has returned from it:
 * a queued line would otherwise die with the process before the listener thread ran.
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
    /** The last diagnostic before the process ends: delivered before anything queued. */
    private static volatile Diagnostic last;
    private static volatile Diagnostic lastDelivered;
    private static volatile Thread lastWaiter;

    private ListenerRelay() {}

    /**
     * Registers {@code listener} unless this very instance (by identity) is registered already.
     *
     * @return whether it was added
     */
    public static synchronized boolean add(DiagnosticListener listener) {
        if (indexOf(listener) >= 0) {
            return false;
        }
        LISTENERS.add(listener);
        if (thread == null) {
            Thread t = new Thread(ListenerRelay::deliver, "callgate-listeners");
            t.setDaemon(true);
            t.start();
            thread = t;
        }
        active = true;
        return true;
    }

    /** Unregisters this very instance (by identity); returns whether it was registered. */
    public static synchronized boolean remove(DiagnosticListener listener) {
        int index = indexOf(listener);
        if (index >= 0) {
            LISTENERS.remove(index);
        }
        active = !LISTENERS.isEmpty();
        return index >= 0;
    }

    /** By identity: a listener whose {@code equals} says yes to another instance is still its own. */
    private static int indexOf(DiagnosticListener listener) {
        for (int i = 0; i < LISTENERS.size(); i++) {
            if (LISTENERS.get(i) == listener) {
                return i;
            }
        }
        return -1;
    }

    /** How many listeners are registered (identity-distinct). */
    static int size() {
        return LISTENERS.size();
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

    /**
     * Hands {@code diagnostic} to the listener thread ahead of every queued one, without waiting;
     * {@link #awaitLast} then waits for it. For the line after which the process ends.
     */
    static void publishLast(Diagnostic diagnostic) {
        lastWaiter = Thread.currentThread();
        last = diagnostic;
        LockSupport.unpark(thread);
    }

    /**
     * Waits until every listener has returned from {@code diagnostic} (given to
     * {@link #publishLast}), or until {@code deadline} ({@link System#nanoTime()}) passes: a
     * listener that blocks does not keep the caller, which is about to end the process, waiting.
     *
     * @return whether every listener got it in time
     */
    static boolean awaitLast(Diagnostic diagnostic, long deadline) {
        while (lastDelivered != diagnostic) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(ListenerRelay.class, left);
        }
        return true;
    }

    private static void deliver() {
        while (true) {
            deliverLast();
            Diagnostic next = QUEUE.poll();
            if (next == null) {
                LockSupport.park(ListenerRelay.class);
                continue;
            }
            QUEUED.decrementAndGet();
            for (DiagnosticListener listener : LISTENERS) {
                deliverLast(); // between two listeners too: the process may be about to end
                call(listener, next);
            }
        }
    }

    private static void deliverLast() {
        Diagnostic first = last;
        if (first == null) {
            return;
        }
        last = null;
        for (DiagnosticListener listener : LISTENERS) {
            call(listener, first);
        }
        lastDelivered = first;
        LockSupport.unpark(lastWaiter);
    }

    private static void call(DiagnosticListener listener, Diagnostic diagnostic) {
        try {
            listener.onDiagnostic(diagnostic);
        } catch (Throwable ignored) { // one broken listener never stops the others
        }
    }
}
