package dev.callgate.spi;

/**
 * The native services of one operating system that the gate needs: a diagnostic write, the
 * native id of the current thread, and a process abort. Created by an {@link OsBackendProvider}
 * after selection; implementations load their native bindings in their constructor, never in a
 * static initializer of the provider.
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
     * Makes {@code exit(3)} end the process with its status before shared-library destructors
     * run, so that a destructor joining threads which can no longer detach from the exited JVM
     * cannot hang {@code System.exit}. Pure native code runs after it: no Java is called during
     * exit. Idempotent: a second call installs nothing more and returns the same description.
     *
     * @return a one-line description of what was installed, or {@code null} where this OS (or its
     *     C library) has no such guard
     * @throws BackendUnavailableException if the guard exists here but could not be installed
     */
    default String installExitGuard() {
        return null;
    }
}
