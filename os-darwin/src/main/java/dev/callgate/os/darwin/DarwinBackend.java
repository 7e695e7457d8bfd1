package dev.callgate.os.darwin;

import dev.callgate.spi.PosixBackend;

/**
 * callgate's native services on macOS: diagnostics through libSystem {@code write(2)}, the thread
 * id from {@code pthread_threadid_np} (the system-wide id that Activity Monitor, {@code lldb} and
 * the unified log show), and {@code abort(3)}. Made by {@link DarwinBackendProvider} after
 * selection over {@link DarwinLibSystem}; tests hand it a recording fake instead.
 *
 * <p>No exit guard ({@link #exitGuard()} is {@code null}): libSystem has no {@code on_exit},
 * and an {@code atexit} handler is not told the exit status, so it could not end the process with it.
 */
final class DarwinBackend extends PosixBackend {

    /** The provider id. */
    static final String ID = "darwin";

    DarwinBackend(PosixBackend.NativeLayer libSystem) {
        super(ID, libSystem);
    }
}
