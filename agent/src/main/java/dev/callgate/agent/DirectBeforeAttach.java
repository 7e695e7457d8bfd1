package dev.callgate.agent;

import com.sun.jna.CallbackReference;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Whether JNA already gave a callback a trampoline ({@link #hasTrampoline}: then the agent keeps it
 * on JNA's route rather than hand native code a second pointer, an FFM stub's, for it), and
 * whether it gave it a direct-mapped trampoline, which can only have happened
 * before a run-time attach. Such a callback stays direct (and ungated: JNA's direct dispatch has no
 * place for the gate): routing it through JNA's proxy dispatch would hand native code a second
 * function pointer for the same callback, and native APIs that find a registration by its function
 * pointer (GLib's {@code g_signal_handlers_disconnect_by_func}, say) would no longer find the one
 * made before the attach.
 *
 * <p>Reads JNA's private {@code directCallbackMap} and {@code callbackMap} under the lock JNA takes for them
 * ({@code pointerCallbackMap}); a JNA without them, or whose fields cannot be opened (JNA as a named
 * module), answers false, and such a callback is routed as any other.
 */
final class DirectBeforeAttach {

    private record JnaMaps(Map<?, ?> direct, Map<?, ?> proxied, Object lock) {}

    private static final JnaMaps MAPS = jnaMaps();

    private DirectBeforeAttach() {}

    static boolean has(Object callback) {
        if (MAPS == null) {
            return false;
        }
        synchronized (MAPS.lock()) {
            return MAPS.direct().containsKey(callback);
        }
    }

    /** Whether JNA made any trampoline (direct-mapped or not) for {@code callback}. */
    static boolean hasTrampoline(Object callback) {
        if (MAPS == null) {
            return false;
        }
        synchronized (MAPS.lock()) {
            return MAPS.direct().containsKey(callback) || MAPS.proxied().containsKey(callback);
        }
    }

    private static JnaMaps jnaMaps() {
        try {
            return new JnaMaps((Map<?, ?>) staticField("directCallbackMap"), (Map<?, ?>) staticField("callbackMap"),
                    staticField("pointerCallbackMap"));
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return null;
        }
    }

    private static Object staticField(String name) throws ReflectiveOperationException {
        Field field = CallbackReference.class.getDeclaredField(name);
        field.setAccessible(true);
        Object value = field.get(null);
        if (value == null) {
            throw new NoSuchFieldException(name + " is null");
        }
        return value;
    }
}
