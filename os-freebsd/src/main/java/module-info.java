/**
 * callgate's FreeBSD backend: the diagnostic goes out through libc {@code write(2)}, the native
 * thread id comes from {@code thr_self(2)}, and the abort policy ends in {@code abort(3)}.
 */
module dev.callgate.os.freebsd {
    requires dev.callgate;

    provides dev.callgate.spi.OsBackendProvider with dev.callgate.os.freebsd.FreeBsdBackendProvider;
}
