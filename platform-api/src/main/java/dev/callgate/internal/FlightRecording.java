package dev.callgate.internal;

import dev.callgate.Policy;
import jdk.jfr.FlightRecorder;

/**
 * Commits {@link ForeignCallbackEvent}s, but only when {@code jdk.jfr} is present and JFR is
 * running. callgate {@code requires static jdk.jfr}: a runtime without it (a {@code jlink} image,
 * or a named application that leaves it unresolved) never loads a {@code jdk.jfr} class. Loading
 * an event class pulls in about a hundred {@code jdk.jfr} classes (100 ms and more on a native
 * thread's first diagnosis), so nothing JFR beyond {@link FlightRecorder#isInitialized()} is
 * touched until a recording has started (at launch or later with {@code jcmd JFR.start}).
 */
final class FlightRecording {

    /** The one check for {@code jdk.jfr}: every JFR class this module uses is reached only past it. */
    private static final boolean JFR_PRESENT = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private FlightRecording() {}

    static void foreignCallback(String callback, long nativeThreadId, Policy policy, String os) {
        if (isRecording()) {
            try {
                Committer.commit(callback, nativeThreadId, policy, os);
            } catch (Throwable failed) { // an event never becomes the failure
            }
        }
    }

    /** Whether JFR has started in this JVM; false when {@code jdk.jfr} is not in the boot layer. */
    static boolean isRecording() {
        return JFR_PRESENT && FlightRecorder.isInitialized();
    }

    /** Holds the event class apart, so it loads on the first commit with a recording running. */
    private static final class Committer {
        static void commit(String callback, long nativeThreadId, Policy policy, String os) {
            ForeignCallbackEvent event = new ForeignCallbackEvent();
            if (event.isEnabled()) {
                event.callback = callback;
                event.nativeThreadId = nativeThreadId;
                event.policy = policy.name();
                event.os = os;
                event.commit();
            }
        }
    }
}
