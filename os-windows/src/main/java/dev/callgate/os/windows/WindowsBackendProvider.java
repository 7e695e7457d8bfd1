package dev.callgate.os.windows;

import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PlatformMatch;

/**
 * Registers the Windows backend with {@link java.util.ServiceLoader}. Serves every {@code os.name}
 * that starts with "Windows" ("Windows 10", "Windows 11", "Windows Server 2022", ...) on every
 * architecture: JNA Platform's kernel32 mapping fits 32- and 64-bit alike. Cheap: no native code
 * is touched before {@link #create()}.
 */
public final class WindowsBackendProvider implements OsBackendProvider {

    /** How every JDK on Windows starts {@code os.name}. */
    static final String OS_NAME_PREFIX = "Windows";

    /** Creates the provider; loads nothing native. */
    public WindowsBackendProvider() {
    }

    @Override
    public String id() {
        return WindowsBackend.ID;
    }

    @Override
    public PlatformMatch match(String osName, String osArch) {
        if (osName == null || !osName.startsWith(OS_NAME_PREFIX)) {
            return PlatformMatch.rejects("os.name \"" + osName + "\" is not Windows (the Windows backend serves"
                    + " names starting with \"" + OS_NAME_PREFIX + "\")");
        }
        return PlatformMatch.serves("os.name \"" + osName + "\" on os.arch \"" + osArch + "\"");
    }

    @Override
    public String artifact() {
        return "dev.callgate:callgate-os-windows";
    }

    /**
     * Loads kernel32 through JNA Platform and returns the backend.
     *
     * @throws BackendUnavailableException if this is not a Windows JVM or kernel32 cannot be
     *     loaded; the message says why and what to do
     */
    @Override
    public OsBackend create() {
        return new WindowsBackend(WindowsKernel32.load());
    }
}
