package dev.callgate.internal;

import dev.callgate.CallbackStats;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps what native code calls strongly reachable while its gate is open (so the garbage collector
 * cannot free JNA's trampoline or an FFM stub under native code), and adds up the counters of every
 * gate ever made ({@link StatsTotal}). {@link CallbackGate#close} lets go.
 */
public final class OpenCallbacks {

    private static final Map<CallbackGate, Object> OPEN = new ConcurrentHashMap<>();
    private static final StatsTotal ALL = new StatsTotal();

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
