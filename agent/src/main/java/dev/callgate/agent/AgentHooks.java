package dev.callgate.agent;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Pointer;
import dev.callgate.CallbackRoute;
import dev.callgate.agent.GateRegistry.Gated;
import dev.callgate.internal.Backends;
import dev.callgate.internal.BodyBracket;
import dev.callgate.internal.CallbackGate;
import dev.callgate.internal.CallbackMethod;
import dev.callgate.internal.ForeignThreadInitializer;
import dev.callgate.internal.GateSpec;
import dev.callgate.internal.JnaUpcalls;
import dev.callgate.internal.Lines;
import dev.callgate.internal.OpenCallbacks;
import dev.callgate.internal.ReturnValues;
import dev.callgate.internal.UpcallRoute;
import dev.callgate.spi.OsBackend;
import java.lang.ref.WeakReference;
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
 *       callgate's thread initializer (JNA reads it only at this first conversion). On the FFM route
 *       ({@link AgentRoute}) it gets an upcall stub instead, whose address {@code getFunctionPointer}
 *       returns: JNA then makes no trampoline for it.</li>
 *   <li>{@link #callbackAt}: at the start of JNA's private {@code getCallback(Class, Pointer,
 *       boolean)}, so that a stub's address maps back to the original callback.</li>
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

    private static final ClassValue<Method> CALLBACK_METHODS = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return callbackMethod(type);
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
     * @return for a callback on the FFM route, the {@link Pointer} to its upcall stub, which
     *     {@code getFunctionPointer} returns without making a trampoline; else the {@link Boolean}
     *     {@code direct} flag JNA goes on with: false for a gated callback unless the option
     *     {@code direct=leave}, so that native calls of it pass JNA's dispatch where the gate sits
     */
    public static Object converting(Object callback, boolean direct, Map<?, ?> initializers) {
        AgentOptions chosen = options;
        if (chosen == null || callback == null || FAILED.get()) {
            return direct;
        }
        try {
            if (direct && !chosen.gateDirect()) {
                return true;
            }
            Gated known = GateRegistry.find(callback);
            if (known != null) {
                return handedToJna(known);
            }
            String name = NAMES.get(callback.getClass());
            if (name == null || isNativeOrGatedProxy(callback) || direct && DirectBeforeAttach.has(callback)) {
                return direct;
            }
            Gated gated = gate(chosen, callback, name, applicationInitializer(callback, initializers));
            Gated won = GateRegistry.putIfAbsent(callback, gated);
            if (won == gated) {
                OpenCallbacks.counted(gated.gate(), callback); // joins CallGate.totals(); nothing is held strongly
                if (gated.stub() == null) {
                    registerInitializer(callback, initializers);
                }
            }
            return handedToJna(won);
        } catch (Throwable t) {
            fail("cannot gate " + callback.getClass().getName() + ": " + t);
            return direct;
        }
    }

    /** The stub's address for a callback on the FFM route; else JNA's dispatch (not direct), where the gate sits. */
    private static Object handedToJna(Gated gated) {
        return gated.address() != null ? gated.address() : Boolean.FALSE;
    }

    /** The gate for a callback converted for the first time, on the route {@link AgentRoute} chooses. */
    private static Gated gate(AgentOptions chosen, Object callback, String name, CallbackThreadInitializer application) {
        OsBackend os = backend();
        Method method = CALLBACK_METHODS.get(callback.getClass());
        Class<?> returnType = method == null ? int.class : method.getReturnType(); // none: JNA refuses it anyway
        Object fallback = ReturnValues.zeroFor(returnType);
        String fallbackText = ReturnValues.text(returnType, fallback);
        UpcallRoute.Choice route = AgentRoute.choose(chosen, callback, method, application);
        if (route.route() == CallbackRoute.FFM) {
            try {
                Gated upcall = upcall(route, chosen, callback, name, method, fallback, fallbackText, application, os);
                AgentRoute.tell(route, upcall.gate(), callback.getClass());
                return upcall;
            } catch (RuntimeException | LinkageError e) { // this callback keeps JNA's route; the agent goes on
                route = AgentRoute.stubFailed(e);
            }
        }
        CallbackGate gate = spec(chosen, name, fallbackText, os).gate();
        AgentRoute.tell(route, gate, callback.getClass());
        return Gated.jnaRoute(bracket(gate));
    }

    /** The FFM route: a gate that tells foreign threads as FFM attaches them, and its upcall stub. */
    private static Gated upcall(UpcallRoute.Choice route, AgentOptions chosen, Object callback, String name,
            Method method, Object fallback, String fallbackText, CallbackThreadInitializer application, OsBackend os) {
        WeakReference<Object> held = new WeakReference<>(callback); // the agent never keeps a callback alive
        CallbackGate gate = spec(chosen, name, fallbackText, os).jvmEntry(backend -> route.upcalls()
                .jvmEntry(callback.getClass().getClassLoader(), backend, () -> threadName(application, held))).gate();
        JnaUpcalls.Stub stub = route.upcalls().stub(new JnaUpcalls.StubRequest(gate, method, callback.getClass(),
                callback, false, fallback, thrown -> ApplicationExceptionHandler.tell(held.get(), thrown, name)));
        return new Gated(bracket(gate), stub, new Pointer(stub.address()));
    }

    /** The gate of one converted callback as the agent's options set it up, on either route. */
    private static GateSpec spec(AgentOptions chosen, String name, String fallbackText, OsBackend os) {
        return GateSpec.named(name).policy(chosen.policy()).attachment(chosen.attachment())
                .exceptionReporting(chosen.exceptions()).fallbackText(fallbackText).backend(os);
    }

    /**
     * The body's bracket when JNA's dispatch runs it: zero of the called method's return type when
     * the body does not run (the agent sets no default), and what the body threw goes to the
     * application's JNA callback exception handler after the gate's line, as without the agent.
     */
    private static BodyBracket bracket(CallbackGate gate) {
        return new BodyBracket(gate, called -> ReturnValues.zeroFor(called.getReturnType()),
                (callback, thrown) -> ApplicationExceptionHandler.tell(callback, thrown, gate.name()));
    }

    /** What the application's thread initializer names a foreign thread (null: callgate's default name). */
    private static String threadName(CallbackThreadInitializer application, WeakReference<Object> callback) {
        Object c = callback.get();
        return application == null || !(c instanceof Callback cb) ? null : application.getName(cb);
    }

    /**
     * Called first thing in JNA's {@code getCallback(type, pointer, direct)}: the callback whose FFM
     * stub is at {@code pointer}, when it is a {@code type}, so that JNA maps the pointer back to the
     * original callback as it does for its own trampolines; else null, and JNA goes on as usual.
     */
    public static Callback callbackAt(Class<?> type, Pointer pointer) {
        if (pointer == null || type == null || options == null) {
            return null;
        }
        Object found = GateRegistry.atStub(Pointer.nativeValue(pointer));
        return found instanceof Callback c && type.isInstance(c) ? c : null;
    }

    /**
     * Runs a callback body for JNA (in place of {@code method.invoke(target, args)}): through the
     * gate when {@code target} has one, else exactly as JNA would.
     */
    public static Object invoke(Method method, Object target, Object[] args)
            throws IllegalAccessException, InvocationTargetException {
        Gated gated = GateRegistry.find(target);
        if (gated == null) {
            return method.invoke(target, args);
        }
        return gated.bracket().call(method, target, args);
    }

    /** The thread initializer the application registered for {@code callback}, or null. */
    private static CallbackThreadInitializer applicationInitializer(Object callback, Map<?, ?> initializers) {
        synchronized (initializers) { // the lock JNA takes for this map
            Object found = initializers.get(callback);
            return found instanceof CallbackThreadInitializer i ? i : null;
        }
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

    /**
     * The interface method JNA calls on a callback of this class, by JNA's rule
     * ({@code CallbackReference.findCallbackClass}, then the interface's own single public method or
     * the one named {@code callback}); null when that rule finds no interface method (JNA then looks
     * at the class itself, or refuses the callback).
     */
    private static Method callbackMethod(Class<?> type) {
        if (type.isInterface()) {
            return ownCallbackMethod(type);
        }
        for (Class<?> i : type.getInterfaces()) {
            if (Callback.class.isAssignableFrom(i)) {
                Method m = ownCallbackMethod(i);
                if (m != null) {
                    return m;
                }
                break; // JNA stops at the first callback interface
            }
        }
        Class<?> parent = type.getSuperclass();
        return parent != null && Callback.class.isAssignableFrom(parent) ? callbackMethod(parent) : null;
    }

    /** The method JNA's rule finds among those {@code type} declares itself, or null. */
    private static Method ownCallbackMethod(Class<?> type) {
        try {
            Method m = CallbackMethod.of(type);
            return m.getDeclaringClass() == type ? m : null; // CallbackMethod's second look is for proxies only
        } catch (IllegalArgumentException none) {
            return null;
        }
    }

    /** The agent stops gating new callbacks, says why once, and the application goes on as without it. */
    static void fail(String why) {
        if (FAILED.compareAndSet(false, true)) {
            System.err.println(Lines.agentFailed(why));
        }
    }
}
