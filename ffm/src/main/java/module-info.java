/**
 * callgate for FFM upcalls: {@link dev.callgate.ffm.FfmCallGate} puts the gate in front of a
 * {@link java.lang.foreign.Linker#upcallStub upcall stub}; and with this module on the path, JNA
 * callbacks made with callgate (or converted under its java agent) take the FFM route
 * ({@link dev.callgate.CallbackRoute#FFM}). Needs JDK 22 or later, and native access for this module
 * ({@code --enable-native-access=dev.callgate.ffm}, or {@code =ALL-UNNAMED} on the class path).
 *
 * @since 1.0
 */
module dev.callgate.ffm {
    requires transitive dev.callgate; // Policy, CallbackStats, ExceptionReporting are in its API
    requires static java.management; // on the class path: whether the java command enabled native access

    exports dev.callgate.ffm;

    provides dev.callgate.internal.JnaUpcalls with dev.callgate.ffm.internal.JnaUpcallStubs;
}
