package dev.callgate;

/**
 * Receives every diagnostic callgate writes, for applications whose standard error nobody sees
 * (javaw, launchers, services): hand them to {@code System.Logger}, SLF4J or a crash reporter.
 *
 * <pre>{@code
 * System.Logger log = System.getLogger("callgate");
 * CallGate.addListener(d -> log.log(System.Logger.Level.WARNING, d.line(), d.thrown()));
 * }</pre>
 *
 * <p>Listeners run on one daemon thread, {@code callgate-listeners}, never on the callback's thread:
 * diagnostics wait in a bounded queue ({@value dev.callgate.CallGate#LISTENER_QUEUE_CAPACITY}
 * entries) and the callback never waits for a listener. When the queue is full, diagnostics are
 * dropped for listeners and counted ({@link CallGate#listenerDrops()}); the line on standard error
 * is unaffected. An exception thrown by a listener is swallowed; the next diagnostic still arrives.
 *
 * @since 1.0
 */
@FunctionalInterface
public interface DiagnosticListener {

    /** Called once per diagnostic, on the listener thread. */
    void onDiagnostic(Diagnostic diagnostic);
}
