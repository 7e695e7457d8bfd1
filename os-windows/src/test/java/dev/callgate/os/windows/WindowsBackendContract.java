package dev.callgate.os.windows;

import dev.callgate.spi.OsBackendProvider;
import dev.callgate.spi.contract.OsBackendContract;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the real and the recorded contract runs of {@link WindowsBackend} share: the provider, id
 * and {@code os.name} values, and no interrupted error.
 * Each run adds its backend, where it writes to and a handle that is not open.
 */
abstract class WindowsBackendContract extends OsBackendContract {

    @Override
    protected final OsBackendProvider provider() {
        return new WindowsBackendProvider();
    }

    @Override
    protected final String expectedId() {
        return "windows";
    }

    @Override
    protected final List<String> servedOsNames() {
        return List.of("Windows 10", "Windows 11", "Windows Server 2022", "Windows Server 2019");
    }

    @Override
    protected final List<String> rejectedOsNames() {
        return List.of("Linux", "Mac OS X", "FreeBSD", "SunOS", "NetBSD", "OpenBSD");
    }

    /** Windows has no EINTR: WriteFile is never interrupted by a signal, so the kit skips that check. */
    @Override
    protected final OptionalInt interruptedError() {
        return OptionalInt.empty();
    }
}
