package dev.callgate.os.freebsd;

import dev.callgate.spi.PosixBackend;

/**
 * The libc calls the FreeBSD backend makes, as one seam: {@link FreeBsdLibC} binds them for real,
 * tests substitute a recording fake. {@code write(2)} comes from {@link PosixBackend.NativeLayer},
 * so the layer plugs straight into the shared POSIX backend.
 */
interface FreeBsdNativeLayer extends PosixBackend.NativeLayer {

    /** {@code thr_self(&id)}: the system-wide id of the calling thread. */
    long threadId();

    /** {@code abort(3)}: never returns. */
    void abort();
}
