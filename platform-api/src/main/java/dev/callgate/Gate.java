package dev.callgate;

import com.sun.jna.Structure;
import dev.callgate.internal.CallbackGate;
import dev.callgate.internal.ReturnValues;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The JNA side of a gate: every native call of the gated proxy lands in {@link #invoke}, which
 * brackets the body with {@link CallbackGate#enter()} and {@link CallbackGate#exit}.
 */
final class Gate implements InvocationHandler {

    final CallbackGate core;
    private final Object body;
    private final Method method;
    private volatile Method proxyMethod; // the proxy's own Method object for the callback, learnt on first call
    private final Object fallback;
    private final boolean fallbackWritten; // a Structure: written before each return

    Gate(CallbackGate core, Object body, Method method, Object fallback) {
        this.core = core;
        this.body = body;
        this.method = method;
        this.fallback = fallback;
        this.fallbackWritten = fallback instanceof Structure;
    }

    @Override
    public Object invoke(Object proxy, Method called, Object[] args) throws Throwable {
        if (called != proxyMethod) {
            if (!called.equals(method)) { // not what native code calls: Object methods, extra methods
                return otherMethod(proxy, called, args);
            }
            proxyMethod = called; // later calls compare one reference
        }
        CallbackGate.Entry entry = core.enter();
        if (entry == null) {
            return fallback();
        }
        try {
            return method.invoke(body, args);
        } catch (InvocationTargetException e) {
            core.contain(e.getCause());
            return fallback();
        } catch (Throwable t) { // whatever the body throws stays on this side of the native boundary
            core.contain(t);
            return fallback();
        } finally {
            core.exit(entry);
        }
    }

    /** The default value as native code must get it (a structure written first). */
    private Object fallback() {
        return fallbackWritten ? ReturnValues.forNative(fallback) : fallback;
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
