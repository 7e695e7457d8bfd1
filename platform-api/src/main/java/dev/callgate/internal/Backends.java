package dev.callgate.internal;

import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;

/**
 * The OS backend selected for this JVM, once, on first use: for callgate's own modules (the gate,
 * the agent, the FFM module, the command line). Applications see only
 * {@link dev.callgate.CallGate#selection()}. With no OS module serving this JVM it is the
 * {@link JavaFallbackBackend}, announced by one line on standard error.
 */
public final class Backends {

    /**
     * The selected provider, its backend and how it was chosen.
     *
     * @param notice the line written once when this selection is made (the Java fallback's), or null
     */
    public record Selected(OsBackendProvider provider, OsBackend backend, String how, String notice) {

        /** A selection that says nothing when made: an OS module's. */
        public Selected(OsBackendProvider provider, OsBackend backend, String how) {
            this(provider, backend, how, null);
        }

        /** Whether this is the Java fallback, not an OS module. */
        public boolean isJavaFallback() {
            return backend instanceof JavaFallbackBackend;
        }
    }

    private static volatile Selected selected;

    private Backends() {}

    /**
     * Checks the settings first ({@link Settings#current()}), then selects.
     *
     * @throws IllegalArgumentException if a {@code callgate.*} property is bad
     * @throws IllegalStateException if no backend fits and {@value Settings#REQUIRE_OS_MODULE} is
     *     {@code true}, or the selection is a mistake (an unknown id, two fitting modules, a broken
     *     module); the message lists what was found and what to do. A failed selection is tried
     *     again on the next call.
     */
    public static Selected selected() {
        Selected s = selected;
        if (s == null) {
            Settings settings = Settings.current();
            synchronized (Backends.class) {
                s = selected;
                if (s == null) {
                    s = BackendSelector.fromServiceLoader(Backends.class.getClassLoader()).selectForThisJvm(settings);
                    if (s.notice() != null) { // through the channel: a stalled stderr cannot block build()
                        DiagnosticChannel.shared().write(s.backend().stderr(), NativeMessage.encode(s.notice()));
                    }
                    selected = s;
                }
            }
        }
        return s;
    }

    /** The selected backend. */
    public static OsBackend backend() {
        return selected().backend();
    }
}
