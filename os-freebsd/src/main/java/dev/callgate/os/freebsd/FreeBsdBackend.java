package dev.callgate.os.freebsd;

import dev.callgate.spi.PosixBackend;

/**
 * callgate's native services on FreeBSD: diagnostics through libc {@code write(2)}, the thread
 * id from {@code thr_self(2)}, and {@code abort(3)}. Made by {@link FreeBsdBackendProvider} after
 * selection; everything native goes through one {@link FreeBsdNativeLayer}.
 */
public final class FreeBsdBackend extends PosixBackend {

    /** The provider id. */
    public static final String ID = "freebsd";

    FreeBsdBackend(FreeBsdNativeLayer libc) {
        super(ID, libc);
    }
}
