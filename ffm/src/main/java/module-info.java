/**
 * callgate for FFM upcalls: {@link dev.callgate.ffm.FfmCallGate} puts the gate in front of a
 * {@link java.lang.foreign.Linker#upcallStub upcall stub}. Needs JDK 22 or later, and native access
 * for this module ({@code --enable-native-access=dev.callgate.ffm}, or {@code =ALL-UNNAMED} on the
 * class path).
 */
module dev.callgate.ffm {
    requires transitive dev.callgate; // Policy, CallbackStats, ExceptionReporting are in its API

    exports dev.callgate.ffm;
}
