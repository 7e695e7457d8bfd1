package dev.callgate.spi.contract;

import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PosixBackend;

/**
 * The {@link OsBackendContract} for real, on the POSIX system a provider serves: the backend its
 * {@code create()} returns, writing with the C library's {@code write(2)} into real pipes
 * ({@link PosixPipeSink}). An OS module adds its id and {@code os.name} values, and gates its
 * subclass with {@code @EnabledOnOs} so that it runs only on that OS.
 */
public abstract class PosixBackendRealContract extends PosixBackendContract {

    /** Far above the descriptors a test JVM has open, so none of its threads reuses the number. */
    private static final int CLOSED_DESCRIPTOR_FLOOR = 600;

    private final OsBackendProvider provider;

    /**
     * @param provider the OS's provider; its {@code create()} must return a {@link PosixBackend}
     */
    protected PosixBackendRealContract(OsBackendProvider provider) {
        super(createPosix(provider));
        this.provider = provider;
    }

    private static PosixBackend createPosix(OsBackendProvider provider) {
        OsBackend created = provider.create();
        if (!(created instanceof PosixBackend posix)) {
            throw new IllegalStateException(provider.id() + " created a " + created.getClass().getName()
                    + ", not a PosixBackend; extend OsBackendContract directly for a non-POSIX backend");
        }
        return posix;
    }

    @Override
    protected final OsBackendProvider provider() {
        return provider;
    }

    @Override
    protected final Sink openSink() {
        return PosixPipeSink.open();
    }

    @Override
    protected final long badTarget() {
        return PosixPipeSink.closedDescriptor(CLOSED_DESCRIPTOR_FLOOR);
    }

    /** The architecture this JVM really runs on, not the kit's default. */
    @Override
    protected final String osArch() {
        return System.getProperty("os.arch");
    }
}
