package dev.callgate.os.windows;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.NativeBinding;

/**
 * The kernel32 functions the Windows backend calls, all taken from JNA Platform's
 * {@link Kernel32}, which already maps them; this class declares none of its own.
 *
 * <p>{@link Kernel32} is an interface mapping: each call boxes its arguments and copies the
 * {@code byte[]} of {@code WriteFile} into native memory, so unlike the POSIX backends this write
 * path allocates. That is the price of reusing JNA Platform's mapping instead of declaring
 * {@code WriteFile} again. {@code HANDLE} and {@code DWORD} are pointer-sized and 4 bytes on both
 * 32- and 64-bit Windows, which JNA Platform's {@code HANDLE} and {@code int} follow.
 *
 * <p>Nothing is loaded until {@link #load()} is called, which the provider does in
 * {@code create()}, after selection.
 */
final class WindowsKernel32 implements WindowsNativeLayer {

    private final Kernel32 kernel32;
    /** WriteFile's out count, one per thread, so a write allocates no native memory for it. */
    private final ThreadLocal<IntByReference> bytesWritten = ThreadLocal.withInitial(IntByReference::new);

    private WindowsKernel32(Kernel32 kernel32) {
        this.kernel32 = kernel32;
    }

    /**
     * {@code HANDLE WINAPI GetStdHandle(DWORD nStdHandle);}
     *
     * <p>Retrieves a handle to the standard input, output or error device; here
     * {@code STD_ERROR_HANDLE} ({@code (DWORD)-12}). The handle is not duplicated: it must not be
     * closed.
     *
     * @return the handle value; {@code 0} if the process has no such device (a GUI process
     *     without a console), {@code -1} ({@code INVALID_HANDLE_VALUE}) on failure, with
     *     {@code GetLastError()} set
     */
    @Override
    public long standardErrorHandle() {
        HANDLE handle = kernel32.GetStdHandle(Kernel32.STD_ERROR_HANDLE);
        return handle == null ? 0 : Pointer.nativeValue(handle.getPointer());
    }

    /**
     * {@code BOOL WINAPI WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
     * LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped);}
     *
     * <p>Writes {@code nNumberOfBytesToWrite} bytes from {@code lpBuffer} to the file, pipe or
     * console {@code hFile}, synchronously here ({@code lpOverlapped} is {@code NULL}), and stores
     * the count written in {@code *lpNumberOfBytesWritten}. Calls are not interrupted by signals:
     * Windows has no {@code EINTR}.
     *
     * @return the bytes written, or {@code -1} if {@code WriteFile} returned {@code FALSE}
     *     ({@code ERROR_INVALID_HANDLE} for a handle that is not open, {@code ERROR_NO_DATA} for a
     *     pipe being closed, {@code ERROR_ACCESS_DENIED} for a handle without write access)
     */
    @Override
    public long writeFile(long handle, byte[] buffer, int count) {
        IntByReference written = bytesWritten.get();
        boolean ok = kernel32.WriteFile(new HANDLE(Pointer.createConstant(handle)), buffer, count, written, null);
        return ok ? Integer.toUnsignedLong(written.getValue()) : -1;
    }

    /**
     * {@code DWORD WINAPI GetLastError(void);}
     *
     * <p>The calling thread's last-error code. Read through {@link Native#getLastError()}, which
     * JNA saves right after each native call, before the JVM's own calls can overwrite it.
     */
    @Override
    public int lastError() {
        return Native.getLastError();
    }

    /**
     * {@code DWORD WINAPI GetCurrentThreadId(void);}
     *
     * <p>The thread identifier of the calling thread, unique system-wide until the thread ends:
     * the id Task Manager, Process Explorer and WinDbg show.
     */
    @Override
    public int currentThreadId() {
        return kernel32.GetCurrentThreadId();
    }

    /**
     * {@code HANDLE WINAPI GetCurrentProcess(void);} then
     * {@code BOOL WINAPI TerminateProcess(HANDLE hProcess, UINT uExitCode);}
     *
     * <p>Ends the current process and all its threads at once with {@code uExitCode}; no DLL
     * detach notifications, no shutdown hooks. Returns only if {@code TerminateProcess} failed.
     */
    @Override
    public void terminateCurrentProcess(int exitCode) {
        kernel32.TerminateProcess(kernel32.GetCurrentProcess(), exitCode);
    }

    /**
     * Loads kernel32 once per JVM and returns it as the backend's native layer.
     *
     * @throws BackendUnavailableException if this is not a Windows JVM or kernel32 cannot be
     *     loaded; the message says why and what to do
     */
    static WindowsNativeLayer load() {
        return Loaded.BINDING.require();
    }

    /** The loading, attempted once, on the first {@link #load()}. */
    private static final class Loaded {
        static final NativeBinding<WindowsNativeLayer> BINDING =
                NativeBinding.attempt("callgate-os-windows", Loaded::bind);

        private static WindowsNativeLayer bind() {
            NativeBinding.requireOs("callgate-os-windows", Platform.WINDOWS, "Windows", WindowsBackend.ID);
            return new WindowsKernel32(Kernel32.INSTANCE);
        }
    }
}
