package dev.callgate.internal;

import java.util.function.Predicate;

/**
 * Tells whether the current thread was created by the JVM or entered Java from native code.
 *
 * <p>Java code starts every thread it creates in {@code run()} of {@link Thread} or a subclass
 * ({@code ForkJoinWorkerThread.run}, {@code VirtualThread.run}), so that is the bottom frame of
 * its stack for life, whatever thread group it inherited. The launcher's main thread has the
 * {@code main} method at the bottom, and the JVM's own service threads live in the system thread
 * group. Any other bottom frame means a native thread that someone attached: JNA's callback
 * dispatch, an FFM upcall stub, or the Java method a JNI {@code AttachCurrentThread} caller
 * invoked. That holds whoever attached the thread, and it keeps a JVM thread that calls native
 * code which calls back on the same thread (libc {@code qsort} with a Java comparator) from being
 * called foreign. The stack walk costs microseconds; gates cache its answer per thread.
 */
public final class ThreadOrigin {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

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
        StackWalker.StackFrame bottom = WALKER.walk(frames -> frames.reduce((upper, lower) -> lower)).orElse(null);
        if (bottom == null) {
            return false;
        }
        if (bottom.getMethodName().equals("main") && current.getName().equals("main")) {
            return false; // the launcher's main thread
        }
        return !jvmEntry.test(bottom);
    }

    /** {@code run()} of {@link Thread} or a subclass: where every thread Java code starts begins. */
    public static boolean startedByJava(StackWalker.StackFrame bottom) {
        return bottom.getMethodName().equals("run") && Thread.class.isAssignableFrom(bottom.getDeclaringClass());
    }
}
