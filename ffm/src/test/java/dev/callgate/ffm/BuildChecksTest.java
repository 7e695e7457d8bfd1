package dev.callgate.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.Policy;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

/** build() refuses what would fail later in the stub, with a message that names the cause and the fix. */
class BuildChecksTest {

    static final FunctionDescriptor BYTE_FN = FunctionDescriptor.of(ValueLayout.JAVA_BYTE, ValueLayout.JAVA_INT);
    static final FunctionDescriptor LONG_FN = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT);
    static final StructLayout PAIR = MemoryLayout.structLayout(ValueLayout.JAVA_INT.withName("a"), ValueLayout.JAVA_INT.withName("b"));

    @Test
    void nullArgumentsAreNullPointerExceptionsNamingTheParameter() throws Exception {
        MethodHandle toByte = MethodHandles.lookup().findStatic(BuildChecksTest.class, "narrow",
                MethodType.methodType(byte.class, int.class));
        assertEquals("target", assertThrows(NullPointerException.class, () -> FfmCallGate.builder(null, BYTE_FN)).getMessage());
        assertEquals("descriptor", assertThrows(NullPointerException.class, () -> FfmCallGate.builder(toByte, null)).getMessage());
        GatedUpcall.Builder builder = FfmCallGate.builder(toByte, BYTE_FN);
        assertEquals("name", assertThrows(NullPointerException.class, () -> builder.name(null)).getMessage());
        assertEquals("policy", assertThrows(NullPointerException.class, () -> builder.policy(null)).getMessage());
        assertEquals("reporting", assertThrows(NullPointerException.class, () -> builder.exceptionReporting(null)).getMessage());
    }

    @Test
    void targetTypeMustMatchTheDescriptor() throws Exception {
        MethodHandle intToLong = MethodHandles.lookup().findStatic(BuildChecksTest.class, "widen",
                MethodType.methodType(long.class, int.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FfmCallGate.builder(intToLong, BYTE_FN).name("mismatch").build());
        assertTrue(e.getMessage().contains("(int)long does not match the descriptor's (int)byte"), e.getMessage());
        assertTrue(e.getMessage().contains("asType"), e.getMessage());
    }

    @Test
    void defaultValueMustFitTheReturnType() throws Exception {
        MethodHandle toByte = MethodHandles.lookup().findStatic(BuildChecksTest.class, "narrow",
                MethodType.methodType(byte.class, int.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FfmCallGate.builder(toByte, BYTE_FN).name("tick").defaultValue(300).build());
        assertEquals("upcall tick: the default value 300 (java.lang.Integer) does not fit the descriptor's return layout "
                + ValueLayout.JAVA_BYTE + "; pass a byte value, e.g. defaultValue(-1), or omit defaultValue(...) for zero",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FfmCallGate.builder(toByte, BYTE_FN).defaultValue("x").build());

        MethodHandle echo = MethodHandles.lookup().findStatic(BuildChecksTest.class, "echo",
                Natives.START_ROUTINE.toMethodType());
        e = assertThrows(IllegalArgumentException.class,
                () -> FfmCallGate.builder(echo, Natives.START_ROUTINE).name("ptr").defaultValue(0).build());
        assertTrue(e.getMessage().contains("pass a native MemorySegment"), e.getMessage());

        MethodHandle none = MethodHandles.lookup().findStatic(BuildChecksTest.class, "none",
                MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class));
        e = assertThrows(IllegalArgumentException.class,
                () -> FfmCallGate.builder(none, GLibThreadPool.GFUNC).name("v").defaultValue(1).build());
        assertTrue(e.getMessage().startsWith("upcall v returns void"), e.getMessage());
    }

    @Test
    void anIntDefaultIsWidenedForALongReturn() throws Throwable {
        MethodHandle widen = MethodHandles.lookup().findStatic(BuildChecksTest.class, "widenOrThrow",
                MethodType.methodType(long.class, int.class));
        try (GatedUpcall up = FfmCallGate.builder(widen, LONG_FN).name("widen").policy(Policy.ALLOW)
                .defaultValue(-7).build()) {
            MethodHandle call = Natives.LINKER.downcallHandle(up.stub(), LONG_FN);
            assertEquals(5L, (long) call.invokeExact(5));
            assertEquals(-7L, (long) call.invokeExact(-1)); // the target threw: contained, the default returned
            assertEquals(1, up.stats().exceptions());
        }
    }

    @Test
    void badReturnsOfTheTargetAreContainedNotLeftToTheStub() throws Throwable {
        FunctionDescriptor pairFn = FunctionDescriptor.of(PAIR, ValueLayout.JAVA_INT);
        MethodHandle pair = MethodHandles.lookup().findStatic(BuildChecksTest.class, "pair",
                MethodType.methodType(MemorySegment.class, int.class));
        try (Arena arena = Arena.ofConfined();
                GatedUpcall up = FfmCallGate.builder(pair, pairFn).name("pair").policy(Policy.ALLOW).build()) {
            MethodHandle call = Natives.LINKER.downcallHandle(up.stub(), pairFn);
            MemorySegment good = (MemorySegment) call.invokeExact((java.lang.foreign.SegmentAllocator) arena, 3);
            assertEquals(3, good.get(ValueLayout.JAVA_INT, 0));
            assertEquals(4, good.get(ValueLayout.JAVA_INT, 4));
            MemorySegment tooSmall = (MemorySegment) call.invokeExact((java.lang.foreign.SegmentAllocator) arena, -1);
            assertEquals(0, tooSmall.get(ValueLayout.JAVA_INT, 0), "the default: a zeroed struct");
            assertEquals(1, up.stats().exceptions());
        }
        MethodHandle heap = MethodHandles.lookup().findStatic(BuildChecksTest.class, "heapPointer",
                Natives.START_ROUTINE.toMethodType());
        try (GatedUpcall up = FfmCallGate.builder(heap, Natives.START_ROUTINE).name("heap").policy(Policy.ALLOW).build()) {
            MethodHandle call = Natives.LINKER.downcallHandle(up.stub(), Natives.START_ROUTINE);
            assertEquals(0, ((MemorySegment) call.invokeExact(MemorySegment.ofAddress(1))).address());
            assertEquals(1, up.stats().exceptions());
            assertEquals(0, ((MemorySegment) call.invokeExact(MemorySegment.NULL)).address(), "null becomes NULL");
            assertEquals(1, up.stats().exceptions());
        }
    }

    /**
     * The stub copies a struct default outside every handler, where a failure ends the VM: the
     * gate copies it at build(), so closing the application's arena afterwards changes nothing.
     */
    @Test
    void aStructDefaultIsCopiedSoItsArenaMayCloseAfterBuild() throws Throwable {
        FunctionDescriptor pairFn = FunctionDescriptor.of(PAIR, ValueLayout.JAVA_INT);
        MethodHandle pair = MethodHandles.lookup().findStatic(BuildChecksTest.class, "pair",
                MethodType.methodType(MemorySegment.class, int.class));
        GatedUpcall up;
        try (Arena shortLived = Arena.ofConfined()) {
            MemorySegment fallback = shortLived.allocate(PAIR);
            fallback.set(ValueLayout.JAVA_INT, 0, 42);
            fallback.set(ValueLayout.JAVA_INT, 4, 43);
            up = FfmCallGate.builder(pair, pairFn).name("pair-default").policy(Policy.ALLOW).defaultValue(fallback).build();
        }
        try (Arena arena = Arena.ofConfined(); GatedUpcall closing = up) {
            MethodHandle call = Natives.LINKER.downcallHandle(up.stub(), pairFn);
            MemorySegment got = (MemorySegment) call.invokeExact((java.lang.foreign.SegmentAllocator) arena, -1);
            assertEquals(42, got.get(ValueLayout.JAVA_INT, 0), "the default, copied before its arena closed");
            assertEquals(43, got.get(ValueLayout.JAVA_INT, 4));
            assertEquals(1, up.stats().exceptions());
        }
    }

    /** A struct from an arena confined to another thread would fail in the stub's copy, outside every handler. */
    @Test
    void aStructFromAnotherThreadsArenaIsContained() throws Throwable {
        FunctionDescriptor pairFn = FunctionDescriptor.of(PAIR, ValueLayout.JAVA_INT);
        MethodHandle owned = MethodHandles.lookup().findStatic(BuildChecksTest.class, "pairOfAnotherThread",
                MethodType.methodType(MemorySegment.class, int.class));
        Thread owner = new Thread(() -> OTHER_THREADS_PAIR.set(Arena.ofConfined().allocate(PAIR)), "arena-owner");
        owner.start();
        owner.join();
        try (Arena arena = Arena.ofConfined();
                GatedUpcall up = FfmCallGate.builder(owned, pairFn).name("foreign-arena").policy(Policy.ALLOW).build()) {
            MethodHandle call = Natives.LINKER.downcallHandle(up.stub(), pairFn);
            MemorySegment got = (MemorySegment) call.invokeExact((java.lang.foreign.SegmentAllocator) arena, 1);
            assertEquals(0, got.get(ValueLayout.JAVA_INT, 0), "the default: a zeroed struct");
            assertEquals(1, up.stats().exceptions());
        }
    }

    private static final java.util.concurrent.atomic.AtomicReference<MemorySegment> OTHER_THREADS_PAIR =
            new java.util.concurrent.atomic.AtomicReference<>();

    private static MemorySegment pairOfAnotherThread(int a) {
        return OTHER_THREADS_PAIR.get();
    }

    private static long widen(int v) {
        return v;
    }

    private static long widenOrThrow(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative");
        }
        return v;
    }

    private static byte narrow(int v) {
        return (byte) v;
    }

    private static MemorySegment echo(MemorySegment arg) {
        return arg;
    }

    private static void none(MemorySegment a, MemorySegment b) {}

    private static MemorySegment pair(int a) {
        if (a < 0) {
            return MemorySegment.ofArray(new byte[4]); // smaller than the struct: the stub could not copy it
        }
        return MemorySegment.ofArray(new int[] {a, a + 1});
    }

    private static MemorySegment heapPointer(MemorySegment arg) {
        return arg.address() == 0 ? null : MemorySegment.ofArray(new byte[8]);
    }
}
