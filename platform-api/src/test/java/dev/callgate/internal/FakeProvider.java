package dev.callgate.internal;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.PlatformMatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A provider for selection tests: serves the {@code os.name} values that start with a prefix, and
 * creates its backend from a supplier (which may throw, as a backend without its library does).
 */
final class FakeProvider implements OsBackendProvider {

    private final String id;
    private final String osNamePrefix;
    private final Supplier<OsBackend> factory;
    private final AtomicInteger creates = new AtomicInteger();

    FakeProvider(String id, String osNamePrefix, Supplier<OsBackend> factory) {
        this.id = id;
        this.osNamePrefix = osNamePrefix;
        this.factory = factory;
    }

    /** A provider whose backend is an {@link #idOnlyBackend}. */
    FakeProvider(String id, String osNamePrefix) {
        this(id, osNamePrefix, () -> idOnlyBackend(id));
    }

    /** A backend that only knows its id: selection never writes, so nothing else is needed. */
    static OsBackend idOnlyBackend(String id) {
        return new OsBackend() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public DiagnosticWriter stderr() {
                throw new UnsupportedOperationException("selection tests do not write");
            }

            @Override
            public DiagnosticWriter writerTo(long target) {
                throw new UnsupportedOperationException("selection tests do not write");
            }

            @Override
            public long currentNativeThreadId() {
                throw new UnsupportedOperationException("selection tests do not ask for thread ids");
            }

            @Override
            public void abort() {
                throw new UnsupportedOperationException("selection tests do not abort");
            }
        };
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public PlatformMatch match(String osName, String osArch) {
        return osName.startsWith(osNamePrefix)
                ? PlatformMatch.serves("os.name \"" + osName + "\" starts with \"" + osNamePrefix + "\"")
                : PlatformMatch.rejects("os.name does not start with \"" + osNamePrefix + "\"");
    }

    @Override
    public String artifact() {
        return "dev.callgate:callgate-os-" + id;
    }

    @Override
    public OsBackend create() {
        creates.incrementAndGet();
        return factory.get();
    }

    /** How often {@link #create()} ran. */
    int createCalls() {
        return creates.get();
    }
}
