package dev.callgate.os.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.callgate.internal.Settings;
import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.NativeBinding;
import dev.callgate.spi.PosixBackend;
import java.util.OptionalInt;

/**
 * The Linux C library functions callgate calls, and nothing else, bound with JNA direct mapping
 * ({@link Native#register(Class, NativeLibrary)}) against {@link Platform#C_LIBRARY_NAME}. JNA
 * Platform maps none of them with an address-typed buffer, so they are declared here.
 *
 * <p>{@code size_t}, {@code ssize_t}, {@code long} and pointers are 8 bytes on LP64 (amd64,
 * aarch64) and 4 bytes on ILP32 (i386). {@code write} and {@code syscall} are declared once per
 * data model ({@link Lp64}, {@link Ilp32}) with Java primitives of exactly those widths; only the
 * one matching this JVM is bound. Buffers go in as integer addresses, so continuing a partial
 * write is an addition, not a new {@link Pointer}: the write path allocates nothing.
 *
 * <p>Nothing is bound until {@link #load()} is called, which the provider does in
 * {@code create()}, after selection.
 */
final class LinuxLibC {

    /** Set to {@code true} to keep callgate from loading its Linux native layer. */
    static final String DISABLE_PROPERTY = Settings.LINUX_DISABLE;

    private static final String MODULE = "callgate-os-linux";

    private LinuxLibC() {
    }

    /** The functions whose C types are 8 bytes wide on LP64 Linux (amd64, aarch64). */
    static final class Lp64 {
        private Lp64() {
        }

        /**
         * {@code ssize_t write(int fd, const void *buf, size_t count);}
         *
         * <p>The diagnostic write: the lowest-level output call, needing no Java state; the buffer
         * is an address so that a partial write continues by offset. Returns the bytes written or
         * -1 with {@code errno} set.
         */
        static native long write(int fd, long buf, long count);

        /**
         * {@code long syscall(long number, ...);}
         *
         * <p>Only {@code syscall(SYS_gettid)}, the thread id before glibc 2.30 added
         * {@code gettid()}. Bound with one fixed argument, which the amd64 and aarch64 calling
         * conventions pass exactly as a variadic call without variadic arguments.
         */
        static native long syscall(long number);
    }

    /** The same functions with the 4-byte types of ILP32 Linux (i386). */
    static final class Ilp32 {
        private Ilp32() {
        }

        /** {@code ssize_t write(int fd, const void *buf, size_t count);} as {@link Lp64#write}. */
        static native int write(int fd, int buf, int count);

        /** {@code long syscall(long number, ...);} as {@link Lp64#syscall}; i386 passes all on the stack. */
        static native int syscall(int number);
    }

    /** {@code gettid}, alone because C libraries before glibc 2.30 lack it. */
    static final class Gettid {
        private Gettid() {
        }

        /**
         * {@code pid_t gettid(void);}
         *
         * <p>The native thread id of a diagnostic: the kernel's id of the calling thread, the one
         * {@code /proc/thread-self} names and {@code top -H} shows. Always succeeds.
         */
        static native int gettid();
    }

    /** Functions whose C types have the same width in every data model. */
    static final class AnyWidth {
        private AnyWidth() {
        }

        /**
         * {@code void abort(void);}
         *
         * <p>The abort policy: ends the process with {@code SIGABRT} and a core dump where
         * enabled, as a fatal native error would. Does not return.
         */
        static native void abort();
    }

    /**
     * glibc's run-time exit handlers and the page calls that make the exit guard's handler, bound
     * only by {@link LinuxExitGuard}. {@code size_t} and {@code off_t} are C {@code long} wide on
     * Linux in both data models, so they are {@link NativeLong}.
     */
    static final class ExitHandlers {
        private ExitHandlers() {
        }

        /**
         * {@code int on_exit(void (*function)(int, void *), void *arg);}
         *
         * <p>Registers the exit guard's handler: unlike {@code atexit}, the handler is given the
         * exit status, so {@code _exit} can end the process with it. glibc only (musl lacks it).
         * Returns 0, or nonzero when the handler table is full.
         */
        static native int on_exit(Pointer function, Pointer arg);

        /**
         * {@code int __cxa_atexit(void (*func)(void *), void *arg, void *dso_handle);}
         *
         * <p>Registers {@code fflush} with a {@code NULL} argument and no owning library, so that
         * C stdio buffers are flushed just before the guard's handler. Returns 0 or -1.
         */
        static native int __cxa_atexit(Pointer func, Pointer arg, Pointer dsoHandle);

