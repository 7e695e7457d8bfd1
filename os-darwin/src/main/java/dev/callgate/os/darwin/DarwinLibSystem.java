package dev.callgate.os.darwin;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.NativeBinding;
import dev.callgate.spi.PosixBackend;

/**
 * The libSystem functions the macOS backend calls, and nothing else, bound with JNA direct mapping
 * ({@link Native#register(Class, NativeLibrary)}) against {@value #LIBRARY}. JNA Platform maps
 * none of them with an address-typed buffer, so they are declared here.
 *
 * <p>macOS has run only 64-bit processes since 10.15 Catalina, so only the LP64 data model is
 * mapped: {@code size_t}, {@code ssize_t} and pointers are 8 bytes, Java {@code long}. The buffer
 * of {@code write} is passed as an address, so continuing a partial write is an addition, not a
 * new {@link Pointer}: the write path allocates nothing.
 *
 * <p>Nothing is bound until {@link #load()} is called, which the provider does in
 * {@code create()}, after selection.
 */
final class DarwinLibSystem {

    /** JNA's name for {@code /usr/lib/libSystem.B.dylib}, the umbrella of libc and libpthread. */
    static final String LIBRARY = "System";

    private DarwinLibSystem() {
    }

    /**
     * {@code ssize_t write(int fildes, const void *buf, size_t nbyte);}
     *
     * <p>The diagnostic write: the lowest-level output call, needing no Java state; the buffer is
     * an address so that a partial write continues by offset. Returns the bytes written or -1
     * with {@code errno} set.
     */
    static native long write(int fildes, long buf, long nbyte);

    /**
     * {@code int pthread_threadid_np(pthread_t thread, uint64_t *thread_id);}
     *
     * <p>The native thread id of a diagnostic: with a {@code NULL} thread, the calling thread's
     * system-wide id, the one Activity Monitor, {@code lldb} and the unified log show. Returns 0
     * or an error number.
     */
    static native int pthread_threadid_np(Pointer thread, long[] threadId);

    /**
     * {@code void abort(void);}
     *
     * <p>The abort policy: ends the process with {@code SIGABRT} and a crash report, as a fatal
     * native error would. Does not return.
     */
    static native void abort();

    /**
     * Binds the functions once per JVM and returns them as the backend's native layer.
     *
     * @throws BackendUnavailableException if this is not a 64-bit macOS JVM or libSystem cannot
     *     be bound; the message says why and what to do
     */
    static PosixBackend.NativeLayer load() {
        return Bound.BINDING.require();
    }

    /** The binding, attempted once, on the first {@link #load()}. */
    private static final class Bound {
        static final NativeBinding<PosixBackend.NativeLayer> BINDING =
                NativeBinding.attempt("callgate-os-darwin", Bound::bind);

        private static PosixBackend.NativeLayer bind() {
            NativeBinding.requireOs("callgate-os-darwin", Platform.MAC, "macOS", DarwinBackend.ID);
            if (Native.POINTER_SIZE != 8 || Native.SIZE_T_SIZE != 8) {
                throw new BackendUnavailableException("callgate-os-darwin maps libSystem for 64-bit processes only,"
                        + " but this JVM has " + Native.POINTER_SIZE + "-byte pointers (macOS has had no 32-bit"
                        + " runtime since 10.15). Fix: run a 64-bit JVM (x86_64 or aarch64).");
            }
            Native.register(DarwinLibSystem.class, NativeLibrary.getInstance(LIBRARY));
            return new Layer();
        }
    }

    /** The bound functions as the shared POSIX backend's native layer. */
    private static final class Layer implements PosixBackend.NativeLayer {

        @Override
        public long write(int fd, long address, long count) {
            return DarwinLibSystem.write(fd, address, count);
        }

        @Override
        public long threadId() {
            long[] id = new long[1];
            int error = pthread_threadid_np(null, id);
            if (error != 0) { // only ESRCH is documented, and NULL always names a live thread
                throw new IllegalStateException("pthread_threadid_np(NULL, &id) failed with error " + error
                        + "; this should not happen for the calling thread. Report it with your macOS version.");
            }
            return id[0];
        }

        @Override
        public void abort() {
            DarwinLibSystem.abort();
        }
    }
}
