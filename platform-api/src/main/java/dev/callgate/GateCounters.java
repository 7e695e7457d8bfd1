package dev.callgate;

import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of one gated callback. {@link LongAdder}s, so that many native threads calling
 * the same callback never contend on one memory word and no lock is taken.
 */
final class GateCounters {
    final LongAdder calls = new LongAdder();
    final LongAdder foreignCalls = new LongAdder();
    final LongAdder foreignThreads = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder exceptions = new LongAdder();
    final LongAdder callsAfterClose = new LongAdder();
    final LongAdder callsDuringShutdown = new LongAdder();
    final LongAdder diagnosticsWritten = new LongAdder();
    final LongAdder diagnosticsFailed = new LongAdder();

    CallbackStats snapshot() {
        return new CallbackStats(calls.sum(), foreignCalls.sum(), foreignThreads.sum(), rejected.sum(),
                exceptions.sum(), callsAfterClose.sum(), callsDuringShutdown.sum(), diagnosticsWritten.sum(),
                diagnosticsFailed.sum());
    }
}
