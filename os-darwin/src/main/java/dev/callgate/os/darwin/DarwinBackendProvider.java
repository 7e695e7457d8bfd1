package dev.callgate.os.darwin;

import dev.callgate.spi.BackendUnavailableException;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PlatformMatch;
import java.util.Set;

/**
 * Registers the macOS backend with {@link java.util.ServiceLoader}. Serves {@code os.name}
 * "Mac OS X" (what every JDK on macOS reports), "Darwin" and "macOS", on 64-bit architectures
 * only: macOS has had no 32-bit runtime since 10.15 Catalina. Cheap: no native code is touched
 * before {@link #create()}.
 */
public final class DarwinBackendProvider implements OsBackendProvider {

    /** The {@code os.arch} values of a 64-bit JVM on macOS: Intel and Apple silicon. */
    static final Set<String> LP64_ARCHS = Set.of("x86_64", "amd64", "aarch64", "arm64");

    /** Creates the provider; loads nothing native. */
    public DarwinBackendProvider() {
    }

    @Override
    public String id() {
        return DarwinBackend.ID;
    }

    @Override
    public PlatformMatch match(String osName, String osArch) {
        if (!isMacOs(osName)) {
            return PlatformMatch.rejects("os.name \"" + osName + "\" is not macOS (the macOS backend serves"
                    + " \"Mac OS X\", \"Darwin\" and \"macOS\")");
        }
        if (osArch == null || !LP64_ARCHS.contains(osArch)) {
            return PlatformMatch.rejects("os.arch \"" + osArch + "\" is not a 64-bit macOS architecture: macOS has"
                    + " had no 32-bit runtime since 10.15, and callgate-os-darwin maps libSystem for " + LP64_ARCHS
                    + " only. Fix: run a 64-bit JVM");
        }
        return PlatformMatch.serves("os.name \"" + osName + "\" is macOS on 64-bit os.arch \"" + osArch + "\"");
    }

    /** The names JDKs and JNA use for macOS. */
    private static boolean isMacOs(String osName) {
        return osName != null && (osName.startsWith("Mac OS") || osName.equals("Darwin")
                || osName.equalsIgnoreCase("macOS"));
    }

    @Override
    public String artifact() {
        return "dev.callgate:callgate-os-darwin";
    }

    /**
     * Binds libSystem and returns the backend.
     *
     * @throws BackendUnavailableException if this is not a 64-bit macOS JVM or libSystem cannot be
     *     bound; the message says why and what to do
     */
    @Override
    public OsBackend create() {
        return new DarwinBackend(DarwinLibSystem.load());
    }
}
