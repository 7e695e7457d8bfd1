package dev.callgate.internal;

import java.util.function.Predicate;

/**
 * Tells whether the current thread was created by the JVM or entered Java from native code.
 *
 * <p>Java code starts every thread it creates in {@code run()} of {@link Thread} or a subclass
 * ({@code ForkJoinWorkerThread.run}, {@code VirtualThread.run}), so that is the bottom frame of
 * its stack for life, whatever thread group it inherited. The thread that created the JVM (the
 * {@code java} launcher's main thread, or an embedding host's thread that called
 * {@code JNI_CreateJavaVM}) is the JVM's whatever method it runs: its {@link Thread} object is
 * made before the JVM's own first service thread (Reference Handler), so its id is below theirs
 * (1 against 2 on JDK 17, 3 against 12 on JDK 25), which no later thread's is. The JVM's service
 * threads live in the system thread group. Any other bottom frame means a native thread that
 * someone attached: JNA's callback dispatch, an FFM upcall stub, or the Java method a JNI
 * {@code AttachCurrentThread} caller invoked, whatever that method is named and whatever the
 * thread was named. That holds whoever attached the thread, and it keeps a JVM thread that calls
 * native code which calls back on the same thread (libc {@code qsort} with a Java comparator) from
 * being called foreign. The stack walk costs microseconds; gates cache its answer per thread.
 */
public final class ThreadOrigin {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Thread ids below this one belong to the thread that created the JVM. */
    private static final long FIRST_SERVICE_THREAD_ID = firstServiceThreadId();

    private ThreadOrigin() {}

    /** Whether the current thread entered Java from native code: one stack walk. */
    public static boolean isForeign() {
        return isForeign(ThreadOrigin::startedByJava);
    }

    /**
     * Whether the current thread entered Java from native code, with {@code jvmEntry} telling which
     * bottom frames belong to threads the JVM created (FFM adds its own rule).
     */
    public static boolean isForeign(Predicate<StackWalker.StackFrame> jvmEntry) {
        Thread current = Thread.currentThread();
        ThreadGroup group = current.getThreadGroup();
        if (group != null && group.getParent() == null) {
            return false; // the JVM's service threads (system group)
        }
        if (createdTheJvm(current)) {
            return false;
        }
        StackWalker.StackFrame bottom = bottomFrame();
        return bottom != null && !jvmEntry.test(bottom);
    }

    /**
     * Runs what {@link #isForeign(Predicate)} runs on a native thread's first call (the stack walk
     * and {@code jvmEntry}), whatever thread calls it, so that its classes are loaded and linked
     * before one is.
     */
    static void warmUp(Predicate<StackWalker.StackFrame> jvmEntry) {
        StackWalker.StackFrame bottom = bottomFrame();
        if (bottom != null) {
            jvmEntry.test(bottom);
        }
    }

    private static StackWalker.StackFrame bottomFrame() {
        return WALKER.walk(frames -> frames.reduce((upper, lower) -> lower)).orElse(null);
    }

    /** {@code run()} of {@link Thread} or a subclass: where every thread Java code starts begins. */
    public static boolean startedByJava(StackWalker.StackFrame bottom) {
        return bottom.getMethodName().equals("run") && Thread.class.isAssignableFrom(bottom.getDeclaringClass());
    }

    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+; the same value
    private static boolean createdTheJvm(Thread thread) {
        return thread.getId() < FIRST_SERVICE_THREAD_ID;
    }

    /**
     * The lowest id in the system thread group: the JVM starts its Reference Handler there while
     * it is being created, after the creating thread's {@link Thread} object and before any other
     * thread can attach. With none found (no JDK does that), 2: JDK 17's and older numbering.
     */
    @SuppressWarnings("deprecation")
    private static long firstServiceThreadId() {
        ThreadGroup system = Thread.currentThread().getThreadGroup();
        while (system != null && system.getParent() != null) {
            system = system.getParent();
        }
        long lowest = Long.MAX_VALUE;
        if (system != null) {
            Thread[] threads = new Thread[system.activeCount() + 8];
            int count = system.enumerate(threads, false);
            for (int i = 0; i < count; i++) {
                lowest = Math.min(lowest, threads[i].getId());
            }
        }
        return lowest == Long.MAX_VALUE ? 2 : lowest;
    }
}
