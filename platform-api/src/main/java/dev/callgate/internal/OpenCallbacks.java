package dev.callgate.internal;

import dev.callgate.CallbackStats;
import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps what native code calls strongly reachable while its gate is open (so the garbage collector
 * cannot free JNA's trampoline or an FFM stub under native code), and adds up the counters of every
 * gate ever made. A collected callback's counts fold into {@link #retired}, so totals survive it
 * without a second, global counter on the call path. {@link CallbackGate#close} lets go.
 */
public final class OpenCallbacks {

    private static final Map<CallbackGate, Object> OPEN = new ConcurrentHashMap<>();
    private static final Set<GateCounters> LIVE = ConcurrentHashMap.newKeySet();
    private static final Cleaner CLEANER = Cleaner.create();
    private static CallbackStats retired = CallbackStats.ZERO;

    private OpenCallbacks() {}

    /**
     * Holds {@code keepAlive} until {@code gate} closes, and counts the gate in the totals.
     *
     * @param keepAlive what must stay reachable while native code may call (the application's handle)
     * @param callback what native code calls; its counts stay in the totals until it is collected
     */
    public static void opened(CallbackGate gate, Object keepAlive, Object callback) {
        counted(gate, callback);
        OPEN.put(gate, keepAlive);
    }

    /**
     * Counts {@code gate} in the totals until {@code callback} is collected, holding nothing (the
     * java agent's gates: the application keeps its callbacks alive, as without the agent).
     */
    public static void counted(CallbackGate gate, Object callback) {
        GateCounters counters = gate.counters();
        LIVE.add(counters);
        // On the callback, not a handle: a closed handle may be dropped while native code still
        // calls the callback, and those calls must still count.
        CLEANER.register(callback, () -> retire(counters));
    }

    static void closed(CallbackGate gate) {
        OPEN.remove(gate);
    }

    private static synchronized void retire(GateCounters counters) {
        LIVE.remove(counters);
        retired = retired.plus(counters.snapshot());
    }

    public static synchronized CallbackStats totals() {
        CallbackStats sum = retired;
        for (GateCounters counters : LIVE) {
            sum = sum.plus(counters.snapshot());
        }
        return sum;
    }
}
