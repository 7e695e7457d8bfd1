package dev.callgate.ffm;

import dev.callgate.CallbackStats;
import dev.callgate.Policy;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the child JVMs of the tests run; each scenario prints its result on stdout, and the gate
 * writes its lines to the real standard error.
 */
public final class ChildScenarios {

    static final LongAdder BODIES = new LongAdder();

    private ChildScenarios() {}

    public static void main(String[] args) throws Throwable {
        switch (args[0]) {
            case "throw" -> throwingTarget();
            case "bare-throw" -> bareThrowingTarget();
            case "policy" -> policy(Policy.valueOf(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** A gated target that throws, called from two native threads and from Java: contained every time. */
    private static void throwingTarget() throws Throwable {
        MethodHandle target = MethodHandles.lookup().findStatic(ChildScenarios.class, "boom", Natives.START_ROUTINE.toMethodType());
        GatedUpcall up = FfmCallGate.builder(target, Natives.START_ROUTINE).name("boom").policy(Policy.ALLOW)
                .defaultValue(MemorySegment.ofAddress(42)).build();
        MemorySegment first = Natives.runOnNativeThread(up.stub(), MemorySegment.NULL);
        MemorySegment second = Natives.runOnNativeThread(up.stub(), MemorySegment.NULL);
        MethodHandle fromJava = Natives.LINKER.downcallHandle(up.stub(), Natives.START_ROUTINE);
        MemorySegment third = (MemorySegment) fromJava.invokeExact(MemorySegment.NULL);
        CallbackStats s = up.stats();
        System.out.println("alive; returned " + first.address() + " " + second.address() + " " + third.address()
                + "; exceptions=" + s.exceptions() + " calls=" + s.calls());
    }

    /** The same target without the gate: the JDK ends the VM. */
    private static void bareThrowingTarget() throws Throwable {
        MethodHandle target = MethodHandles.lookup().findStatic(ChildScenarios.class, "boom", Natives.START_ROUTINE.toMethodType());
        MemorySegment stub = Natives.LINKER.upcallStub(target, Natives.START_ROUTINE, java.lang.foreign.Arena.global());
        MethodHandle fromJava = Natives.LINKER.downcallHandle(stub, Natives.START_ROUTINE);
        MemorySegment ignored = (MemorySegment) fromJava.invokeExact(MemorySegment.NULL);
        System.out.println("alive (unexpected) " + ignored);
    }

    /** {@code calls} items through a one-worker GLib pool into a counting target under {@code policy}. */
    private static void policy(Policy policy, int calls) throws Throwable {
        MethodHandle target = MethodHandles.lookup().findStatic(ChildScenarios.class, "count",
                MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class));
        FunctionDescriptor gfunc = GLibThreadPool.GFUNC;
        GatedUpcall up = FfmCallGate.builder(target, gfunc).name("policy-" + policy).policy(policy).build();
        try (GLibThreadPool pool = GLibThreadPool.start(up.stub(), 1)) {
            for (int i = 1; i <= calls; i++) {
                pool.push(i);
            }
        }
        CallbackStats s = up.stats();
        System.out.println("bodies=" + BODIES.sum() + " calls=" + s.calls() + " foreignCalls=" + s.foreignCalls()
                + " foreignThreads=" + s.foreignThreads() + " rejected=" + s.rejected());
    }

    private static MemorySegment boom(MemorySegment arg) {
        throw new IllegalStateException("boom from the body");
    }

    private static void count(MemorySegment data, MemorySegment user) {
        BODIES.increment();
    }
}
