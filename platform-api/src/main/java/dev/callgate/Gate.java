package dev.callgate;

import dev.callgate.internal.BodyBracket;
import dev.callgate.internal.CallbackGate;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The JNA side of a gate: every native call of the gated proxy lands in {@link #invoke}, which
 * runs the body in the one {@link BodyBracket} (the java agent's hook uses the same).
 */
final class Gate implements InvocationHandler {

    final CallbackGate core;
    private final BodyBracket bracket;
    private final Object body;
    private final Method method;
    private volatile Method proxyMethod; // the proxy's own Method object for the callback, learnt on first call

    Gate(CallbackGate core, Object body, Method method, Object fallback) {
        this.core = core;
        this.bracket = BodyBracket.returning(core, fallback);
        this.body = body;
        this.method = method;
    }

    @Override
    public Object invoke(Object proxy, Method called, Object[] args) throws Throwable {
        if (called != proxyMethod) {
            if (!called.equals(method)) { // not what native code calls: Object methods, extra methods
                return otherMethod(proxy, called, args);
            }
            proxyMethod = called; // later calls compare one reference
        }
        return bracket.call(method, body, args);
    }

    /** Java-side calls of the proxy that JNA never makes; they pass straight through, ungated. */
    private Object otherMethod(Object proxy, Method called, Object[] args) throws Throwable {
        if (called.getDeclaringClass() == Object.class) {
            switch (called.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    return "gated " + core.name() + " (" + core.policy() + ")";
            }
        }
        called.trySetAccessible(); // callback interfaces are often package-private, as CallbackMethod knows
        try {
            return called.invoke(body, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
