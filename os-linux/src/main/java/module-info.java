/**
 * callgate's Linux backend: the diagnostic goes out through libc {@code write(2)}, the native
 * thread id comes from {@code gettid()}, the abort policy ends in {@code abort(3)}, and on glibc
 * an exit guard keeps {@code System.exit} from hanging in shared-library destructors while a
 * kept-attached foreign thread is alive.
 */
module dev.callgate.os.linux {
    requires dev.callgate;

    provides dev.callgate.spi.OsBackendProvider with dev.callgate.os.linux.LinuxBackendProvider;
}
