package dev.callgate;

import com.sun.jna.Callback;
import dev.callgate.internal.Backends;
import dev.callgate.internal.Checks;
import dev.callgate.internal.ListenerRelay;
import dev.callgate.internal.OpenCallbacks;

/**
 * callgate's entry point: puts a gate in front of JNA callbacks, groups them, and tells which OS
 * backend is in use.
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
 * <p>The OS backend is selected once, on first use, from the providers {@link java.util.ServiceLoader}
 * finds; {@code -Dcallgate.os=<id>} or {@code CALLGATE_OS} overrides. With no OS module that serves
 * this JVM, callgate gates through its Java fallback (see {@link BackendSelection}).
 *
 * <p>Every {@code callgate.*} system property is checked once, at the first build or selection: a
 * bad value or an unknown key is an {@link IllegalArgumentException} naming it, from every build.
 *
 * <p>In an application that is a named module, callgate and JNA both call the callback
 * interface's method reflectively, so the module opens the interface's package to both (a public
 * interface in an exported package needs nothing more); a package that is not open is refused
 * when the gate is built, with this line in the message:
 *
 * <pre>{@code
 * module com.example.app {
 *     requires dev.callgate;                                // and com.sun.jna with it
 *     opens com.example.app to dev.callgate, com.sun.jna;  // the package of the callback interfaces
 * }
 * }</pre>
 *
 * @since 1.0
 */
public final class CallGate {

    /** How many diagnostics wait for {@link DiagnosticListener}s before new ones are dropped. */
    public static final int LISTENER_QUEUE_CAPACITY = ListenerRelay.CAPACITY;

    private CallGate() {}

    /**
     * Gates {@code body} with the defaults: {@link Policy#WARN_ONCE}, {@link Attachment#KEEP_ATTACHED}.
     *
     * @throws NullPointerException if {@code type} or {@code body} is null
     */
    public static <T extends Callback> GatedCallback<T> wrap(Class<T> type, T body) {
        return builder(type, body).build();
    }

    /**
     * Starts configuring a gate for {@code body}, which implements the JNA callback interface {@code type}.
     *
     * @throws NullPointerException if {@code type} or {@code body} is null
     */
    public static <T extends Callback> GatedCallback.Builder<T> builder(Class<T> type, T body) {
        return new GatedCallback.Builder<>(type, body, null);
    }

    /**
     * A family of callbacks that share a policy and close together, as one barrier: for a media
     * library with ten callbacks, say.
     *
     * @param name prefixed to the members' names in diagnostics ({@code vlc/Tick})
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank or too long
     */
    public static CallbackGroup group(String name) {
        return new CallbackGroup(name);
    }

    /**
     * The OS backend for this JVM and how it was chosen, selected on the first call: the Java
     * fallback when no OS module serves this JVM (see {@link BackendSelection}).
     *
     * @throws IllegalArgumentException if a {@code callgate.*} system property has a bad value or an
     *     unknown key; the message names it and the fix
     * @throws IllegalStateException if {@code -Dcallgate.os} names no provider, two modules fit, a
     *     module fails to load, or no module fits with {@code -Dcallgate.requireOsModule=true}; the
     *     message lists what was found and what to do. A failed selection is tried again on the next call.
     */
    public static BackendSelection selection() {
        Backends.Selected s = Backends.selected();
        return new BackendSelection(s.backend().id(), s.provider().artifact(), s.how());
    }

    /** What every gated callback made in this JVM has counted, closed and collected ones included. */
    public static CallbackStats totals() {
        return OpenCallbacks.totals();
    }

    /**
     * Also hands every diagnostic line to {@code listener}, on callgate's listener thread (never the
     * callback's). The native write to standard error goes on as before. Listeners are called one
     * after another in the order they were added. Adding an instance that is already registered
     * (the same object: {@code equals} is not consulted) does nothing, so it never gets a line
     * twice. ABORT's line reaches every listener before the process ends, unless a listener takes
     * longer than the diagnostic bound plus 100 ms: the process then ends anyway.
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public static void addListener(DiagnosticListener listener) {
        ListenerRelay.add(Checks.given(listener, "listener"));
    }

    /**
     * Stops handing diagnostics to {@code listener} (this very instance, by identity); returns
     * whether it was registered.
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public static boolean removeListener(DiagnosticListener listener) {
        return ListenerRelay.remove(Checks.given(listener, "listener"));
    }

    /** Diagnostics no listener received because the listener queue was full. */
    public static long listenerDrops() {
        return ListenerRelay.drops();
    }

    /**
     * This callgate's version, such as {@code "1.0.0"}: the first thing a bug report needs. It is
     * the version of the {@code callgate-platform-api} jar (or class directory) this class came from,
     * on the class path and in a named module alike; {@code "unknown"} only for classes compiled
     * outside callgate's Maven build.
     *
     * @since 1.0
     */
    public static String version() {
        return BuildVersion.VALUE;
    }
}
