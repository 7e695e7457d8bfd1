package dev.callgate.os.windows;

import dev.callgate.spi.NativeWriteBackend;

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
public final class WindowsBackend extends NativeWriteBackend {

    /** The provider id. */
    public static final String ID = "windows";

    /** The exit code of {@link #abort()}, the C runtime's {@code abort()} exit code. */
    public static final int ABORT_EXIT_CODE = 3;

    private final WindowsNativeLayer kernel32;

    WindowsBackend(WindowsNativeLayer kernel32) {
        // The standard error handle is taken once, like the C runtime does at startup; a missing
        // one makes writes fail, counted.
        super(ID, new WindowsNativeWrite(kernel32), kernel32.standardErrorHandle());
        this.kernel32 = kernel32;
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

}
