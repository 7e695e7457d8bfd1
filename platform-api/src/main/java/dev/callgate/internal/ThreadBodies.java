package dev.callgate.internal;

import java.util.Arrays;

/**
 * The entries of one thread on the gates a handle can close, so that a {@code close()} on this
 * thread knows which bodies the thread is running. Only its own thread touches it: entries are
 * added when the thread is first classified by a gate, read and pruned when the thread closes.
 *
 * <p>The rule that keeps self-closing bodies from waiting on each other: while a thread is inside
 * a {@code close()}, the bodies it runs count as closing ({@link CloseState#closingBodies}). A
 * closer that itself runs a body does not wait for closing bodies (their threads are closers
 * too, and may be waiting for it); a closer that runs no body waits for every body, closing or
 * not, so the barrier holds for the application's own threads.
 *
 * <p>Bounded: an entry of a closed gate whose body no longer runs is dropped whenever the list
 * has doubled since the last pruning, and at each close.
 */
final class ThreadBodies {

    private static final ThreadLocal<ThreadBodies> OF_THREAD = new ThreadLocal<>();
    private static final int MIN_CAPACITY = 8;

    private CallbackGate.Entry[] entries = new CallbackGate.Entry[MIN_CAPACITY];
    private int size;
    private int pruneAt = MIN_CAPACITY;
    private int closes; // close() calls under way on this thread

    private ThreadBodies() {}

    /** Lists {@code entry} of a gate with {@code closeState} among the current thread's entries. */
    static void register(CallbackGate.Entry entry, CloseState closeState) {
        if (closeState.state == CloseState.UNHELD) {
            return; // no handle can close that gate, so nobody waits for its bodies
        }
        entry.closeState = closeState;
        ThreadBodies mine = OF_THREAD.get();
        if (mine == null) {
            mine = new ThreadBodies();
            OF_THREAD.set(mine);
        }
        mine.add(entry);
    }

    /**
     * The current thread begins a close: the bodies it runs count as closing until
     * {@link #endClose()}. Nested calls (a group closing its members) count once.
     *
     * @return whether the thread runs a body of a gate a handle can close
     */
    static boolean beginClose() {
        ThreadBodies mine = OF_THREAD.get();
        if (mine == null) {
            return false;
        }
        boolean runsBodies = false;
        if (mine.closes++ == 0) {
            mine.prune();
            for (int i = 0; i < mine.size; i++) {
                CallbackGate.Entry entry = mine.entries[i];
                if (entry.depth > 0) {
                    entry.closingDepth = entry.depth;
                    entry.closeState.closingBodies.addAndGet(entry.depth);
                    runsBodies = true;
                }
            }
        } else {
            for (int i = 0; i < mine.size && !runsBodies; i++) {
                runsBodies = mine.entries[i].closingDepth > 0;
            }
        }
        return runsBodies;
    }

    /** Ends what {@link #beginClose()} began. */
    static void endClose() {
        ThreadBodies mine = OF_THREAD.get();
        if (mine == null || --mine.closes > 0) {
            return;
        }
        for (int i = 0; i < mine.size; i++) {
            CallbackGate.Entry entry = mine.entries[i];
            if (entry.closingDepth > 0) {
                entry.closeState.closingBodies.addAndGet(-entry.closingDepth);
                entry.closingDepth = 0;
            }
        }
    }

    /** How many entries the current thread lists (tests: the list stays bounded; the gate's warm-up loads this class with it). */
    static int listedOnThisThread() {
        ThreadBodies mine = OF_THREAD.get();
        return mine == null ? 0 : mine.size;
    }

    private void add(CallbackGate.Entry entry) {
        if (size >= pruneAt) {
            prune();
            pruneAt = Math.max(MIN_CAPACITY, size * 2);
        }
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        entries[size++] = entry;
    }

    /** Drops the entries of closed gates whose bodies no longer run on this thread: none will run again. */
    private void prune() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            CallbackGate.Entry entry = entries[i];
            if (entry.depth > 0 || entry.closingDepth > 0 || entry.closeState.state != CloseState.CLOSED) {
                entries[kept++] = entry;
            }
        }
        Arrays.fill(entries, kept, size, null);
        size = kept;
        if (entries.length > MIN_CAPACITY && size < entries.length / 4) {
            entries = Arrays.copyOf(entries, Math.max(MIN_CAPACITY, size * 2));
        }
    }
}
