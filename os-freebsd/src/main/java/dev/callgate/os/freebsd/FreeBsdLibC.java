package dev.callgate.os.freebsd;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.NativeBinding;
import dev.callgate.spi.PosixBackend;

/**
 * The FreeBSD libc functions the backend calls, and nothing else: {@code write(2)},
 * {@code thr_self(2)} and {@code abort(3)}, bound with JNA direct mapping
 * ({@link Native#register(Class, NativeLibrary)}) against {@value #LIBRARY}. JNA Platform maps
 * none of them with an address-typed buffer, so they are declared here.
 *
 * <p>{@code size_t}, {@code ssize_t}, {@code long} and pointers are 8 bytes on LP64 (amd64,
 * arm64, powerpc64, riscv64) and 4 bytes on ILP32 (i386, armv7, powerpc). Each data model has its
 * own class of natives, {@link Lp64} and {@link Ilp32}, with Java primitives of exactly those
 * widths; only the one matching this JVM's {@link Native#SIZE_T_SIZE} is bound. Buffers go in as
 * integer addresses, so continuing a partial write is an addition, not a new
 * {@link com.sun.jna.Pointer}: the write path allocates nothing.
 *
 * <p>Nothing is bound until {@link #load()} is called, which the provider does in
 * {@code create()}, after selection.
 */
final class FreeBsdLibC {

    /** JNA's name for the C library, {@code /lib/libc.so.7}. */
    static final String LIBRARY = "c";

    private FreeBsdLibC() {
    }

    /** The natives for 64-bit FreeBSD, where {@code long}, {@code size_t} and pointers are 8 bytes. */
    static final class Lp64 {
        private Lp64() {
        }

        /**
         * {@code ssize_t write(int fd, const void *buf, size_t nbytes);}
         *
         * <p>The diagnostic write: the lowest-level output call, needing no Java state; the buffer
         * is an address so that a partial write continues by offset. Returns the bytes written or
         * -1 with {@code errno} set.
         */
        static native long write(int fd, long buf, long nbytes);

        /**
         * {@code int thr_self(long *id);}
         *
         * <p>The native thread id of a diagnostic: the calling thread's system-wide id, the one
         * {@code procstat -t}, {@code top -H} and {@code ktrace} show. Returns 0, or -1 with
         * {@code errno} set.
         */
        static native int thr_self(long[] id);

        /**
         * {@code void abort(void);}
         *
         * <p>The abort policy: ends the process with {@code SIGABRT} and a core file where
         * enabled, as a fatal native error would. Does not return.
         */
        static native void abort();
    }

    /** The natives for 32-bit FreeBSD, where {@code long}, {@code size_t} and pointers are 4 bytes. */
    static final class Ilp32 {
        private Ilp32() {
        }

        /** {@code ssize_t write(int fd, const void *buf, size_t nbytes);} as {@link Lp64#write}. */
        static native int write(int fd, int buf, int nbytes);

        /** {@code int thr_self(long *id);} as {@link Lp64#thr_self}, with a 4-byte {@code long}. */
        static native int thr_self(int[] id);

        /** {@code void abort(void);} as {@link Lp64#abort}. */
        static native void abort();
    }

    /**
     * The class of natives for a JVM whose {@code size_t} is {@code sizeOfSizeT} bytes.
     *
     * @throws BackendUnavailableException for a size FreeBSD does not have
     */
    static Class<?> bindingFor(int sizeOfSizeT) {
        return switch (sizeOfSizeT) {
            case 8 -> Lp64.class;
            case 4 -> Ilp32.class;
            default -> throw new BackendUnavailableException("callgate-os-freebsd maps libc for 4- and 8-byte size_t,"
                    + " but this JVM reports " + sizeOfSizeT + " bytes. Fix: run a JVM for i386, armv7, amd64 or"
                    + " arm64.");
        };
    }

    /**
     * Binds the functions once per JVM and returns them as the backend's native layer.
     *
     * @throws BackendUnavailableException if this is not a FreeBSD JVM or libc cannot be bound;
     *     the message says why and what to do
     */
    static PosixBackend.NativeLayer load() {
        return Bound.BINDING.require();
    }

    /** The binding, attempted once, on the first {@link #load()}. */
    private static final class Bound {
        static final NativeBinding<PosixBackend.NativeLayer> BINDING =
                NativeBinding.attempt("callgate-os-freebsd", Bound::bind);

        private static PosixBackend.NativeLayer bind() {
            NativeBinding.requireOs("callgate-os-freebsd", Platform.FREEBSD, "FreeBSD", FreeBsdBackend.ID);
            if (Native.POINTER_SIZE != Native.SIZE_T_SIZE || Native.LONG_SIZE != Native.SIZE_T_SIZE) {
                throw new BackendUnavailableException("callgate-os-freebsd expects long, size_t and pointers of one"
                        + " width, but this JVM reports " + Native.LONG_SIZE + "/" + Native.SIZE_T_SIZE + "/"
                        + Native.POINTER_SIZE + " bytes. Fix: run a JVM for i386, armv7, amd64 or arm64.");
            }
            Class<?> binding = bindingFor(Native.SIZE_T_SIZE);
            Native.register(binding, NativeLibrary.getInstance(LIBRARY));
            return binding == Lp64.class ? new Lp64Layer() : new Ilp32Layer();
        }
    }

    /** The bound LP64 functions as the shared POSIX backend's native layer. */
    private static final class Lp64Layer implements PosixBackend.NativeLayer {

        @Override
        public long write(int fd, long address, long count) {
            return Lp64.write(fd, address, count);
        }

        @Override
        public long threadId() {
            long[] id = new long[1];
            checkThrSelf(Lp64.thr_self(id));
            return id[0];
        }

        @Override
        public void abort() {
            Lp64.abort();
        }
    }

    /** The bound ILP32 functions as the shared POSIX backend's native layer. */
    private static final class Ilp32Layer implements PosixBackend.NativeLayer {

        @Override
        public long write(int fd, long address, long count) {
            // A 32-bit process's addresses fit in 32 bits; the cast keeps the bit pattern.
            return Ilp32.write(fd, (int) address, (int) count);
        }

        @Override
        public long threadId() {
            int[] id = new int[1];
            checkThrSelf(Ilp32.thr_self(id));
            return id[0];
        }

        @Override
        public void abort() {
            Ilp32.abort();
        }
    }

    private static void checkThrSelf(int result) {
        if (result != 0) { // only EFAULT is documented, and the array is always valid
            throw new IllegalStateException("thr_self(&id) failed with errno " + Native.getLastError()
                    + "; this should not happen. Report it with your FreeBSD version and architecture.");
        }
    }
}
