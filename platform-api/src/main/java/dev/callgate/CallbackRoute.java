package dev.callgate;

/**
 * How native code reaches a gated JNA callback: which code sits between the native caller and the
 * gate. The gate, its policy, its lines and {@code close()} are the same on both routes.
 *
 * <p>{@link #FFM} is taken where it can be and {@link #JNA} everywhere else; see
 * {@link GatedCallback#route()} for which one a callback took and
 * {@link GatedCallback#routeReason()} for why.
 *
 * @since 1.0
 */
public enum CallbackRoute {

    /**
     * An FFM upcall stub ({@code java.lang.foreign}): native code calls the stub, which converts
     * the arguments to the callback's JNA types with method handles, with no libffi closure, no
     * reflection and no argument array. Needs JDK 22 or later, the module callgate-ffm, and native
     * access for callgate ({@code --enable-native-access=ALL-UNNAMED} on the class path, or
     * {@code =dev.callgate.ffm}), and a callback whose argument and return types the route
     * converts as JNA does. {@code -Dcallgate.route=jna} turns it off.
     */
    FFM,

    /**
     * JNA's own trampoline and dispatch: every JDK, every callback shape JNA supports.
     */
    JNA
}
