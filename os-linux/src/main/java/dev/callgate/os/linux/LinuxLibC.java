package dev.callgate.os.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.NativeBinding;
import dev.callgate.spi.PosixNativeWrite;
import java.util.OptionalInt;

/**
 * The Linux C library functions callgate calls, and nothing else: {@code write(2)},
 * {@code gettid(2)}, {@code syscall(2)} (for {@code SYS_gettid} before glibc 2.30) and
 * {@code abort(3)}. JNA Platform's {@code LibC} interfaces map none of them (checked against
 * jna-platform 5.18), so they are declared here, bound with JNA direct mapping
 * ({@link Native#register(Class, NativeLibrary)}) against {@value #LIBRARY}.
 *
 * <p>The C types behind {@code write} and {@code syscall} ({@code size_t}, {@code ssize_t},
 * {@code long}, pointers) are 8 bytes on LP64 (amd64, aarch64) and 4 bytes on ILP32 (i386). Each
 * data model has its own holder class with Java primitives of exactly those widths; only the one
 * matching this JVM ({@link Native#POINTER_SIZE}, {@link Native#SIZE_T_SIZE},
 * {@link Native#LONG_SIZE}) is ever bound. Buffers go in as integer addresses, so continuing a
 * partial write is an addition, not a new {@link com.sun.jna.Pointer}: the write path allocates
 * nothing.
 *
 * <p>Functions that may be missing are probed once, and the reason is kept
 * ({@link #gettidCapability()}, {@link #syscallGettidCapability()}).
 */
public final class LinuxLibC {

    /** JNA's name for the C library; on Linux JNA resolves it in the process's own symbols. */
    public static final String LIBRARY = "c";

    /** The C library as JNA found it; bound once, on first use of {@link #load()}. */
    private static final class Loaded {
        static final NativeBinding<LinuxLibC> BINDING = NativeBinding.attempt(
                () -> new LinuxLibC(System.getProperty("os.arch", "")),
                e -> "callgate-os-linux could not bind the C library functions write, syscall and abort through JNA ("
                        + e + "). " + NativeBinding.jnaFix("JNA (net.java.dev.jna:jna)", "linux"));
    }

    private final boolean lp64;
    private final String osArch;
    private final NativeCapability gettid;
    private final NativeCapability syscallGettid;
    private final int sysGettid;

    private LinuxLibC(String osArch) {
        this.osArch = osArch;
        NativeLibrary c = NativeLibrary.getInstance(LIBRARY);
        this.lp64 = isLp64();
        Native.register(lp64 ? Lp64.class : Ilp32.class, c);
        Native.register(AnyWidth.class, c);
        this.gettid = probeGettid(c);
        OptionalInt number = LinuxSyscallNumbers.gettid(osArch);
        this.sysGettid = number.orElse(-1);
        this.syscallGettid = number.isPresent()
                ? NativeCapability.present("syscall(SYS_gettid)", "SYS_gettid is " + sysGettid + " on " + osArch)
                : NativeCapability.missing("syscall(SYS_gettid)", "callgate knows no SYS_gettid number for os.arch \""
                        + osArch + "\"; it knows " + LinuxSyscallNumbers.KNOWN);
    }

    /**
     * Binds the C library once per JVM and returns it.
     *
     * @throws BackendUnavailableException if JNA or the C library cannot be loaded, or this JVM is
     *     neither LP64 nor ILP32; the message says why and what to do
     */
    public static LinuxLibC load() {
        return Loaded.BINDING.require();
    }

    private static boolean isLp64() {
        int pointer = Native.POINTER_SIZE;
        int sizeT = Native.SIZE_T_SIZE;
        int cLong = Native.LONG_SIZE;
        if (pointer == 8 && sizeT == 8 && cLong == 8) {
            return true;
        }
        if (pointer == 4 && sizeT == 4 && cLong == 4) {
            return false;
        }
        throw new BackendUnavailableException("this JVM's C data model is neither LP64 nor ILP32 (pointer " + pointer
                + ", size_t " + sizeT + ", long " + cLong + " bytes), so write(2) cannot be bound with the right widths."
                + " Fix: run a standard 64-bit (amd64, aarch64) or 32-bit (i386) Linux JVM.");
    }

