package dev.callgate.os.freebsd;

import dev.callgate.spi.PosixBackend;

/**
 * callgate's native services on FreeBSD: diagnostics through libc {@code write(2)}, the thread
 * id from {@code thr_self(2)}, and {@code abort(3)}. Made by {@link FreeBsdBackendProvider} after
 * selection over {@link FreeBsdLibC}; tests hand it a recording fake instead.
 *
 * <p>No exit guard ({@link #exitGuard()} is {@code null}): FreeBSD's libc has no
 * {@code on_exit}, and an {@code atexit} handler is not told the exit status, so it could not end
 * the process with it.
 */
final class FreeBsdBackend extends PosixBackend {

    /** The provider id. */
    static final String ID = "freebsd";

    FreeBsdBackend(PosixBackend.NativeLayer libc) {
        super(ID, libc);
    }
}
