package dev.callgate.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls a gate's bodies have finished, counted per thread: each thread counts its own in its
 * {@link CallbackGate.Entry} with a release store (a plain store on x86), so {@code exit()} takes no
 * locked instruction; {@code close()} adds them up. Only {@code enter()} needs one (its count must
 * be visible before it reads {@code closed}); a finish seen late only makes {@code close()} look
 * again.
 *
 * <p>Entries of threads that ended are folded into one total when the next thread registers, so
 * the list holds live threads only. Folding removes the entry before it adds its count, and
 * {@link #sum()} reads the total before the list: a count in transit is missed (the gate then
 * looks busier than it is, and {@code close()} looks again), never counted twice.
 */
final class ThreadExits {

    private static final VarHandle EXITS;

    static {
        try {
            EXITS = MethodHandles.lookup().findVarHandle(CallbackGate.Entry.class, "exits", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object lock = new Object();
    private volatile Counted[] live = new Counted[0];
    private final AtomicLong ended = new AtomicLong();

    private record Counted(CallbackGate.Entry entry, WeakReference<Thread> owner) {
        boolean ended() {
            Thread t = owner.get();
            return t == null || !t.isAlive();
        }
    }

    /** On the entry's own thread: one more call finished. */
    static void finished(CallbackGate.Entry entry) {
        EXITS.setRelease(entry, entry.exits + 1);
    }

    /** The calling thread's entry, once, when the gate first meets the thread. */
    void register(CallbackGate.Entry entry) {
        Counted added = new Counted(entry, new WeakReference<>(Thread.currentThread()));
        synchronized (lock) {
            Counted[] kept = new Counted[live.length + 1];
            int n = 0;
            long folded = 0;
            for (Counted c : live) {
                if (c.ended()) {
                    folded += (long) EXITS.getAcquire(c.entry());
                } else {
                    kept[n++] = c;
                }
            }
            kept[n++] = added;
            live = Arrays.copyOf(kept, n); // removed first ...
            ended.addAndGet(folded); // ... then counted
        }
    }

    /** Every finish counted so far (a recent one may be missed, never one counted twice). */
    long sum() {
        long total = ended.get();
        for (Counted c : live) {
            total += (long) EXITS.getAcquire(c.entry());
        }
        return total;
    }

    /** Threads whose entries are listed (tests: ended threads are folded away). */
    int listed() {
        return live.length;
    }
}
