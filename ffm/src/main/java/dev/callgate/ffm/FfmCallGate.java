package dev.callgate.ffm;

import dev.callgate.ffm.internal.FfmThreadOrigin;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/**
 * callgate for FFM upcalls: puts the gate in front of a {@link java.lang.foreign.Linker#upcallStub
 * upcall stub}.
 *
 * <pre>{@code
 * try (GatedUpcall up = FfmCallGate.builder(target, descriptor)   // MethodHandle, FunctionDescriptor
 *         .name("tick").policy(Policy.WARN_ONCE).defaultValue(0).build()) {
 *     MemorySegment fn = up.stub();     // hand this to native code
 *     ...
 * }                                     // close(): a barrier; later calls return the default value
 * }</pre>
 *
 * <p>Why a gate matters more for FFM than for JNA: an exception that leaves an upcall target makes
 * the JDK print {@code Unrecoverable uncaught exception encountered. The VM will now exit} and
 * exit the process; and a native thread that calls an upcall is attached silently, as a daemon
 * named {@code Thread-N}, with nothing saying that a callback ran on a thread the JVM did not
 * create. The gate contains the exception (one line, the default value goes back), tells foreign
 * threads by the first frame of their stack, applies the {@link dev.callgate.Policy}, and writes its
 * diagnostics through the OS backend callgate selected.
 *
 * @since 1.0
 */
public final class FfmCallGate {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private FfmCallGate() {}

    /**
     * Starts configuring a gate for {@code target}, to be called by native code as {@code descriptor}
     * says. The target's type must be exactly {@code descriptor.toMethodType()}.
     *
     * <p>Foreign threads that reach the gate get the class loader of the class calling this
     * method as their context class loader (FFM attaches them with none).
     *
     * @throws NullPointerException if {@code target} or {@code descriptor} is null
     */
    public static GatedUpcall.Builder builder(MethodHandle target, FunctionDescriptor descriptor) {
        ClassLoader callerLoader;
        try { // here, not in a helper: the caller of a helper would be this class
            callerLoader = WALKER.getCallerClass().getClassLoader();
        } catch (IllegalCallerException calledFromNative) { // no Java caller: JNI, or an upcall straight into builder()
            callerLoader = Thread.currentThread().getContextClassLoader();
        }
        return new GatedUpcall.Builder(target, descriptor, callerLoader);
    }

    /**
     * Whether this JVM's check of the foreign-thread rule passed (one {@code pthread_create} with
     * an upcall start routine, on the first {@code build()}), and what it saw; null before the
     * first {@code build()}.
     */
    public static String threadOriginStatus() {
        return FfmThreadOrigin.status();
    }
}
