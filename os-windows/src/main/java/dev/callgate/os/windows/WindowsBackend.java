package dev.callgate.os.windows;

import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.AbstractOsBackend;

/**
 * callgate's native services on Windows: diagnostics through kernel32 {@code WriteFile} on
 * {@code GetStdHandle(STD_ERROR_HANDLE)}, the thread id from {@code GetCurrentThreadId}, and a
 * fail-fast abort. Made by {@link WindowsBackendProvider} after selection over
 * {@link WindowsKernel32}; tests hand it a recording fake of its {@link NativeLayer} instead.
 *
 * <p>The abort is {@code TerminateProcess(GetCurrentProcess(), }{@value #ABORT_EXIT_CODE}{@code )}:
 * exit code 3 is the one the C runtime documents for {@code abort()} when it does not hand over to
 * Windows Error Reporting, so scripts that recognise a CRT abort recognise this one. Unlike
 * {@code RaiseFailFastException} it writes no Windows Error Reporting crash dump.
 *
 * <p>No exit guard ({@link #exitGuard()} is {@code null}): {@code ExitProcess} ends every
 * other thread before DLLs get their detach notification, so no library joins a live thread there.
 */
final class WindowsBackend extends AbstractOsBackend {

    /** The provider id. */
    static final String ID = "windows";

    /** The exit code of {@link #abort()}, the C runtime's {@code abort()} exit code. */
    static final int ABORT_EXIT_CODE = 3;

    /** The kernel32 calls the backend makes; handles and buffers travel as integer values. */
    interface NativeLayer {

        /** {@code GetStdHandle(STD_ERROR_HANDLE)}: {@code 0} without a console, {@code -1} on failure. */
        long standardErrorHandle();

        /**
         * {@code WriteFile(handle, address, count, &written, NULL)}.
         *
         * @return the bytes written, or {@code -1} when the call failed; {@link #lastError()}
         *     then holds {@code GetLastError()}
         */
        long writeFile(long handle, long address, int count);

        /** {@code GetLastError()} as it was right after this thread's last failed call. */
        int lastError();

        /** {@code GetCurrentThreadId()}: a {@code DWORD}, to be read as unsigned. */
        int currentThreadId();

        /** {@code TerminateProcess(GetCurrentProcess(), exitCode)}: returns only if it failed. */
        void terminateCurrentProcess(int exitCode);
    }

    private final NativeLayer kernel32;

    WindowsBackend(NativeLayer kernel32) {
        // The standard error handle is taken once, like the C runtime does at startup; a missing
        // one makes writes fail, counted.
        super(ID, new WriteFileWrite(kernel32), kernel32.standardErrorHandle());
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

    /**
     * {@link NativeWrite} over {@code WriteFile}: the message's native address plus the offset, so
     * a partial write continues without a copy; nothing is ever "interrupted, try again".
     */
    private static final class WriteFileWrite implements NativeWrite {
        private final NativeLayer kernel32;

        WriteFileWrite(NativeLayer kernel32) {
            this.kernel32 = kernel32;
        }

        @Override
        public long write(long target, NativeMessage message, int offset, int count) {
            return kernel32.writeFile(target, message.address() + offset, count);
        }

        @Override
        public int lastError() {
            return kernel32.lastError();
        }

        /** Windows calls are not interrupted by signals: there is no {@code EINTR} to retry. */
        @Override
        public boolean isInterrupted(int error) {
            return false;
        }
    }
}
