/**
 * callgate's API: a gate in front of each JNA callback that notices a call on a thread the JVM did
 * not create, says so in one line through the operating system's own write, applies a
 * {@link Policy}, keeps the body's exceptions away from native code, and gives the callback a
 * lifecycle ({@code close()} is a barrier).
 *
 * <p>Start at {@link CallGate}: {@link CallGate#builder} gates one callback as a
 * {@link GatedCallback}, whose {@link GatedCallback#callback()} goes where the bare callback
 * would; {@link CallGate#group} makes a {@link CallbackGroup}, callbacks that share a policy and
 * close together. {@link CallbackStats} counts what the gate saw, a {@link DiagnosticListener}
 * receives each line as a {@link Diagnostic}, and {@link CallGate#selection()} tells which OS
 * backend writes the lines.
 *
 * @since 1.0
 */
package dev.callgate;
