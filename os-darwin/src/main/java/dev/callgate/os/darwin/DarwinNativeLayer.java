package dev.callgate.os.darwin;

import dev.callgate.spi.PosixBackend;

/**
 * The libSystem calls the macOS backend makes, as one seam: {@link DarwinLibSystem} binds them for
 * real, tests substitute a recording fake. {@code write(2)} comes from {@link PosixBackend.NativeLayer},
 * so the layer plugs straight into the shared POSIX backend.
 */
interface DarwinNativeLayer extends PosixBackend.NativeLayer {

    /** {@code pthread_threadid_np(NULL, &id)}: the system-wide id of the calling thread. */
    long threadId();

    /** {@code abort(3)}: never returns. */
    void abort();
}
