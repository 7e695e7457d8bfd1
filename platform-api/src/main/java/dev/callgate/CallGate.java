package dev.callgate;

import com.sun.jna.Callback;
import dev.callgate.spi.DiagnosticWriter;

/**
 * callgate's entry point: puts a gate in front of JNA callbacks, and tells which OS backend is in use.
 *
 * <pre>{@code
 * interface Tick extends Callback { int invoke(Pointer data); }
 *
 * try (GatedCallback<Tick> tick = CallGate.builder(Tick.class, data -> 0).policy(Policy.WARN).build()) {
 *     lib.start(tick.callback());   // native code calls back through the gate
 *     ...
 * }
 * }</pre>
 *
 * <p>The OS backend is selected once, on first use, by {@link BackendSelector} from the providers
 * {@link java.util.ServiceLoader} finds; {@code -Dcallgate.os=<id>} or {@code CALLGATE_OS} overrides.
 */
public final class CallGate {

    private static volatile Selected selected;

    private CallGate() {}

    /** Gates {@code body} with the defaults: {@link Policy#WARN_ONCE}, {@link Attachment#KEEP_ATTACHED}. */
    public static <T extends Callback> GatedCallback<T> wrap(Class<T> type, T body) {
        return builder(type, body).build();
    }

    /** Starts configuring a gate for {@code body}, which implements the JNA callback interface {@code type}. */
    public static <T extends Callback> GatedCallback.Builder<T> builder(Class<T> type, T body) {
        return new GatedCallback.Builder<>(type, body);
    }

    /**
     * The OS backend for this JVM and how it was chosen, selected on the first call.
     *
     * @throws IllegalStateException if no backend fits; the message lists what was found and what to add.
     *     A failed selection is tried again on the next call.
     */
    public static BackendSelection selection() {
        return selectedOnce().selection;
    }

    /** The shared writer to the selected backend's standard error. */
    static DiagnosticWriter stderr() {
        return selectedOnce().stderr;
    }

    /** What every gated callback made in this JVM has counted, closed and collected ones included. */
    public static CallbackStats totals() {
        return StatsRegistry.totals();
    }

    private static Selected selectedOnce() {
        Selected s = selected;
        if (s == null) {
            synchronized (CallGate.class) {
                s = selected;
                if (s == null) {
                    BackendSelection selection = BackendSelector.fromServiceLoader(CallGate.class.getClassLoader())
                            .selectForThisJvm();
                    s = new Selected(selection, selection.backend().stderr());
                    selected = s;
                }
            }
        }
        return s;
    }

    private record Selected(BackendSelection selection, DiagnosticWriter stderr) {}
}
