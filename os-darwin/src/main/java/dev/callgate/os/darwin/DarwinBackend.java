package dev.callgate.os.darwin;

import dev.callgate.spi.PosixBackend;

/**
 * callgate's native services on macOS: diagnostics through libSystem {@code write(2)}, the thread
 * id from {@code pthread_threadid_np} (the system-wide id that Activity Monitor, {@code lldb} and
 * the unified log show), and {@code abort(3)}. Made by {@link DarwinBackendProvider} after
 * selection; everything native goes through one {@link DarwinNativeLayer}.
 */
public final class DarwinBackend extends PosixBackend {

    /** The provider id. */
    public static final String ID = "darwin";

    DarwinBackend(DarwinNativeLayer libSystem) {
        super(ID, libSystem);
    }
}