        /**
         * {@code void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);}
         *
         * <p>One private anonymous page for the guard's handler code. Returns {@code MAP_FAILED}
         * ({@code (void *) -1}) with {@code errno} set when refused.
         */
        static native Pointer mmap(Pointer addr, NativeLong length, int prot, int flags, int fd, NativeLong offset);

        /**
         * {@code int mprotect(void *addr, size_t len, int prot);}
         *
         * <p>Makes the written page read and execute only. Returns 0, or -1 with {@code errno} set
         * (a policy that forbids making memory executable: SELinux {@code execmem}, PaX).
         */
        static native int mprotect(Pointer addr, NativeLong length, int prot);
    }

    /**
     * Binds the functions once per JVM and returns them as the backend's native layer.
     *
     * @throws BackendUnavailableException if this is not Linux, the backend is disabled, or libc
     *     cannot be bound; the message says why and what to do
     */
    static Layer load() {
        return Bound.BINDING.require();
    }

    /** The binding, attempted once, on the first {@link #load()}. */
    private static final class Bound {
        static final NativeBinding<Layer> BINDING = NativeBinding.attempt(MODULE, Bound::bind);

        private static Layer bind() {
            if (Settings.current().linuxDisabled()) {
                throw new BackendUnavailableException("the Linux backend is disabled by -D" + DISABLE_PROPERTY
                        + "=true. Fix: remove that property to let callgate load libc write, gettid and abort.");
            }
            NativeBinding.requireOs(MODULE, Platform.LINUX, "Linux", LinuxBackend.ID);
            boolean lp64 = Native.POINTER_SIZE == 8 && Native.SIZE_T_SIZE == 8 && Native.LONG_SIZE == 8;
            if (!lp64 && !(Native.POINTER_SIZE == 4 && Native.SIZE_T_SIZE == 4 && Native.LONG_SIZE == 4)) {
                throw new BackendUnavailableException("this JVM's C data model is neither LP64 nor ILP32 (pointer "
                        + Native.POINTER_SIZE + ", size_t " + Native.SIZE_T_SIZE + ", long " + Native.LONG_SIZE
                        + " bytes), so write(2) cannot be bound with the right widths. Fix: run a 64-bit (amd64,"
                        + " aarch64) or 32-bit (i386) Linux JVM.");
            }
            NativeLibrary c = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
            Native.register(lp64 ? Lp64.class : Ilp32.class, c);
            Native.register(AnyWidth.class, c);
            String arch = System.getProperty("os.arch", "");
            OptionalInt sysGettid = LinuxSyscallNumbers.gettid(arch);
            try {
                Native.register(Gettid.class, c);
                return new Layer(lp64, true, sysGettid.orElse(-1));
            } catch (UnsatisfiedLinkError olderThanGlibc230) {
                if (sysGettid.isEmpty()) {
                    throw new BackendUnavailableException("callgate cannot read native thread ids on this Linux: its"
                            + " C library has no gettid() (older than glibc 2.30) and callgate knows no SYS_gettid"
                            + " number for os.arch \"" + arch + "\" (it knows " + LinuxSyscallNumbers.KNOWN + ")."
                            + " Fix: use glibc 2.30 or later, or one of those architectures.", olderThanGlibc230);
                }
                return new Layer(lp64, false, sysGettid.getAsInt());
            }
        }
    }

    /**
     * The bound functions as the shared POSIX backend's native layer, for this JVM's data model.
     * The thread id is the kernel's, from {@code gettid()} or, before glibc 2.30, the raw syscall.
     */
    static final class Layer implements PosixBackend.NativeLayer {
        private final boolean lp64;
        private final boolean viaGettid;
        private final int sysGettid;

        private Layer(boolean lp64, boolean viaGettid, int sysGettid) {
            this.lp64 = lp64;
            this.viaGettid = viaGettid;
            this.sysGettid = sysGettid;
        }

        @Override
        public long write(int fd, long address, long count) {
            // (int) keeps the low 32 bits: all of an ILP32 address.
            return lp64 ? Lp64.write(fd, address, count) : Ilp32.write(fd, (int) address, (int) count);
        }

        @Override
        public long threadId() {
            return viaGettid ? Gettid.gettid() : syscallGettid();
        }

        /** {@code syscall(SYS_gettid)}; -1 with {@code ENOSYS} where callgate knows no number. */
        long syscallGettid() {
            return lp64 ? Lp64.syscall(sysGettid) : Ilp32.syscall(sysGettid);
        }

        /** Whether {@link #threadId()} calls {@code gettid()} rather than the raw syscall. */
        boolean viaGettid() {
            return viaGettid;
        }

        @Override
        public void abort() {
            AnyWidth.abort();
        }
    }
}
