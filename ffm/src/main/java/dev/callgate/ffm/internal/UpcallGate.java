package dev.callgate.ffm.internal;

import dev.callgate.internal.CallbackGate;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * Builds the gated method handle that the upcall stub calls, from method handle combinators
 * around the target's exact type: no proxy, no boxing, no argument array.
 *
 * <pre>{@code
 * R gated(P... args) {
 *     try {
 *         Entry e = gate.enter();
 *         if (e == null) return fallback;                 // closed, shutting down, rejected
 *         try {
 *             try { return checkedReturn(target(args)); }
 *             catch (Throwable t) { gate.contain(t); return fallback; }
 *         } finally { gate.exit(e); }
 *     } catch (Throwable t) { return fallback; }          // the gate's own failure (stack overflow): never reaches the stub
 * }
 * }</pre>
 *
 * <p>An exception that left the handle would make the JDK print "Unrecoverable uncaught
 * exception encountered" and exit the VM, so the outermost handler returns a constant. A target
 * that returns what the stub cannot hand to native code (a null or heap segment for a pointer, a
 * struct segment that is too small or no longer alive) fails inside the contained region, not in
 * the stub.
 */
public final class UpcallGate {

    private static final MethodHandle ENTER;
    private static final MethodHandle EXIT;
    private static final MethodHandle CONTAIN;
    private static final MethodHandle NON_NULL;
    private static final MethodHandle CHECK_ADDRESS;
    private static final MethodHandle CHECK_STRUCT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ENTER = lookup.findVirtual(CallbackGate.class, "enter", MethodType.methodType(CallbackGate.Entry.class));
            EXIT = lookup.findVirtual(CallbackGate.class, "exit",
                    MethodType.methodType(void.class, CallbackGate.Entry.class));
            CONTAIN = lookup.findVirtual(CallbackGate.class, "contain", MethodType.methodType(void.class, Throwable.class));
            NON_NULL = lookup.findStatic(Objects.class, "nonNull", MethodType.methodType(boolean.class, Object.class))
                    .asType(MethodType.methodType(boolean.class, CallbackGate.Entry.class));
            CHECK_ADDRESS = lookup.findStatic(UpcallGate.class, "checkedAddress",
                    MethodType.methodType(MemorySegment.class, MemorySegment.class));
            CHECK_STRUCT = lookup.findStatic(UpcallGate.class, "checkedStruct",
                    MethodType.methodType(MemorySegment.class, long.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private UpcallGate() {}

    /**
     * @param target exactly of type {@code descriptor.toMethodType()}
     * @param fallback what native code gets when the body does not run; null for void
     */
    public static MethodHandle wrap(CallbackGate gate, MethodHandle target, FunctionDescriptor descriptor, Object fallback) {
        Class<?> r = target.type().returnType();
        MethodHandle giveFallback = r == void.class
                ? MethodHandles.empty(MethodType.methodType(void.class))
                : MethodHandles.constant(r, fallback);
        return wrap(gate, target, descriptor, giveFallback, CONTAIN.bindTo(gate));
    }

    /**
     * @param target exactly of type {@code descriptor.toMethodType()}
     * @param giveFallback {@code ()R}: what native code gets when the body does not run; must not throw
     * @param contain {@code (Throwable)void}: what happens to what the target threw
     */
    public static MethodHandle wrap(CallbackGate gate, MethodHandle target, FunctionDescriptor descriptor,
            MethodHandle giveFallback, MethodHandle contain) {
        Class<?> r = target.type().returnType();

        MethodHandle body = checkReturn(target, descriptor);
        // (Entry, P...)R: the target, the entry ignored
        MethodHandle withEntry = MethodHandles.dropArguments(body, 0, CallbackGate.Entry.class);
        // catch (Throwable t) { gate.contain(t); return fallback; }: the handler takes (Throwable)
        MethodHandle contained = MethodHandles.catchException(withEntry, Throwable.class,
                MethodHandles.collectArguments(giveFallback, 0, contain));
        // finally { gate.exit(entry); }: the cleanup takes (Throwable, [R,] Entry) and passes R through
        MethodHandle exit = EXIT.bindTo(gate);
        MethodHandle cleanup = r == void.class
                ? MethodHandles.dropArguments(exit, 0, Throwable.class)
                : MethodHandles.dropArguments(
                        MethodHandles.collectArguments(MethodHandles.identity(r), 1, exit), 0, Throwable.class);
        MethodHandle admitted = MethodHandles.tryFinally(contained, cleanup);
        // if (entry == null) return fallback;
        MethodHandle refused = MethodHandles.dropArguments(giveFallback, 0, admitted.type().parameterList());
        MethodHandle guarded = MethodHandles.guardWithTest(NON_NULL, admitted, refused);
        // Entry entry = gate.enter(); passed as the leading argument
        MethodHandle entered = MethodHandles.foldArguments(guarded, ENTER.bindTo(gate));
        // Whatever the gate itself throws stays here too; so does a failing fallback: zero then.
        MethodHandle last = MethodHandles.dropArguments(r == void.class ? giveFallback : MethodHandles.catchException(
                giveFallback, Throwable.class, MethodHandles.dropArguments(MethodHandles.zero(r), 0, Throwable.class)),
                0, Throwable.class);
        return MethodHandles.catchException(entered, Throwable.class, last);
    }

    /** Adds the check of what the target returns, where the stub would otherwise fail on it. */
    private static MethodHandle checkReturn(MethodHandle target, FunctionDescriptor descriptor) {
        MemoryLayout layout = descriptor.returnLayout().orElse(null);
        if (layout instanceof AddressLayout) {
            return MethodHandles.filterReturnValue(target, CHECK_ADDRESS);
        }
        if (layout instanceof GroupLayout) {
            return MethodHandles.filterReturnValue(target, MethodHandles.insertArguments(CHECK_STRUCT, 0, layout.byteSize()));
        }
        return target;
    }

    /** A pointer for native code: null means NULL; a heap segment has no address to give. */
    private static MemorySegment checkedAddress(MemorySegment returned) {
        if (returned == null) {
            return MemorySegment.NULL;
        }
        if (!returned.isNative()) {
            throw new IllegalArgumentException("the upcall returned a heap segment for a pointer; return a native segment"
                    + " (Arena.allocate) or MemorySegment.NULL");
        }
        return returned;
    }

    /** A struct by value: the stub copies {@code size} bytes out of it. */
    private static MemorySegment checkedStruct(long size, MemorySegment returned) {
        if (returned == null) {
            throw new NullPointerException("the upcall returned null for a struct of " + size + " bytes");
        }
        if (!returned.scope().isAlive()) {
            throw new IllegalStateException("the upcall returned a struct whose arena is already closed");
        }
        if (!returned.isAccessibleBy(Thread.currentThread())) {
            throw new IllegalStateException("the upcall returned a struct from an arena confined to another thread");
        }
        if (returned.byteSize() < size) {
            throw new IllegalArgumentException("the upcall returned a segment of " + returned.byteSize()
                    + " bytes for a struct of " + size + " bytes");
        }
        return returned;
    }
}
