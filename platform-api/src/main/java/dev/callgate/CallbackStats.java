package dev.callgate;

import java.util.Objects;

/**
 * A snapshot of what the gate counted, for one gated callback or for all of them.
 *
 * @param calls every call that reached the gate
 * @param foreignCalls calls on threads the JVM did not create
 * @param foreignThreads distinct native threads (by OS thread id) that made foreign calls; a thread
 *     attached once per call still counts once. Exact up to 1,024 distinct ids per callback; past
 *     that, each callback keeps a fixed-size estimate (about 3 % typical error, never below 1,024)
 *     instead of every id, so a library that makes a new thread per task costs bounded memory
 *     (about 64 KB per callback at most). An id the OS reuses for a later thread counts once.
 *     Totals add the callbacks' counts: a thread that called two callbacks counts in each
 * @param rejected foreign calls whose body did not run because of {@link Policy#REJECT}
 * @param exceptions calls whose body threw; the exception did not reach native code
 * @param callsAfterClose calls that arrived after {@link GatedCallback#close()}
 * @param callsDuringShutdown calls that arrived after JVM shutdown had begun
 * @param diagnosticsWritten diagnostic lines written whole
 * @param diagnosticsFailed diagnostic lines the OS refused (a closed or broken standard error)
 * @param diagnosticsDropped diagnostic lines not written within the bound (a stalled standard
 *     error: a pipe whose reader stopped reading), so the callback did not wait for them
 * @since 1.0
 */
public record CallbackStats(long calls, long foreignCalls, long foreignThreads, long rejected, long exceptions,
        long callsAfterClose, long callsDuringShutdown, long diagnosticsWritten, long diagnosticsFailed,
        long diagnosticsDropped) {

    /** All zero. */
    public static final CallbackStats ZERO = new CallbackStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * The field-by-field sum of this and {@code other}.
     *
     * @throws NullPointerException if {@code other} is null
     */
    public CallbackStats plus(CallbackStats other) {
        Objects.requireNonNull(other, "other");
        return new CallbackStats(calls + other.calls, foreignCalls + other.foreignCalls,
                foreignThreads + other.foreignThreads, rejected + other.rejected, exceptions + other.exceptions,
                callsAfterClose + other.callsAfterClose, callsDuringShutdown + other.callsDuringShutdown,
                diagnosticsWritten + other.diagnosticsWritten, diagnosticsFailed + other.diagnosticsFailed,
                diagnosticsDropped + other.diagnosticsDropped);
    }

    /** One line, {@code name=value} pairs, for logs and the command line. */
    @Override
    public String toString() {
        return "calls=" + calls + " foreignCalls=" + foreignCalls + " foreignThreads=" + foreignThreads
                + " rejected=" + rejected + " exceptions=" + exceptions + " callsAfterClose=" + callsAfterClose
                + " callsDuringShutdown=" + callsDuringShutdown + " diagnosticsWritten=" + diagnosticsWritten
                + " diagnosticsFailed=" + diagnosticsFailed + " diagnosticsDropped=" + diagnosticsDropped;
    }
}
