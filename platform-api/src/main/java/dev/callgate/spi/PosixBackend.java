package dev.callgate.spi;

/**
 * The {@link OsBackend} shared by the POSIX systems (the OpenJDK {@code sun.nio.fs} habit: shared
 * Unix code, thin per-OS overlays). An OS module subclasses it with its id and hands over its one
 * {@link NativeLayer}: {@code write(2)} from its C library, its thread id call, {@code abort(3)}.
 * Tests construct the same subclass over a recording fake of the native layer.
 *
 * @since 1.0
 */
public class PosixBackend extends AbstractOsBackend {

    /** The standard error file descriptor. */
    public static final int STDERR_FD = 2;

    /** The exit status of a process killed by {@code SIGABRT} (6), as a shell reports it. */
    public static final int SIGABRT_EXIT_STATUS = 128 + 6;

    /**
     * The three native calls a POSIX backend needs, bound by the OS module.
     *
     * @since 1.0
     */
    public interface NativeLayer extends PosixNativeWrite.Syscall {

        /** The system-wide id of the calling thread ({@code gettid}, {@code pthread_threadid_np}, {@code thr_self}). */
        long threadId();

        /** {@code abort(3)}: never returns. */
        void abort();
    }

    private final NativeLayer nativeLayer;

    protected PosixBackend(String id, NativeLayer nativeLayer) {
        super(id, new PosixNativeWrite(nativeLayer), STDERR_FD);
        this.nativeLayer = nativeLayer;
    }

    @Override
    public final long currentNativeThreadId() {
        return nativeLayer.threadId();
    }

    /** {@code abort(3)}: the process dies of {@code SIGABRT}, with a core dump where enabled. */
    @Override
    public final void abort() {
        nativeLayer.abort();
        // abort(3) cannot return; should a native layer ever do so, still keep "does not return".
        Runtime.getRuntime().halt(SIGABRT_EXIT_STATUS);
    }

}