    private static NativeCapability probeGettid(NativeLibrary c) {
        try {
            Native.register(Gettid.class, c);
            return NativeCapability.present("gettid()", "found in the C library (glibc 2.30 or later)");
        } catch (UnsatisfiedLinkError e) {
            return NativeCapability.missing("gettid()", "not in this C library, which is older than glibc 2.30 ("
                    + e.getMessage() + ")");
        }
    }

    /** {@code "LP64"} or {@code "ILP32"}: which holder's widths this JVM binds. */
    public String dataModel() {
        return lp64 ? "LP64" : "ILP32";
    }

    /** The {@code os.arch} the syscall numbers were picked for. */
    public String osArch() {
        return osArch;
    }

    /**
     * This library's {@code write(2)} as a {@link PosixNativeWrite.Syscall}, bound to the widths of
     * this JVM. Calling it allocates nothing.
     */
    public PosixNativeWrite.Syscall writeSyscall() {
        return lp64 ? Lp64::write : LinuxLibC::writeIlp32;
    }

    private static long writeIlp32(int fd, long address, long count) {
        // (int) keeps the low 32 bits: all of an ILP32 address, however JNA extended it.
        return Ilp32.write(fd, (int) address, (int) count);
    }

    /**
     * {@code write(2)}: writes up to {@code count} bytes from native address {@code address} to
     * {@code fd}. See {@link Lp64#write}.
     *
     * @return the number of bytes written, or -1 with {@code errno} in {@link Native#getLastError()}
     */
    public long write(int fd, long address, long count) {
        return lp64 ? Lp64.write(fd, address, count) : writeIlp32(fd, address, count);
    }

    /** Whether {@link #gettid()} can be called, and if not, why. */
    public NativeCapability gettidCapability() {
        return gettid;
    }

    /** Whether {@link #syscallGettid()} can be called, and if not, why. */
    public NativeCapability syscallGettidCapability() {
        return syscallGettid;
    }

    /**
     * {@code gettid()}: the calling thread's kernel thread id. See {@link Gettid#gettid}.
     *
     * @throws UnsupportedOperationException if the C library lacks it; the message says why
     */
    public int gettid() {
        if (!gettid.available()) {
            throw new UnsupportedOperationException(gettid.toString());
        }
        return Gettid.gettid();
    }

    /**
     * {@code syscall(SYS_gettid)}: the same id as {@link #gettid()}, through the raw system call,
     * for C libraries older than glibc 2.30.
     *
     * @throws UnsupportedOperationException if the syscall number of this architecture is unknown
     */
    public long syscallGettid() {
        if (!syscallGettid.available()) {
            throw new UnsupportedOperationException(syscallGettid.toString());
        }
        return lp64 ? Lp64.syscall(sysGettid) : Ilp32.syscall(sysGettid);
    }

    /**
     * {@code abort(3)}: ends the process with {@code SIGABRT}. See {@link AnyWidth#abort}. Does not
     * return.
     */
    public void abort() {
        AnyWidth.abort();
    }

    /** The functions whose C types are 8 bytes wide on LP64 Linux (amd64, aarch64). */
    static final class Lp64 {

        private Lp64() {}

        /**
         * <b>write</b> - write to a file descriptor.
         *
         * <pre>{@code ssize_t write(int fd, const void *buf, size_t count);}</pre>
         *
         * <p>Writes up to {@code count} bytes from the buffer starting at {@code buf} to the file
         * referred to by {@code fd}. A write of at most {@code PIPE_BUF} (4096 on Linux) bytes to a
         * pipe is atomic: it is never interleaved with other writers' data.
         *
         * <p><b>Return value:</b> the number of bytes written, which may be fewer than
         * {@code count} (a partial write); -1 on error, with {@code errno} set.
         *
         * <p><b>Errors:</b> {@code EBADF} (9) fd is not open for writing; {@code EINTR} (4) a
         * signal arrived before any data was written; {@code EPIPE} (32) the reading end of a
         * pipe is closed (and {@code SIGPIPE}, which the JVM ignores); {@code EAGAIN} (11) fd is
         * non-blocking and would block; {@code EFAULT}, {@code EFBIG}, {@code EIO},
         * {@code ENOSPC}.
         *
         * @param fd file descriptor ({@code int}, 4 bytes)
         * @param buf address of the first byte ({@code const void *}, 8 bytes)
         * @param count number of bytes ({@code size_t}, 8 bytes)
         * @return {@code ssize_t}, 8 bytes
         */
        static native long write(int fd, long buf, long count);

