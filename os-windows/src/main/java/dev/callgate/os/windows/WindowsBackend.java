package dev.callgate.os.windows;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;

/**
 * callgate's native services on Windows: diagnostics through kernel32 {@code WriteFile} on
 * {@code GetStdHandle(STD_ERROR_HANDLE)}, the thread id from {@code GetCurrentThreadId}, and a
 * fail-fast abort. Made by {@link WindowsBackendProvider} after selection; everything native goes
 * through one {@link WindowsNativeLayer}.
 *
 * <p>The abort is {@code TerminateProcess(GetCurrentProcess(), }{@value #ABORT_EXIT_CODE}{@code )}:
 * exit code 3 is the one the C runtime documents for {@code abort()} when it does not hand over to
 * Windows Error Reporting, so scripts that recognise a CRT abort recognise this one, and it is
 * the same on every Windows version. It needs nothing beyond JNA Platform. Unlike
 * {@code RaiseFailFastException} it writes no Windows Error Reporting crash dump.
 */
public final class WindowsBackend implements OsBackend {

    /** The provider id. */
    public static final String ID = "windows";

    /** The exit code of {@link #abort()}, the C runtime's {@code abort()} exit code. */
    public static final int ABORT_EXIT_CODE = 3;

    private final WindowsNativeLayer kernel32;
    private final NativeWrite nativeWrite;
    private final DiagnosticWriter stderr;

    WindowsBackend(WindowsNativeLayer kernel32) {
        this.kernel32 = kernel32;
        this.nativeWrite = new WindowsNativeWrite(kernel32);
        // Taken once, like the C runtime does at startup; a missing one makes writes fail, counted.
        this.stderr = new DiagnosticWriter(nativeWrite, kernel32.standardErrorHandle());
    }

    @Override
    public String id() {
        return ID;
    }

    /** A writer to {@code GetStdHandle(STD_ERROR_HANDLE)} as it was when this backend was made. */
    @Override
    public DiagnosticWriter stderr() {
        return stderr;
    }

    /** A writer to the {@code HANDLE} whose value is {@code target}. */
    @Override
    public DiagnosticWriter writerTo(long target) {
        return new DiagnosticWriter(nativeWrite, target);
    }

    /** {@code GetCurrentThreadId()}, read as the unsigned {@code DWORD} it is. */
    @Override
    public long currentNativeThreadId() {
        return Integer.toUnsignedLong(kernel32.currentThreadId());
    }

    /** Ends the process with exit code {@value #ABORT_EXIT_CODE}; see the class comment. */
    @Override
    public void abort() {
        kernel32.terminateCurrentProcess(ABORT_EXIT_CODE);
        // TerminateProcess returned, so it failed; still keep "does not return".
        Runtime.getRuntime().halt(ABORT_EXIT_CODE);
    }

    /** The single native write under {@link #stderr()} and {@link #writerTo(long)}. */
    NativeWrite nativeWrite() {
        return nativeWrite;
    }
}
