package dev.callgate.internal;

import dev.callgate.CallbackStats;
import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sum of the counters of many gates (every gate of the JVM, or of one group), collected ones
 * included. A gate's live counters are summed while its callback is reachable; once the callback
 * is collected, the counts fold into {@link #retired}, so the total keeps them without holding the
 * gate, and without a second counter on the call path.
 */
public final class StatsTotal {

    private static final Cleaner CLEANER = Cleaner.create();

    private final Set<GateCounters> live = ConcurrentHashMap.newKeySet();
    private CallbackStats retired = CallbackStats.ZERO; // guarded by this

    /**
     * Counts {@code gate} in this total from now on.
     *
     * @param callback what native code calls; the gate's counts stay live until it is collected.
     *     Not a handle: a closed handle may be dropped while native code still calls the callback,
     *     and those calls must still count.
     */
    public void count(CallbackGate gate, Object callback) {
        GateCounters counters = gate.counters();
        live.add(counters);
        CLEANER.register(callback, () -> retire(counters));
    }

    /** The field-by-field sum. */
    public synchronized CallbackStats sum() {
        CallbackStats sum = retired;
        for (GateCounters counters : live) {
            sum = sum.plus(counters.snapshot());
        }
        return sum;
    }

    /** Gates whose callbacks are still reachable (tests: the total holds no more than those). */
    public int liveGates() {
        return live.size();
    }

    private synchronized void retire(GateCounters counters) {
        if (live.remove(counters)) {
            retired = retired.plus(counters.snapshot());
        }
    }
}
