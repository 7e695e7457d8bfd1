package dev.callgate.os.linux;

import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PlatformMatch;
import java.util.OptionalInt;

/**
 * Registers the Linux backend with {@link java.util.ServiceLoader}. Cheap: matching reads only
 * strings; the native layer loads in {@link #create()}.
 *
 * <p>It serves {@code os.name} "Linux" on every architecture: {@code gettid()} needs no syscall
 * number, so an architecture missing from callgate's {@code SYS_gettid} table matters only with
 * a C library older than glibc 2.30, and then {@link #create()} says so.
 */
public final class LinuxBackendProvider implements OsBackendProvider {

    /** What the JVM reports as {@code os.name} on Linux. */
    static final String OS_NAME = "Linux";

    /** Creates the provider; loads nothing. */
    public LinuxBackendProvider() {}

    @Override
    public String id() {
        return LinuxBackend.ID;
    }

    @Override
    public PlatformMatch match(String osName, String osArch) {
        if (!OS_NAME.equals(osName)) {
            return PlatformMatch.rejects("serves os.name \"" + OS_NAME + "\", not \"" + osName + "\"");
        }
        OptionalInt sysGettid = LinuxSyscallNumbers.gettid(osArch);
        if (sysGettid.isPresent()) {
            return PlatformMatch.serves("os.name \"Linux\" on " + osArch + ": libc write(2), gettid() (or syscall "
                    + sysGettid.getAsInt() + " before glibc 2.30), abort(3)");
        }
        return PlatformMatch.serves("os.name \"Linux\" on " + osArch + ": libc write(2), abort(3), and gettid() from"
                + " glibc 2.30 or later, since callgate knows no SYS_gettid number for " + osArch);
    }

    @Override
    public String artifact() {
        return "dev.callgate:callgate-os-linux";
    }

    /**
     * Binds libc (once per JVM) and returns a backend over it.
     *
     * @throws dev.callgate.spi.BackendUnavailableException if it cannot load; the message says why
     *     and how to fix it
     */
    @Override
    public OsBackend create() {
        return new LinuxBackend(LinuxLibC.load());
    }
}
