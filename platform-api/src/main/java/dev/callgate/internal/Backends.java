package dev.callgate.internal;

import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;

/**
 * The OS backend selected for this JVM, once, on first use: for callgate's own modules (the gate,
 * the agent, the FFM module, the command line). Applications see only
 * {@link dev.callgate.CallGate#selection()}.
 */
public final class Backends {

    /** The selected provider, its backend and how it was chosen. */
    public record Selected(OsBackendProvider provider, OsBackend backend, String how) {}

    private static volatile Selected selected;

    private Backends() {}

    /**
     * @throws IllegalStateException if no backend fits; the message lists what was found and what to
     *     add. A failed selection is tried again on the next call.
     */
    public static Selected selected() {
        Selected s = selected;
        if (s == null) {
            synchronized (Backends.class) {
                s = selected;
                if (s == null) {
                    s = BackendSelector.fromServiceLoader(Backends.class.getClassLoader()).selectForThisJvm();
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
