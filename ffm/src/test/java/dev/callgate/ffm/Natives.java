package dev.callgate.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** libc and pthreads through FFM downcalls: the real native code the tests call back from. */
final class Natives {

    static final Linker LINKER = Linker.nativeLinker();

    /** {@code void *(*start_routine)(void *)}. */
    static final FunctionDescriptor START_ROUTINE = FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS);

    /** {@code int (*compar)(const void *, const void *)}. */
    static final FunctionDescriptor COMPARATOR = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS);

    // int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start_routine)(void *), void *arg)
    private static final MethodHandle PTHREAD_CREATE = downcall("pthread_create", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    // int pthread_join(pthread_t thread, void **retval); pthread_t is pointer-sized here
    private static final MethodHandle PTHREAD_JOIN = downcall("pthread_join", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    // void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *))
    private static final MethodHandle QSORT = downcall("qsort", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));

    private Natives() {}

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }

    /** Starts a native thread running {@code routine(arg)}; returns its {@code pthread_t}. */
    static MemorySegment startThread(MemorySegment routine, MemorySegment arg) throws Throwable {
        MemorySegment thread = Arena.ofAuto().allocate(ValueLayout.ADDRESS);
        int rc = (int) PTHREAD_CREATE.invokeExact(thread, MemorySegment.NULL, routine, arg);
        if (rc != 0) {
            throw new IllegalStateException("pthread_create returned " + rc);
        }
        return thread.get(ValueLayout.ADDRESS, 0);
    }

    /** Joins a native thread; returns what its start routine returned. */
    static MemorySegment join(MemorySegment thread) throws Throwable {
        MemorySegment result = Arena.ofAuto().allocate(ValueLayout.ADDRESS);
        int rc = (int) PTHREAD_JOIN.invokeExact(thread, result);
        if (rc != 0) {
            throw new IllegalStateException("pthread_join returned " + rc);
        }
        return result.get(ValueLayout.ADDRESS, 0);
    }

    /** One native thread running {@code routine(arg)}, joined; what it returned. */
    static MemorySegment runOnNativeThread(MemorySegment routine, MemorySegment arg) throws Throwable {
        return join(startThread(routine, arg));
    }

    /** libc {@code qsort} of {@code ints} with {@code comparator}, on the calling thread. */
    static void qsort(int[] ints, MemorySegment comparator) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment base = arena.allocateFrom(ValueLayout.JAVA_INT, ints);
            QSORT.invokeExact(base, (long) ints.length, (long) Integer.BYTES, comparator);
            MemorySegment.copy(base, ValueLayout.JAVA_INT, 0, ints, 0, ints.length);
        }
    }
}
