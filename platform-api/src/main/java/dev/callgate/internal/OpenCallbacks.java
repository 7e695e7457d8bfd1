package dev.callgate.internal;

import dev.callgate.CallbackStats;
import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every open gated callback strongly reachable (so the garbage collector cannot free JNA's
 * native trampoline while native code may still call it), and adds up the counters of every gate
 * ever made. A collected callback's counts fold into {@link #retired}, so totals survive it
 * without a second, global counter on the call path.
 */
public final class OpenCallbacks {

    private static final Set<Object> OPEN = ConcurrentHashMap.newKeySet();
    private static final Set<GateCounters> LIVE = ConcurrentHashMap.newKeySet();
    private static final Cleaner CLEANER = Cleaner.create();
    private static CallbackStats retired = CallbackStats.ZERO;

    private OpenCallbacks() {}

    /**
     * @param handle what the application closes; held until {@link #closed}
     * @param callback what native code calls; its counts stay in the totals until it is collected
     */
    public static void opened(Object handle, Object callback, CallbackGate gate) {
        GateCounters counters = gate.counters();
        LIVE.add(counters);
        OPEN.add(handle);
        // On the callback, not the handle: a closed handle may be dropped while native code still
        // calls the callback, and those calls must still count.
        CLEANER.register(callback, () -> retire(counters));
    }

    public static void closed(Object handle) {
        OPEN.remove(handle);
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
