package dev.callgate.spi;

/**
 * The native services of one operating system that the gate needs: a diagnostic write, the
 * native id of the current thread, and a process abort. Created by an {@link OsBackendProvider}
 * after selection; implementations load their native bindings in their constructor, never in a
 * static initializer of the provider.
 *
 * @since 1.0
 */
public interface OsBackend {

    /** The id of the provider that made this backend, such as {@code "linux"}. */
    String id();

    /** A writer to the process's standard error (fd 2, or {@code STD_ERROR_HANDLE}). */
    DiagnosticWriter stderr();

    /**
     * A writer to another target: a file descriptor on POSIX and Plan 9, a {@code HANDLE} value on
     * Windows. The target is not validated here: a bad one makes writes fail and be counted.
     */
    DiagnosticWriter writerTo(long target);

    /**
     * The operating system's id for the calling thread: {@code gettid()} on Linux,
     * {@code pthread_threadid_np} on macOS, {@code thr_self} on FreeBSD,
     * {@code GetCurrentThreadId} on Windows. Stable for the life of the thread.
     */
    long currentNativeThreadId();

    /**
     * Ends the process at once, the way the OS reports a fatal error ({@code abort(3)}: SIGABRT
     * and a core dump where enabled). Shutdown hooks do not run. Does not return.
     */
    void abort();

    /**
     * What this OS's exit guard is, in one line, or {@code null} where there is none. The guard
     * lets {@code exit(3)} end the process with its status before the exit handlers registered
     * before it and before shared-library destructors, while it is armed (see
     * {@link #armExitGuard}), so that a destructor joining threads which can no longer detach from
     * the exited JVM cannot hang the process. It is pure native code: no Java runs during exit.
     * Registers nothing; may bind native functions. Called on Java threads when gates are built.
     *
     * @throws BackendUnavailableException if the guard exists here but cannot be prepared
     */
    default String exitGuard() {
        return null;
    }

    /**
     * Arms or disarms the exit guard. The first {@code armExitGuard(true)} in the process
     * registers it (nothing is registered before); later calls only flip a flag in native memory,
     * so this is cheap and safe in a shutdown hook. Where the guard cannot be made conditional it
     * is registered unconditionally by the first {@code true} and {@code false} no longer disarms
     * it ({@link #exitGuard()} says so). Does nothing where there is no guard.
     *
     * @throws BackendUnavailableException if registering the guard failed
     */
    default void armExitGuard(boolean armed) {
    }
}