        /**
         * <b>syscall</b> - indirect system call.
         *
         * <pre>{@code long syscall(long number, ...);}</pre>
         *
         * <p>Invokes the system call {@code number} with no further arguments; used here only with
         * {@code SYS_gettid}. Bound as a fixed one-argument function, which the x86-64 and aarch64
         * Linux calling conventions make identical to a variadic call without variadic arguments.
         *
         * <p><b>Return value:</b> the system call's result; -1 on error with {@code errno} set.
         * {@code gettid} always succeeds.
         *
         * @param number system call number ({@code long}, 8 bytes)
         * @return {@code long}, 8 bytes
         */
        static native long syscall(long number);
    }

    /** The same functions with the 4-byte C types of ILP32 Linux (i386). */
    static final class Ilp32 {

        private Ilp32() {}

        /**
         * <b>write</b> - write to a file descriptor; as {@link Lp64#write}, with 4-byte
         * {@code buf}, {@code size_t} and {@code ssize_t}.
         *
         * <pre>{@code ssize_t write(int fd, const void *buf, size_t count);}</pre>
         *
         * @param fd file descriptor ({@code int}, 4 bytes)
         * @param buf address of the first byte ({@code const void *}, 4 bytes)
         * @param count number of bytes ({@code size_t}, 4 bytes)
         * @return the bytes written, or -1 with {@code errno} set ({@code ssize_t}, 4 bytes)
         */
        static native int write(int fd, int buf, int count);

        /**
         * <b>syscall</b> - indirect system call; as {@link Lp64#syscall}, with a 4-byte
         * {@code long}. On i386 every argument goes on the stack, variadic or not.
         *
         * <pre>{@code long syscall(long number, ...);}</pre>
         *
         * @param number system call number ({@code long}, 4 bytes)
         * @return the result, or -1 with {@code errno} set ({@code long}, 4 bytes)
         */
        static native int syscall(int number);
    }

    /** {@code gettid}, alone because C libraries before glibc 2.30 lack it. */
    static final class Gettid {

        private Gettid() {}

        /**
         * <b>gettid</b> - get thread identification.
         *
         * <pre>{@code pid_t gettid(void);}</pre>
         *
         * <p>Returns the caller's thread id (TID): in a single-threaded process it equals the
         * process id, in a multithreaded one each thread has its own, unique in the system while
         * the thread lives. It is the id shown in {@code /proc/<pid>/task/} and
         * {@code /proc/thread-self}. Declared by {@code <unistd.h>} since glibc 2.30; older
         * libraries need {@code syscall(SYS_gettid)}.
         *
         * <p><b>Errors:</b> none; this call always succeeds.
         *
         * @return the thread id ({@code pid_t}, 4 bytes on every Linux)
         */
        static native int gettid();
    }

    /** Functions whose C types have the same width in every data model. */
    static final class AnyWidth {

        private AnyWidth() {}

        /**
         * <b>abort</b> - cause abnormal process termination.
         *
         * <pre>{@code void abort(void);}</pre>
         *
         * <p>Unblocks {@code SIGABRT} and raises it. If a handler catches it and returns, the
         * default disposition is restored and the signal raised again, so the process ends with
         * {@code SIGABRT} (a shell reports status 134) and a core dump where enabled. Java
         * shutdown hooks and finalizers do not run; open streams are not flushed.
         *
         * <p><b>Return value:</b> never returns.
         */
        static native void abort();
    }
}
