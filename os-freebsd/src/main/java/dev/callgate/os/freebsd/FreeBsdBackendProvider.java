package dev.callgate.os.freebsd;

import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PlatformMatch;

/**
 * Registers the FreeBSD backend with {@link java.util.ServiceLoader}. Serves {@code os.name}
 * "FreeBSD" on every architecture: 32- and 64-bit are told apart when libc is bound. Cheap: no
 * native code is touched before {@link #create()}.
 */
public final class FreeBsdBackendProvider implements OsBackendProvider {

    /** What every JDK on FreeBSD reports as {@code os.name}. */
    static final String OS_NAME = "FreeBSD";

    /** Creates the provider; loads nothing native. */
    public FreeBsdBackendProvider() {
    }

    @Override
    public String id() {
        return FreeBsdBackend.ID;
    }

    @Override
    public PlatformMatch match(String osName, String osArch) {
        if (!OS_NAME.equals(osName)) {
            // GNU/kFreeBSD has FreeBSD's kernel but glibc, which has no thr_self.
            return PlatformMatch.rejects("os.name \"" + osName + "\" is not FreeBSD (the FreeBSD backend serves \""
                    + OS_NAME + "\")");
        }
        return PlatformMatch.serves("os.name \"" + osName + "\" on os.arch \"" + osArch + "\"");
    }

    @Override
    public String artifact() {
        return "dev.callgate:callgate-os-freebsd";
    }

    /**
     * Binds libc and returns the backend.
     *
     * @throws BackendUnavailableException if this is not a FreeBSD JVM or libc cannot be bound;
     *     the message says why and what to do
     */
    @Override
    public OsBackend create() {
        return new FreeBsdBackend(FreeBsdLibC.load());
    }
}
