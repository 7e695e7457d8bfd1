package dev.callgate.spi;

/**
 * What an OS module registers with {@link java.util.ServiceLoader} (in
 * {@code META-INF/services/dev.callgate.spi.OsBackendProvider} and with {@code provides} in its
 * {@code module-info.java}).
 *
 * <p>Providers must be cheap: their constructor and static initializers load no native code.
 * Native bindings load in {@link #create()}, after this provider was selected.
 *
 * <p>When no provider serves the JVM (none matches, or the one that matches throws
 * {@link BackendUnavailableException} from {@link #create()}) and none was named by id, the gate
 * runs on platform-api's Java fallback, which writes through {@code System.err}; with
 * {@code -Dcallgate.requireOsModule=true} that is an error instead.
 *
 * @since 1.0
 */
public interface OsBackendProvider {

    /** A short stable id, such as {@code "linux"}; {@code -Dcallgate.os=<id>} selects by it. */
    String id();

    /**
     * Whether this provider serves a JVM reporting these {@code os.name} and {@code os.arch}
     * values, and if not, why.
     */
    PlatformMatch match(String osName, String osArch);

    /** The Maven coordinates of the module that ships this provider, for error messages. */
    String artifact();

    /**
     * Loads the native bindings and returns the backend.
     *
     * @throws BackendUnavailableException if the native layer cannot be loaded here; its message
     *     says why and what to do
     */
    OsBackend create();
}
