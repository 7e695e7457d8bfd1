package dev.callgate.internal;

import dev.callgate.spi.OsBackend;
import java.lang.reflect.Method;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What callgate-ffm offers the JNA side: FFM upcall stubs that call JNA-typed callback bodies.
 * {@link UpcallRoute} finds the implementation with {@link java.util.ServiceLoader}, on JDK 22 and
 * later only. Not API: callgate's own modules implement and call it.
 */
public interface JnaUpcalls {

    /**
     * Null when this JVM lets callgate-ffm make upcall stubs; else why not, in words a user can act
     * on (native access not enabled, say). Touches no restricted method, so it prints nothing.
     */
    String unavailable();

    /**
     * Null when the route converts every argument and the return value of {@code method} as JNA
     * does; else which one it cannot, and what the application can change.
     *
     * @param optionsClass the class JNA reads the library options of (type mapper, string encoding) from
     */
    String refuses(Method method, Class<?> optionsClass);

    /**
     * The rule that tells threads the JVM created from foreign ones on this route (FFM attaches
     * foreign threads itself). A foreign thread seen for the first time is named
     * {@code threadName.get()} when that is not null, else callgate's default name.
     */
    Predicate<StackWalker.StackFrame> jvmEntry(ClassLoader loader, OsBackend backend, Supplier<String> threadName);

    /** Makes the gated upcall stub. */
    Stub stub(StubRequest request);

    /**
     * What the stub needs.
     *
     * @param gate the gate in front of the body
     * @param method the callback method native code calls
     * @param optionsClass the class JNA reads the library options of (string encoding)
     * @param body the callback object whose {@code method} runs. The stub is a GC root while it
     *     lives, so it must not keep the body for ever: whatever the body refers to (its own handle,
     *     say) would live as long. See {@code untilClosed}
     * @param untilClosed the stub holds the body strongly until {@code gate} closes, then lets go
     *     (the library API, whose handle closes the gate: the body is a constant the JIT inlines);
     *     false: weakly, as JNA's trampoline holds a callback (the agent: gates it never closes)
     * @param fallback what native code gets when the body does not run, in the method's JNA return type
     * @param alsoTell called with each exception the gate contained, after the gate's line; or null
     */
    record StubRequest(CallbackGate gate, Method method, Class<?> optionsClass, Object body,
            boolean untilClosed, Object fallback, Consumer<Throwable> alsoTell) {}

    /**
     * A gated upcall stub. Its native code lives as long as this object is reachable: keep it as
     * long as native code may call {@link #address()}.
     */
    interface Stub {
        /** The function pointer to hand to native code. */
        long address();
    }
}
