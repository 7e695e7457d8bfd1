package dev.callgate.internal;

import dev.callgate.CallbackStats;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps what native code calls strongly reachable while its gate is open (so the garbage collector
 * cannot free JNA's trampoline or an FFM stub under native code), and adds up the counters of every
 * gate ever made ({@link StatsTotal}). {@link CallbackGate#close} lets go.
 */
public final class OpenCallbacks {

    private static final Map<CallbackGate, Object> OPEN = new ConcurrentHashMap<>();
    private static final StatsTotal ALL = new StatsTotal();
    /** Every handle callgate built, to what it stands for; held weakly, as long as the application holds the handle. */
    private static final Map<Object, Opened> BY_HANDLE = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * What a handle callgate built stands for. Nothing here holds the handle or the callback
     * strongly: a body may refer to its own handle, which must still be collected once dropped.
     *
     * @param gate the handle's gate
     * @param callback what native code calls (see {@link StatsTotal#count}); the handle holds it
     * @param handle the handle itself
     */
    public record Opened(CallbackGate gate, WeakReference<Object> callback, WeakReference<Object> handle) {}

    private OpenCallbacks() {}

    /**
     * Holds {@code keepAlive} until {@code gate} closes, and counts the gate in the totals. Call it
     * before native code can reach the gate: from then on the gate's bodies take part in
     * {@code close()}'s rule for self-closing bodies.
     *
     * @param keepAlive what must stay reachable while native code may call (the application's handle)
     * @param callback what native code calls; its counts stay in the totals until it is collected
     */
    public static void opened(CallbackGate gate, Object keepAlive, Object callback) {
        gate.heldByHandle();
        counted(gate, callback);
        OPEN.put(gate, keepAlive);
        BY_HANDLE.put(keepAlive, new Opened(gate, new WeakReference<>(callback), new WeakReference<>(keepAlive)));
    }

    /**
     * What {@code handle} stands for, when callgate built it and passed it to {@link #opened} as
     * what to keep alive; else null (found by identity: an object that merely equals a handle is none).
     */
    public static Opened openedBy(Object handle) {
        Opened found = BY_HANDLE.get(handle);
        return found != null && found.handle().get() == handle ? found : null;
    }

    /**
     * Counts {@code gate} in the totals until {@code callback} is collected, holding nothing (the
     * java agent's gates: the application keeps its callbacks alive, as without the agent).
     */
    public static void counted(CallbackGate gate, Object callback) {
        ALL.count(gate, callback);
    }

    static void closed(CallbackGate gate) {
        OPEN.remove(gate);
    }

    /** How many gates are open and held (tests: closed ones are let go). */
    public static int openCount() {
        return OPEN.size();
    }

    public static CallbackStats totals() {
        return ALL.sum();
    }
}
