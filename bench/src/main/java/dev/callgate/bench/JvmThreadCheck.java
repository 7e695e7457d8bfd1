package dev.callgate.bench;

import dev.callgate.CallbackStats;
import dev.callgate.GatedCallback;

/** Guards the JVM-thread benchmarks against measuring the foreign-thread path by mistake. */
final class JvmThreadCheck {

    private JvmThreadCheck() {}

    /**
     * Fails the trial if the gate counted any call as foreign. (A trial of the baseline benchmark
     * shares the state and makes no gated calls at all, which is fine.)
     */
    static void requireNoForeignCalls(GatedCallback<?> gated) {
        CallbackStats stats = gated.stats();
        if (stats.foreignCalls() != 0) {
            throw new IllegalStateException("benchmark " + gated.name() + " meant to measure the JVM-thread path, but the"
                    + " gate counted " + stats.foreignCalls() + " of " + stats.calls() + " calls as foreign;"
                    + " the numbers of this trial are not what they claim to be");
        }
    }
}
