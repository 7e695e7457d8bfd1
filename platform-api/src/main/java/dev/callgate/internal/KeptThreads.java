package dev.callgate.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The foreign threads gates keep attached, held weakly, for the exit guard's question "is one
 * alive?". Touched when a gate first sees a thread and at exit, never per call. Bounded: a thread
 * that is no longer reachable leaves by itself (weak key), and dead threads still reachable
 * elsewhere are pruned whenever the set has doubled since the last prune, so it holds at most about
 * twice the threads alive at the last prune (at least {@value #FIRST_PRUNE}).
 */
final class KeptThreads {

    static final int FIRST_PRUNE = 64;

    private final Map<Thread, Boolean> threads = new WeakHashMap<>(); // guarded by this
    private int pruneAt = FIRST_PRUNE;

    /** Records {@code thread}; true when it was not recorded yet. */
    synchronized boolean record(Thread thread) {
        if (threads.size() >= pruneAt) {
            pruneAt = Math.max(FIRST_PRUNE, 2 * prune());
        }
        return threads.put(thread, Boolean.TRUE) == null;
    }

    /** How many recorded threads are alive now; drops the dead ones. */
    synchronized int aliveCount() {
        return prune();
    }

    /** Threads held now, dead or alive (for the bound's test). */
    synchronized int size() {
        return threads.size();
    }

    private int prune() {
        // A loop, not removeIf with a lambda: this runs on a native thread's first call, which must
        // load no class.
        for (Iterator<Thread> it = threads.keySet().iterator(); it.hasNext(); ) {
            if (!it.next().isAlive()) {
                it.remove();
            }
        }
        return threads.size();
    }
}
