package dev.callgate.os.darwin;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.NativeBinding;

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
     * <p>Attempts to write {@code nbyte} bytes from the buffer at address {@code buf} to the
     * object referenced by the descriptor {@code fildes}.
     *
     * @return the number of bytes actually written, which may be fewer than {@code nbyte};
     *     otherwise {@code -1} with {@code errno} set ({@code EBADF} for a descriptor that is not
     *     open for writing, {@code EINTR} for a call interrupted by a signal, {@code EPIPE} for a
     *     pipe with no reader)
     */
    static native long write(int fildes, long buf, long nbyte);

    /**
     * {@code int pthread_threadid_np(pthread_t thread, uint64_t *thread_id);}
     *
     * <p>Stores the system-wide unique integral id of {@code thread} in {@code *thread_id}; a
     * {@code NULL} thread means the calling thread. This is the id Activity Monitor, {@code lldb}
     * and the unified log show.
     *
     * @param thread {@code null} for the calling thread
     * @param threadId a one-element array that receives the id
     * @return {@code 0}, or an error number ({@code ESRCH}: no such thread); {@code errno} is not
     *     used
     */
    static native int pthread_threadid_np(Pointer thread, long[] threadId);

    /**
     * {@code void abort(void);}
     *
     * <p>Unblocks {@code SIGABRT} and raises it: the process terminates abnormally and a crash
     * report (and a core file where {@code ulimit -c} allows) is written. It does not return, even
     * if {@code SIGABRT} is caught.
     */
    static native void abort();

    /**
     * Binds the functions once per JVM and returns them as the backend's native layer.
     *
     * @throws BackendUnavailableException if this is not a 64-bit macOS JVM or libSystem cannot
     *     be bound; the message says why and what to do
     */
    static DarwinNativeLayer load() {
        return Bound.BINDING.require();
    }

    /** The binding, attempted once, on the first {@link #load()}. */
    private static final class Bound {
        static final NativeBinding<DarwinNativeLayer> BINDING = NativeBinding.attempt(Bound::bind,
                e -> "callgate-os-darwin could not bind write, pthread_threadid_np and abort from libSystem"
                        + " through JNA (" + e + "). " + NativeBinding.jnaFix("JNA (net.java.dev.jna:jna)", "darwin"));

        private static DarwinNativeLayer bind() {
            if (!Platform.isMac()) {
                throw new BackendUnavailableException("callgate-os-darwin binds libSystem, which exists only on"
                        + " macOS, but this JVM runs on os.name \"" + System.getProperty("os.name") + "\". Fix: let"
                        + " callgate pick the backend for this OS (remove -Dcallgate.os=darwin) and add its module.");
            }
            if (Native.POINTER_SIZE != 8 || Native.SIZE_T_SIZE != 8) {
                throw new BackendUnavailableException("callgate-os-darwin maps libSystem for 64-bit processes only,"
                        + " but this JVM has " + Native.POINTER_SIZE + "-byte pointers (macOS has had no 32-bit"
                        + " runtime since 10.15). Fix: run a 64-bit JVM (x86_64 or aarch64).");
            }
            Native.register(DarwinLibSystem.class, NativeLibrary.getInstance(LIBRARY));
            return new Layer();
        }
    }

    /** The bound functions behind the {@link DarwinNativeLayer} seam. */
    private static final class Layer implements DarwinNativeLayer {

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
