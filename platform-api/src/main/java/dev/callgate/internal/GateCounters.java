package dev.callgate.internal;

import dev.callgate.CallbackStats;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of one gate. {@link LongAdder}s, so that many native threads calling the same
 * callback never contend on one memory word and no lock is taken. {@code calls} minus the finished
 * ones is the number of calls inside the gate right now, which is what {@code close()} waits on.
 */
final class GateCounters {
    final LongAdder calls = new LongAdder();
    /** Calls refused after counting (closed, shutting down, rejected); admitted ones finish in {@link #exitsByThread}. */
    final LongAdder finished = new LongAdder();
    final ThreadExits exitsByThread = new ThreadExits();
    final LongAdder foreignCalls = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder exceptions = new LongAdder();
    final LongAdder callsAfterClose = new LongAdder();
    final LongAdder callsDuringShutdown = new LongAdder();
    final LongAdder diagnosticsWritten = new LongAdder();
    final LongAdder diagnosticsFailed = new LongAdder();
    final LongAdder diagnosticsDropped = new LongAdder();
    /** Native ids of the foreign threads seen, in bounded memory; touched once per attachment, never per call. */
    final DistinctThreadCount foreignThreadIds = new DistinctThreadCount();

    /** Calls inside the gate now: the finishes are read first, so a call is never missed. */
    long inFlight() {
        long done = finished.sum() + exitsByThread.sum();
        return calls.sum() - done;
    }

    void count(DiagnosticChannel.Outcome outcome) {
        switch (outcome) {
            case WRITTEN:
                diagnosticsWritten.increment();
                break;
            case FAILED:
                diagnosticsFailed.increment();
                break;
            default:
                diagnosticsDropped.increment();
        }
    }

    CallbackStats snapshot() {
        return new CallbackStats(calls.sum(), foreignCalls.sum(), foreignThreadIds.count(), rejected.sum(),
                exceptions.sum(), callsAfterClose.sum(), callsDuringShutdown.sum(), diagnosticsWritten.sum(),
                diagnosticsFailed.sum(), diagnosticsDropped.sum());
    }
}
