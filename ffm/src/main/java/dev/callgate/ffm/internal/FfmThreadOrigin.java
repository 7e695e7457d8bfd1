package dev.callgate.ffm.internal;

import dev.callgate.internal.DiagnosticChannel;
import dev.callgate.internal.Lines;
import dev.callgate.internal.ThreadOrigin;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.OsBackend;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which threads reach an upcall from native code, and what the gate does to them.
 *
 * <p><b>The rule.</b> An FFM upcall stub enters Java through hidden frames (the stub's lambda
 * forms), so a stack walk without hidden frames ends at the first visible Java frame the upcall
 * runs. Measured on Temurin 25.0.3, the bottom visible frame of an upcall is:
 * <ul>
 *   <li>on a {@code pthread_create}d thread: the upcall target itself (here the gate's
 *       {@code CallbackGate.enter}, the first method the gated handle calls), a thread the JDK
 *       attached as a daemon named {@code Thread-N} with a null context class loader;
 *   <li>on the launcher's main thread ({@code qsort} calling back): the {@code main} method;
 *   <li>on a {@code new Thread}, a pool thread: {@code java.lang.Thread.run};
 *   <li>on a virtual thread: {@code java.lang.VirtualThread.run}.
 * </ul>
 * So the JVM threads are those {@link ThreadOrigin#startedByJava} accepts (plus the thread that
 * created the JVM, which {@link ThreadOrigin} knows by its thread id, not by its method), as for JNA.
 *
 * <p><b>The check.</b> Once per JVM, on the first {@code build()}, one {@code pthread_create}
 * with an upcall start routine (joined with {@code pthread_join}) confirms that such a thread is
 * called foreign on the running JDK. If it is not, or the probe cannot run (no
 * {@code pthread_create}: Windows), every thread is treated as created by the JVM, so no policy
 * ever rejects or aborts a call by mistake, and one line through the backend's standard-error
 * writer says so.
 *
 * <p><b>Adoption.</b> The first time a gate sees a foreign thread, a default-named
 * ({@code Thread-N}) thread is renamed {@code callgate-foreign-<native tid>}, or what the
 * application's JNA thread initializer names it, and a null context class loader becomes the loader of the class that called {@code FfmCallGate.builder} (or of the JNA callback interface). Threads
 * that someone named keep their name.
 */
public final class FfmThreadOrigin {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private FfmThreadOrigin() {}

    /**
     * The gate's rule for bottom frames of JVM threads; adopts the foreign threads it sees. Runs
     * the once-per-JVM check on first use (and writes its one line if the rule does not hold).
     */
    public static Predicate<StackWalker.StackFrame> jvmEntry(ClassLoader callerLoader, OsBackend backend) {
        return jvmEntry(callerLoader, backend, () -> null);
    }

    /**
     * {@link #jvmEntry(ClassLoader, OsBackend)}, naming each foreign thread it adopts
     * {@code threadName.get()} when that is not null (the application's JNA thread initializer).
     */
    public static Predicate<StackWalker.StackFrame> jvmEntry(ClassLoader callerLoader, OsBackend backend,
            Supplier<String> threadName) {
        if (!Check.confirmed(backend)) {
            return bottom -> true; // every thread is the JVM's: nothing is rejected or aborted by mistake
        }
        return bottom -> {
            try {
                if (ThreadOrigin.startedByJava(bottom)) {
                    return true;
                }
                adopt(callerLoader, backend, threadName);
                return false;
            } catch (Throwable t) { // the gate's path must not throw; a JVM thread is the safe answer
                return true;
            }
        };
    }

    /** What the check found, for tools: null before the first build(). */
    public static String status() {
        return Check.status;
    }

    /** Renames a default-named foreign thread and gives it a context class loader. */
    private static void adopt(ClassLoader callerLoader, OsBackend backend, Supplier<String> threadName) {
        Thread current = Thread.currentThread();
        String given = threadName.get();
        if (given != null) {
            current.setName(given);
        } else if (isDefaultName(current.getName())) {
            current.setName("callgate-foreign-" + backend.currentNativeThreadId());
        }
        if (callerLoader != null && current.getContextClassLoader() == null) {
            current.setContextClassLoader(callerLoader);
        }
    }

