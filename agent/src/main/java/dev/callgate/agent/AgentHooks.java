package dev.callgate.agent;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import dev.callgate.internal.Backends;
import dev.callgate.internal.CallbackGate;
import dev.callgate.internal.CallbackMethod;
import dev.callgate.internal.ForeignThreadInitializer;
import dev.callgate.internal.OpenCallbacks;
import dev.callgate.internal.ReturnValues;
import dev.callgate.spi.OsBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What JNA's instrumented code calls. Public because JNA's classes call it from their own package;
 * not API.
 *
 * <ul>
 *   <li>{@link #converting}: at the start of {@code CallbackReference.getFunctionPointer(Callback,
 *       boolean)}, the one place every Java callback becomes a native pointer. The first time a
 *       selected callback passes, it gets its gate and, unless the application registered one,
 *       callgate's thread initializer (JNA reads it only at this first conversion).</li>
 *   <li>{@link #invoke}: in place of {@code Method.invoke} inside
 *       {@code CallbackReference$DefaultCallbackProxy}, where JNA runs the callback body for a native
 *       call. The gate brackets the body there, below JNA's own exception handling: a contained
 *       exception goes to the application's callback exception handler from here, after the gate's
 *       line ({@link ApplicationExceptionHandler}).</li>
 * </ul>
 */
public final class AgentHooks {

    private static volatile AgentOptions options;
    private static volatile OsBackend backend;
    private static volatile CallbackThreadInitializer initializer;
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return selectedName(type);
        }
    };

    private AgentHooks() {}

    static void configure(AgentOptions chosen) {
        options = chosen;
    }

    /** Whether the agent is installed and working in this JVM. */
    public static boolean active() {
        return options != null && !FAILED.get();
    }

    /**
     * Called first thing in {@code getFunctionPointer(cb, direct)}.
     *
     * @param initializers JNA's own map of thread initializers, guarded by itself
     * @return the {@code direct} flag JNA goes on with: false for a gated callback unless the option
     *     {@code direct=leave}, so that native calls of it pass JNA's dispatch where the gate sits
     */
    public static boolean converting(Object callback, boolean direct, Map<?, ?> initializers) {
        AgentOptions chosen = options;
        if (chosen == null || callback == null || FAILED.get()) {
            return direct;
        }
        try {
            if (direct && !chosen.gateDirect()) {
                return true;
            }
            if (GateRegistry.find(callback) != null) {
                return false;
            }
            String name = NAMES.get(callback.getClass());
            if (name == null || isNativeOrGatedProxy(callback) || direct && DirectBeforeAttach.has(callback)) {
                return direct;
            }
            OsBackend os = backend();
            Class<?> returnType = returnType(callback.getClass());
            String fallback = ReturnValues.text(returnType, ReturnValues.zeroFor(returnType));
            CallbackGate gate = new CallbackGate(name, chosen.policy(), chosen.attachment(), chosen.exceptions(),
                    fallback, os, os.stderr());
            if (GateRegistry.putIfAbsent(callback, gate) == gate) {
                OpenCallbacks.counted(gate, callback); // joins CallGate.totals(); nothing is held strongly
                registerInitializer(callback, initializers);
            }
            return false;
        } catch (Throwable t) {
            fail("cannot gate " + callback.getClass().getName() + ": " + t);
            return direct;
        }
    }

    /**
     * Runs a callback body for JNA (in place of {@code method.invoke(target, args)}): through the
     * gate when {@code target} has one, else exactly as JNA would.
     */
    public static Object invoke(Method method, Object target, Object[] args)
            throws IllegalAccessException, InvocationTargetException {
        CallbackGate gate = GateRegistry.find(target);
        if (gate == null) {
            return method.invoke(target, args);
        }
        CallbackGate.Entry entry = gate.enter();
        if (entry == null) {
            return ReturnValues.zeroFor(method.getReturnType());
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable body = e.getTargetException(); // what JNA hands the application's handler
            gate.contain(body != null ? body : e);
            ApplicationExceptionHandler.tell(target, body, gate.name());
        } catch (Throwable t) { // the body stays on this side of the native boundary, whatever it throws
            gate.contain(t);
            ApplicationExceptionHandler.tell(target, t, gate.name());
        } finally {
            gate.exit(entry);
        }
        return ReturnValues.zeroFor(method.getReturnType());
    }

    private static void registerInitializer(Object callback, Map<?, ?> initializers) {
        @SuppressWarnings("unchecked")
        Map<Object, Object> jna = (Map<Object, Object>) initializers;
        synchronized (jna) { // the lock JNA takes for this map
            if (!jna.containsKey(callback)) { // never replace the application's own
                jna.put(callback, initializer);
            }
        }
    }

    private static OsBackend backend() {
        OsBackend os = backend;
        if (os == null) {
            synchronized (AgentHooks.class) {
                os = backend;
                if (os == null) {
                    os = Backends.backend();
                    initializer = new ForeignThreadInitializer(os, options.attachment(), null);
                    backend = os;
                }
            }
        }
        return os;
    }

    /** JNA's proxies for native function pointers, and callbacks the library API already gates. */
    private static boolean isNativeOrGatedProxy(Object callback) {
        if (!Proxy.isProxyClass(callback.getClass())) {
            return false;
        }
        String handler = Proxy.getInvocationHandler(callback).getClass().getName();
        return handler.startsWith("com.sun.jna.") || handler.startsWith("dev.callgate.");
    }

    /** The name in diagnostics, or null when the options leave this class alone. */
    private static String selectedName(Class<?> type) {
        List<Class<?>> interfaces = callbackInterfaces(type);
        List<String> names = new ArrayList<>();
        names.add(type.getName());
        interfaces.forEach(i -> names.add(i.getName()));
        if (!options.selects(names)) {
            return null;
        }
        boolean plainClass = !type.isHidden() && !type.isAnonymousClass() && !type.isSynthetic()
                && !Proxy.isProxyClass(type);
        if (plainClass || interfaces.isEmpty()) {
            return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
        }
        return interfaces.get(0).getSimpleName();
    }

    /** The callback interfaces of {@code type}, the one JNA uses first. */
    private static List<Class<?>> callbackInterfaces(Class<?> type) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (Callback.class.isAssignableFrom(i) && i != Callback.class) {
                    found.add(i);
                }
            }
        }
        return found;
    }

    /** The return type of the method JNA calls, by JNA's rule; only the diagnostic text uses it. */
    private static Class<?> returnType(Class<?> type) {
        List<Class<?>> interfaces = callbackInterfaces(type);
        if (interfaces.isEmpty()) {
            return int.class;
        }
        try {
            return CallbackMethod.of(interfaces.get(0)).getReturnType();
        } catch (IllegalArgumentException noSingleMethod) { // JNA refuses such a callback anyway
            return int.class;
        }
    }

    /** The agent stops gating new callbacks, says why once, and the application goes on as without it. */
    static void fail(String why) {
        if (FAILED.compareAndSet(false, true)) {
            System.err.println("callgate-agent: " + why + "; callbacks are not gated from now on");
        }
    }
}
