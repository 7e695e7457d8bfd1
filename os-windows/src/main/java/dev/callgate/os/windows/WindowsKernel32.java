package dev.callgate.os.windows;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.NativeBinding;
import java.util.Map;

/**
 * The kernel32 functions the Windows backend calls. {@code WriteFile} is declared here with JNA
 * direct mapping ({@link Native#register(Class, NativeLibrary)}), handle and buffers as
 * pointer-sized integers, because JNA Platform's {@link Kernel32#WriteFile} is an interface
 * mapping that boxes its arguments and needs a new {@link HANDLE} per call: the write path must
 * allocate nothing. What is called once or off the write path ({@code GetStdHandle},
 * {@code GetCurrentThreadId}, {@code GetCurrentProcess}, {@code TerminateProcess}) comes from
 * JNA Platform's {@link Kernel32}, which already maps it.
 *
 * <p>{@code HANDLE} and pointers are 8 bytes on 64-bit and 4 bytes on 32-bit Windows, where
 * kernel32 uses {@code stdcall}; {@code DWORD} and {@code BOOL} are 4 bytes on both. Each has its
 * holder ({@link Win64}, {@link Win32}); only the one matching this JVM is bound.
 *
 * <p>Nothing is loaded until {@link #load()} is called, which the provider does in
 * {@code create()}, after selection.
 */
final class WindowsKernel32 {

    private static final String MODULE = "callgate-os-windows";

    private WindowsKernel32() {
    }

    /** {@code WriteFile} with the 8-byte handles and pointers of 64-bit Windows. */
    static final class Win64 {
        private Win64() {
        }

        /**
         * {@code BOOL WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
         * LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped);}
         *
         * <p>The diagnostic write: the lowest-level output call, synchronous here (no
         * {@code OVERLAPPED}); the buffer is an address so that a partial write continues by
         * offset. Returns nonzero on success, 0 with {@code GetLastError()} set.
         */
        static native int WriteFile(long hFile, long lpBuffer, int nNumberOfBytesToWrite,
                long lpNumberOfBytesWritten, long lpOverlapped);
    }

    /** {@code WriteFile} with the 4-byte handles and pointers of 32-bit Windows. */
    static final class Win32 {
        private Win32() {
        }

        /** As {@link Win64#WriteFile}, with 4-byte {@code HANDLE} and pointers. */
        static native int WriteFile(int hFile, int lpBuffer, int nNumberOfBytesToWrite,
                int lpNumberOfBytesWritten, int lpOverlapped);
    }

    /**
     * Binds kernel32 once per JVM and returns it as the backend's native layer.
     *
     * @throws BackendUnavailableException if this is not a Windows JVM or kernel32 cannot be
     *     bound; the message says why and what to do
     */
    static WindowsBackend.NativeLayer load() {
        return Loaded.BINDING.require();
    }

    /** The binding, attempted once, on the first {@link #load()}. */
    private static final class Loaded {
        static final NativeBinding<WindowsBackend.NativeLayer> BINDING = NativeBinding.attempt(MODULE, Loaded::bind);

        private static WindowsBackend.NativeLayer bind() {
            NativeBinding.requireOs(MODULE, Platform.WINDOWS, "Windows", WindowsBackend.ID);
            boolean win64 = Native.POINTER_SIZE == 8;
            Map<String, Object> options = win64 ? Map.of()
                    : Map.of(Library.OPTION_CALLING_CONVENTION, Function.ALT_CONVENTION); // stdcall
            Native.register(win64 ? Win64.class : Win32.class, NativeLibrary.getInstance("kernel32", options));
            return new Layer(Kernel32.INSTANCE, win64);
        }
    }

    /** The bound functions as the backend's native layer. */
    private static final class Layer implements WindowsBackend.NativeLayer {
        private final Kernel32 kernel32;
        private final boolean win64;
        /** WriteFile's out count, a native DWORD per thread, made on the thread's first write. */
        private final ThreadLocal<Memory> bytesWritten = ThreadLocal.withInitial(() -> new Memory(4));

        Layer(Kernel32 kernel32, boolean win64) {
            this.kernel32 = kernel32;
            this.win64 = win64;
        }

        @Override
        public long standardErrorHandle() {
            HANDLE handle = kernel32.GetStdHandle(Kernel32.STD_ERROR_HANDLE);
            return handle == null ? 0 : Pointer.nativeValue(handle.getPointer());
        }

        @Override
        public long writeFile(long handle, long address, int count) {
            Memory written = bytesWritten.get();
            long out = Pointer.nativeValue(written);
            int ok = win64 ? Win64.WriteFile(handle, address, count, out, 0)
                    : Win32.WriteFile((int) handle, (int) address, count, (int) out, 0);
            return ok != 0 ? Integer.toUnsignedLong(written.getInt(0)) : -1;
        }

        /** JNA keeps {@code GetLastError()} per thread right after each native call. */
        @Override
        public int lastError() {
            return Native.getLastError();
        }

        @Override
        public int currentThreadId() {
            return kernel32.GetCurrentThreadId();
        }

        @Override
        public void terminateCurrentProcess(int exitCode) {
            kernel32.TerminateProcess(kernel32.GetCurrentProcess(), exitCode);
        }
    }
}
