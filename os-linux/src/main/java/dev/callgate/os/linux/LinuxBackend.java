package dev.callgate.os.linux;

import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.NativeBinding;
import dev.callgate.spi.PosixBackend;
import dev.callgate.spi.PosixNativeWrite;

/**
 * callgate's native services on Linux: diagnostics through libc {@code write(2)}, the kernel
 * thread id from {@code gettid()} (or {@code syscall(SYS_gettid)} before glibc 2.30), and
 * {@code abort(3)}.
 *
 * <p>Like Netty's native transports, the class answers {@link #isAvailable()},
 * {@link #unavailabilityCause()} and {@link #ensureAvailability()}. The native layer is loaded
 * lazily, on the first of those calls or {@link #create()}, once per JVM. Setting
 * {@code -D}{@value #DISABLE_PROPERTY}{@code =true} makes the backend unavailable without touching
 * native code.
 */
public final class LinuxBackend extends PosixBackend {

    /** The provider id. */
    public static final String ID = "linux";

    /** Set to {@code true} to keep callgate from loading its Linux native layer. */
    public static final String DISABLE_PROPERTY = "callgate.linux.disable";

    /** The availability verdict, reached once, on first use. */
    private static final class Availability {
        static final NativeBinding<LibcLayer> BINDING = NativeBinding.attempt(LinuxBackend::bind,
                e -> "the Linux backend could not load its native layer (" + e + "). Fix: put"
                        + " dev.callgate:callgate-platform-api and net.java.dev.jna:jna of matching versions next to"
                        + " dev.callgate:callgate-os-linux.");
    }

    private final LibcLayer layer;

    private LinuxBackend(LibcLayer layer) {
        super(ID, layer);
        this.layer = layer;
    }

    /**
     * A backend over this JVM's C library.
     *
     * @throws BackendUnavailableException if the native layer is unavailable; see
     *     {@link #unavailabilityCause()}
     */
    public static LinuxBackend create() {
        return new LinuxBackend(Availability.BINDING.require());
    }

    /** Whether the Linux native layer loaded and can read thread ids. Loads it on first call. */
    public static boolean isAvailable() {
        return Availability.BINDING.isBound();
    }

    /** Why the backend is unavailable, with the fix in its message; {@code null} when available. */
    public static Throwable unavailabilityCause() {
        return Availability.BINDING.failure();
    }

    /**
     * Returns normally when the backend is available.
     *
     * @throws BackendUnavailableException otherwise, naming the cause and the fix
     */
    public static void ensureAvailability() {
        Availability.BINDING.require();
    }

    private static LibcLayer bind() {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            throw new BackendUnavailableException("the Linux backend is disabled by -D" + DISABLE_PROPERTY
                    + "=true. Fix: remove that property to let callgate load libc write, gettid and abort.");
        }
        LinuxLibC libc = LinuxLibC.load();
        return new LibcLayer(libc, prefersGettid(libc));
    }

    /** {@code gettid()} when the C library has it, else the raw syscall, else unavailable. */
    private static boolean prefersGettid(LinuxLibC libc) {
        if (libc.gettidCapability().available()) {
            return true;
        }
        if (libc.syscallGettidCapability().available()) {
            return false;
        }
        throw new BackendUnavailableException("callgate cannot read native thread ids on this Linux: "
                + libc.gettidCapability() + ", and " + libc.syscallGettidCapability()
                + ". Fix: use glibc 2.30 or later (it has gettid()), or run on one of those architectures.");
    }

    /** Which thread id route this backend took: {@code "gettid()"} or {@code "syscall(SYS_gettid)"}. */
    public String threadIdSource() {
        return layer.viaGettid ? "gettid()" : "syscall(SYS_gettid)";
    }

    /** The C library binding this backend calls. */
    public LinuxLibC libc() {
        return layer.libc;
    }

    /**
     * libc as the POSIX native layer. The thread id is the kernel's: what {@code /proc/thread-self}
     * names and {@code top -H} shows, from {@code gettid()} or, before glibc 2.30, the raw syscall.
     */
    private static final class LibcLayer implements PosixBackend.NativeLayer {
        private final LinuxLibC libc;
        private final PosixNativeWrite.Syscall write; // the LP64 or ILP32 binding, chosen once
        private final boolean viaGettid;

        LibcLayer(LinuxLibC libc, boolean viaGettid) {
            this.libc = libc;
            this.write = libc.writeSyscall();
            this.viaGettid = viaGettid;
        }

        @Override
        public long write(int fd, long address, long count) {
            return write.write(fd, address, count);
        }

        @Override
        public long threadId() {
            return viaGettid ? libc.gettid() : libc.syscallGettid();
        }

        @Override
        public void abort() {
            libc.abort();
        }
    }
}
