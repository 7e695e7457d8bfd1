/**
 * callgate's macOS backend: the diagnostic goes out through libSystem {@code write(2)}, the native
 * thread id comes from {@code pthread_threadid_np}, and the abort policy ends in {@code abort(3)}.
 */
module dev.callgate.os.darwin {
    requires dev.callgate;

    provides dev.callgate.spi.OsBackendProvider with dev.callgate.os.darwin.DarwinBackendProvider;
}
