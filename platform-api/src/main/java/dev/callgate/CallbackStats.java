package dev.callgate;

/**
 * A snapshot of what the gate counted, for one gated callback or for all of them.
 *
 * @param calls every call that reached the gate
 * @param foreignCalls calls on threads the JVM did not create
 * @param foreignThreads distinct foreign threads seen (each attachment counts once)
 * @param rejected foreign calls whose body did not run because of {@link Policy#REJECT}
 * @param exceptions calls whose body threw; the exception did not reach native code
 * @param callsAfterClose calls that arrived after {@link GatedCallback#close()}
 * @param callsDuringShutdown calls that arrived after JVM shutdown had begun
 * @param diagnosticsWritten diagnostic lines written whole
 * @param diagnosticsFailed diagnostic lines the OS refused (a closed or broken stderr)
 */
public record CallbackStats(long calls, long foreignCalls, long foreignThreads, long rejected, long exceptions,
        long callsAfterClose, long callsDuringShutdown, long diagnosticsWritten, long diagnosticsFailed) {

    /** All zero. */
    public static final CallbackStats ZERO = new CallbackStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The field-by-field sum of this and {@code other}. */
    public CallbackStats plus(CallbackStats other) {
        return new CallbackStats(calls + other.calls, foreignCalls + other.foreignCalls,
                foreignThreads + other.foreignThreads, rejected + other.rejected, exceptions + other.exceptions,
                callsAfterClose + other.callsAfterClose, callsDuringShutdown + other.callsDuringShutdown,
                diagnosticsWritten + other.diagnosticsWritten, diagnosticsFailed + other.diagnosticsFailed);
    }

    /** One line, {@code name=value} pairs, for logs and the command line. */
    @Override
    public String toString() {
        return "calls=" + calls + " foreignCalls=" + foreignCalls + " foreignThreads=" + foreignThreads
                + " rejected=" + rejected + " exceptions=" + exceptions + " callsAfterClose=" + callsAfterClose
                + " callsDuringShutdown=" + callsDuringShutdown + " diagnosticsWritten=" + diagnosticsWritten
                + " diagnosticsFailed=" + diagnosticsFailed;
    }
}
