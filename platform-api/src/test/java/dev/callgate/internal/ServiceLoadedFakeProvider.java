package dev.callgate.internal;

import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PlatformMatch;

/**
 * A provider that {@link java.util.ServiceLoader} can instantiate (public, no-argument
 * constructor), for tests that hand {@link BackendSelector#fromServiceLoader} a class loader with
 * a services file naming it. Serves the made-up {@code os.name} {@value #OS_NAME} only.
 */
public final class ServiceLoadedFakeProvider implements OsBackendProvider {

    /** The only {@code os.name} this provider serves. */
    public static final String OS_NAME = "FakeOS";

    /** The constructor {@link java.util.ServiceLoader} calls. */
    public ServiceLoadedFakeProvider() {}

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public PlatformMatch match(String osName, String osArch) {
        return OS_NAME.equals(osName) ? PlatformMatch.serves("os.name is " + OS_NAME)
                : PlatformMatch.rejects("serves only os.name " + OS_NAME);
    }

    @Override
    public String artifact() {
        return "dev.callgate:callgate-os-fake";
    }

    @Override
    public OsBackend create() {
        return FakeProvider.idOnlyBackend(id());
    }
}
