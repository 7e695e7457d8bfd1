package dev.callgate.os.freebsd;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.PosixNativeWrite;

/**
 * callgate's native services on FreeBSD: diagnostics through libc {@code write(2)}, the thread
 * id from {@code thr_self(2)}, and {@code abort(3)}. Made by {@link FreeBsdBackendProvider} after
 * selection; everything native goes through one {@link FreeBsdNativeLayer}.
 */
public final class FreeBsdBackend implements OsBackend {

    /** The provider id. */
    public static final String ID = "freebsd";

    /** The standard error file descriptor. */
    public static final int STDERR_FD = 2;

    /** The exit status of a process killed by {@code SIGABRT} (6), as a shell reports it. */
    static final int SIGABRT_EXIT_STATUS = 128 + 6;

    private final FreeBsdNativeLayer libc;
    private final NativeWrite nativeWrite;
    private final DiagnosticWriter stderr;

    FreeBsdBackend(FreeBsdNativeLayer libc) {
        this.libc = libc;
        this.nativeWrite = new PosixNativeWrite(libc);
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

    /** The system-wide thread id that {@code procstat -t}, {@code top -H} and {@code ktrace} show. */
    @Override
    public long currentNativeThreadId() {
        return libc.threadId();
    }

    /** {@code abort(3)}: the process dies of {@code SIGABRT}, with a core file where enabled. */
    @Override
    public void abort() {
        libc.abort();
        // abort(3) cannot return; should a native layer ever do so, still keep "does not return".
        Runtime.getRuntime().halt(SIGABRT_EXIT_STATUS);
    }

    /** The single native write under {@link #stderr()} and {@link #writerTo(long)}. */
    NativeWrite nativeWrite() {
        return nativeWrite;
    }
}
