package dev.callgate.os.darwin;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.PosixNativeWrite;

/**
 * callgate's native services on macOS: diagnostics through libSystem {@code write(2)}, the thread
 * id from {@code pthread_threadid_np}, and {@code abort(3)}. Made by {@link DarwinBackendProvider}
 * after selection; everything native goes through one {@link DarwinNativeLayer}.
 */
public final class DarwinBackend implements OsBackend {

    /** The provider id. */
    public static final String ID = "darwin";

    /** The standard error file descriptor. */
    public static final int STDERR_FD = 2;

    /** The exit status of a process killed by {@code SIGABRT} (6), as a shell reports it. */
    static final int SIGABRT_EXIT_STATUS = 128 + 6;

    private final DarwinNativeLayer libSystem;
    private final NativeWrite nativeWrite;
    private final DiagnosticWriter stderr;

    DarwinBackend(DarwinNativeLayer libSystem) {
        this.libSystem = libSystem;
        this.nativeWrite = new PosixNativeWrite(libSystem);
        this.stderr = new DiagnosticWriter(nativeWrite, STDERR_FD);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public DiagnosticWriter stderr() {
        return stderr;
    }

    @Override
    public DiagnosticWriter writerTo(long target) {
        return new DiagnosticWriter(nativeWrite, target);
    }

    /** The system-wide thread id that Activity Monitor, {@code lldb} and the unified log show. */
    @Override
    public long currentNativeThreadId() {
        return libSystem.threadId();
    }

    /** {@code abort(3)}: the process dies of {@code SIGABRT}, with a crash report. */
    @Override
    public void abort() {
        libSystem.abort();
        // abort(3) cannot return; should a native layer ever do so, still keep "does not return".
        Runtime.getRuntime().halt(SIGABRT_EXIT_STATUS);
    }

    /** The single native write under {@link #stderr()} and {@link #writerTo(long)}. */
    NativeWrite nativeWrite() {
        return nativeWrite;
    }
}
