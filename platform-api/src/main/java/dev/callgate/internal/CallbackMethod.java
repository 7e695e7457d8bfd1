package dev.callgate.internal;

import com.sun.jna.Callback;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the method JNA will call on a gated proxy of a callback interface, by JNA's own rule
 * ({@code CallbackReference.getCallbackMethod}): the single public method, not counting the names
 * in {@link Callback#FORBIDDEN_NAMES}, or else the one named {@link Callback#METHOD_NAME}. JNA
 * first looks at the methods the interface itself declares; when that fails, at the public
 * methods of the proxy class, which are every instance method of the interface and its
 * superinterfaces, {@code default} ones included.
 */
public final class CallbackMethod {

    private CallbackMethod() {}

    /**
     * The method JNA calls on a callback of interface {@code type}, made accessible.
     *
     * @throws IllegalArgumentException when JNA's rule finds none, or it cannot be made accessible; the message says what to change
     */
    public static Method of(Class<?> type) {
        Method chosen = pick(declaredPublic(type));
        if (chosen == null) {
            chosen = pick(proxyMethods(type));
        }
        if (chosen == null) {
            List<Method> all = withoutForbidden(proxyMethods(type));
            throw new IllegalArgumentException(type.getName() + " cannot be gated: JNA calls the single public method"
                    + " of a callback interface, or the one named \"" + Callback.METHOD_NAME + "\", and the gated proxy"
                    + " of " + type.getSimpleName() + " has " + all.size() + " public methods ("
                    + all.stream().map(Method::getName).sorted().collect(Collectors.joining(", "))
                    + "). Give the interface exactly one method (default methods count), or name the one native code"
                    + " calls \"" + Callback.METHOD_NAME + "\"");
        }
        try {
            chosen.setAccessible(true); // callback interfaces are often package-private
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("callgate cannot call " + chosen + ": " + e.getMessage() + ". "
                    + opening(chosen.getDeclaringClass()), e);
        }
        return chosen;
    }

    /**
     * The line the module of {@code type} needs: callgate and JNA both call the callback method
     * reflectively (JNA when it hands native code the function pointer), so its package must be
     * open to both modules.
     */
    private static String opening(Class<?> type) {
        return "Add \"opens " + type.getPackageName() + " to dev.callgate, com.sun.jna;\" to the module-info.java"
                + " of module " + type.getModule().getName();
    }

    private static Method pick(List<Method> methods) {
        List<Method> candidates = withoutForbidden(methods);
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        for (Method m : candidates) {
            if (m.getName().equals(Callback.METHOD_NAME)) {
                return m;
            }
        }
        return null;
    }

    private static List<Method> withoutForbidden(List<Method> methods) {
        List<Method> kept = new ArrayList<>();
        for (Method m : methods) {
            if (!Callback.FORBIDDEN_NAMES.contains(m.getName())) {
                kept.add(m);
            }
        }
        return kept;
    }

    /** What JNA's rule sees on the interface: its own declared methods that are also public members. */
    private static List<Method> declaredPublic(Class<?> type) {
        List<Method> publicMembers = Arrays.asList(type.getMethods());
        List<Method> found = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (publicMembers.contains(m)) {
                found.add(m);
            }
        }
        return found;
    }

    /** What JNA's rule sees on the proxy class: every public instance method it implements. */
    private static List<Method> proxyMethods(Class<?> type) {
        List<Method> found = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers())) {
                found.add(m);
            }
        }
        return found;
    }
}
