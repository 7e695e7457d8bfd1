/**
 * callgate's Linux backend: the diagnostic goes out through libc {@code write(2)}, the native
 * thread id comes from {@code gettid()}, and the abort policy ends in {@code abort(3)}.
 */
module dev.callgate.os.linux {
    requires dev.callgate;

    // LinuxBackend's availability facade (isAvailable, unavailabilityCause) is public API.
    exports dev.callgate.os.linux;

    provides dev.callgate.spi.OsBackendProvider with dev.callgate.os.linux.LinuxBackendProvider;
}
