/**
 * callgate for FFM upcalls (JDK 22 and later): {@link FfmCallGate#builder} puts the gate in front of
 * an upcall stub, with the policies, exception containment and {@code close()} barrier of
 * {@code dev.callgate}, as a {@link GatedUpcall} whose {@link GatedUpcall#stub()} goes to native
 * code. With this module present, JNA callbacks gated by callgate take the FFM route as well
 * ({@link dev.callgate.CallbackRoute#FFM}).
 *
 * @since 1.0
 */
package dev.callgate.ffm;
