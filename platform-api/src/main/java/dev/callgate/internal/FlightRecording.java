package dev.callgate.internal;

import dev.callgate.Policy;
import jdk.jfr.FlightRecorder;

/**
 * Commits {@link ForeignCallbackEvent}s, but only once JFR is running. Loading an event class
 * pulls in about a hundred {@code jdk.jfr} classes (100 ms and more on a native thread's first
 * diagnosis), so nothing JFR beyond {@link FlightRecorder#isInitialized()} is touched until a
 * recording has started (at launch or later with {@code jcmd JFR.start}).
 */
final class FlightRecording {

    private FlightRecording() {}

    static void foreignCallback(String callback, long nativeThreadId, Policy policy, String os) {
        if (isRecording()) {
            try {
                Committer.commit(callback, nativeThreadId, policy, os);
            } catch (Throwable failed) { // an event never becomes the failure
            }
        }
    }

    /** Whether JFR has started in this JVM; false on a runtime without {@code jdk.jfr}. */
    static boolean isRecording() {
        try {
            return FlightRecorder.isInitialized();
        } catch (Throwable noJfr) {
            return false;
        }
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
