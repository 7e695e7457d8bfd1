package dev.callgate;

import java.lang.reflect.Proxy;

/**
 * Tells whether the current thread was created by the JVM or by native code, once per thread.
 *
 * <p>A thread the JVM started runs {@code Thread.run} at the bottom of its Java stack, and the
 * main thread runs {@code main}. A native thread that JNA attached for a callback has no Java
 * frame below the callback dispatch: its bottom-most frame is JNA's trampoline target or the gated
 * proxy itself. That rule holds whoever attached the thread (JNA with or without an
 * initializer, another library), and it keeps a JVM thread that calls native code which calls
 * back on the same thread (libc {@code qsort} with a Java comparator) from being called foreign.
 * The stack walk costs microseconds, so its answer is cached in a {@link ThreadLocal}.
 */
final class ThreadOrigin {

    /** JNA's callback dispatch ({@code CallbackReference$DefaultCallbackProxy} and kin). */
    private static final String JNA_CALLBACK_DISPATCH = "com.sun.jna.CallbackReference";

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private static final ThreadLocal<Boolean> FOREIGN = ThreadLocal.withInitial(ThreadOrigin::classify);

    private ThreadOrigin() {}

    /** Whether the current thread came from native code; computed once per thread. */
    static boolean isForeign() {
        return FOREIGN.get();
    }

    private static Boolean classify() {
        if (Thread.currentThread().getThreadGroup() == ForeignThreadInitializer.GROUP) {
            return Boolean.TRUE; // attached by the gate's own initializer
        }
        Class<?> bottom = WALKER.walk(frames -> frames.reduce((upper, lower) -> lower))
                .<Class<?>>map(StackWalker.StackFrame::getDeclaringClass)
                .orElse(null);
        return bottom != null && isNativeEntry(bottom);
    }

    static boolean isNativeEntry(Class<?> bottom) {
        String name = bottom.getName();
        // JNA's DefaultCallbackProxy for interface-mapped callbacks; the callback object itself (our
        // proxy) for direct-mapped ones.
        return name.startsWith(JNA_CALLBACK_DISPATCH) || Proxy.isProxyClass(bottom);
    }
}
