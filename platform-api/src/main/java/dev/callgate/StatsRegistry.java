package dev.callgate;

import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps open gated callbacks strongly reachable, and adds up the counters of every gated callback
 * ever made. A collected callback's counts fold into {@link #retired}, so totals survive it without
 * a second, global counter on the call path.
 */
final class StatsRegistry {

    private static final Set<GatedCallback<?>> OPEN = ConcurrentHashMap.newKeySet();
    private static final Set<GateCounters> LIVE = ConcurrentHashMap.newKeySet();
    private static final Cleaner CLEANER = Cleaner.create();
    private static CallbackStats retired = CallbackStats.ZERO;

    private StatsRegistry() {}

    static void opened(GatedCallback<?> handle, GateCounters counters) {
        LIVE.add(counters);
        OPEN.add(handle);
        // On the callback, not the handle: a closed handle may be dropped while native code still
        // calls the callback, and those calls must still count.
        CLEANER.register(handle.callback(), () -> retire(counters));
    }

    static void closed(GatedCallback<?> handle) {
        OPEN.remove(handle);
    }

    static int openCount() {
        return OPEN.size();
    }

    private static synchronized void retire(GateCounters counters) {
        LIVE.remove(counters);
        retired = retired.plus(counters.snapshot());
    }

    static synchronized CallbackStats totals() {
        CallbackStats sum = retired;
        for (GateCounters counters : LIVE) {
            sum = sum.plus(counters.snapshot());
        }
        return sum;
    }
}