    /** {@code Thread-<digits>}: the name the JDK gives a thread nobody named. */
    public static boolean isDefaultName(String name) {
        if (!name.startsWith("Thread-") || name.length() == "Thread-".length()) {
            return false;
        }
        for (int i = "Thread-".length(); i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The once-per-JVM check of the rule, with one pthread. */
    private static final class Check {
        private static volatile String status;
        private static volatile Boolean confirmed;

        // Written by the probe thread, read after pthread_join (which orders the memory).
        private static volatile boolean probeForeign;
        private static volatile String probeBottom;
        private static volatile String probeFailure;

        static boolean confirmed(OsBackend backend) {
            Boolean c = confirmed;
            if (c == null) {
                synchronized (Check.class) {
                    c = confirmed;
                    if (c == null) {
                        String failure = probe();
                        c = failure == null;
                        if (c) {
                            status = "confirmed: an upcall on a pthread_create thread is foreign (bottom frame "
                                    + probeBottom + ")";
                        } else {
                            status = "not confirmed (" + failure + "); every upcall thread is treated as created by the JVM";
                            say(backend, Lines.ffmCannotTellForeignThreads(failure));
                        }
                        confirmed = c;
                    }
                }
            }
            return c;
        }

        private static void say(OsBackend backend, NativeMessage line) {
            try {
                DiagnosticChannel.shared().write(backend.stderr(), line);
            } catch (Throwable ignored) { // a diagnostic never becomes the failure
            }
        }

        /**
         * Where {@code pthread_create} lives: the C library since glibc 2.34 (the linker's default
         * lookup), {@code libpthread.so.0} before it (Debian bullseye's glibc 2.31).
         */
        private static SymbolLookup pthreadLookup(Linker linker) {
            SymbolLookup lookup = linker.defaultLookup();
            if (lookup.find("pthread_create").isPresent()) {
                return lookup;
            }
            try {
                return lookup.or(SymbolLookup.libraryLookup("libpthread.so.0", Arena.global()));
            } catch (IllegalArgumentException noSuchLibrary) { // not glibc, or no pthreads at all
                return lookup;
            }
        }

        /** Null when the rule holds; otherwise why not. */
        private static String probe() {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup pthreads = pthreadLookup(linker);
                Optional<MemorySegment> create = pthreads.find("pthread_create");
                Optional<MemorySegment> join = pthreads.find("pthread_join");
                if (create.isEmpty() || join.isEmpty()) {
                    return "no pthread_create/pthread_join in the native linker's default lookup or libpthread.so.0";
                }
                MethodHandle pthreadCreate = linker.downcallHandle(create.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
                MethodHandle pthreadJoin = linker.downcallHandle(join.get(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
                FunctionDescriptor startRoutine = FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS);
                MethodHandle start = MethodHandles.lookup().findStatic(Check.class, "startRoutine",
                        startRoutine.toMethodType());
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment stub = linker.upcallStub(start, startRoutine, arena);
                    // pthread_t is pointer-sized where pthreads exist (unsigned long on Linux and FreeBSD, a pointer on macOS)
                    MemorySegment thread = arena.allocate(ValueLayout.ADDRESS);
                    int created = (int) pthreadCreate.invokeExact(thread, MemorySegment.NULL, stub, MemorySegment.NULL);
                    if (created != 0) {
                        return "pthread_create returned " + created;
                    }
                    int joined = (int) pthreadJoin.invokeExact(thread.get(ValueLayout.ADDRESS, 0), MemorySegment.NULL);
                    if (joined != 0) {
                        return "pthread_join returned " + joined;
                    }
                }
                if (probeFailure != null) {
                    return probeFailure;
                }
                if (!probeForeign) {
                    return "an upcall on a pthread_create thread looked created by the JVM (bottom frame "
                            + probeBottom + ")";
                }
                return null;
            } catch (Throwable t) {
                return "the probe failed: " + t;
            }
        }

        /** {@code void *(*)(void *)}: the probe thread's start routine. Catches everything. */
        @SuppressWarnings("unused") // an upcall target
        private static MemorySegment startRoutine(MemorySegment arg) {
            try {
                List<StackWalker.StackFrame> frames = WALKER.walk(s -> s.toList());
                StackWalker.StackFrame bottom = frames.get(frames.size() - 1);
                probeBottom = bottom.getClassName() + "." + bottom.getMethodName();
                probeForeign = ThreadOrigin.isForeign(ThreadOrigin::startedByJava);
            } catch (Throwable t) {
                probeFailure = "the probe upcall threw " + t;
            }
            return MemorySegment.NULL;
        }
    }
}
