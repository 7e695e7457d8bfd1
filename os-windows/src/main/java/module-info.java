/**
 * callgate's Windows backend: the diagnostic goes out through kernel32 {@code WriteFile} on
 * {@code GetStdHandle(STD_ERROR_HANDLE)}, the native thread id comes from
 * {@code GetCurrentThreadId}, and the abort policy ends in {@code TerminateProcess} with exit
 * code 3, all through JNA Platform's {@code Kernel32}.
 */
module dev.callgate.os.windows {
    requires dev.callgate;
    requires com.sun.jna.platform;

    provides dev.callgate.spi.OsBackendProvider with dev.callgate.os.windows.WindowsBackendProvider;
}
