/**
 * callgate's Windows backend: the diagnostic goes out through kernel32 {@code WriteFile} on
 * {@code GetStdHandle(STD_ERROR_HANDLE)}, the native thread id comes from
 * {@code GetCurrentThreadId}, and the abort policy ends in {@code TerminateProcess} with exit
 * code 3, through JNA (direct mapping for {@code WriteFile}, JNA Platform for the rest).
 */
module dev.callgate.os.windows {
    requires dev.callgate;
    requires com.sun.jna.platform;

    provides dev.callgate.spi.OsBackendProvider with dev.callgate.os.windows.WindowsBackendProvider;
}
