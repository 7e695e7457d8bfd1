package dev.callgate.os.linux;

import dev.callgate.spi.PosixBackend;

/**
 * callgate's native services on Linux: diagnostics through libc {@code write(2)}, the kernel
 * thread id from {@code gettid()} (or {@code syscall(SYS_gettid)} before glibc 2.30),
 * {@code abort(3)}, and on glibc an exit guard. Made by {@link LinuxBackendProvider} after
 * selection over {@link LinuxLibC}.
 */
final class LinuxBackend extends PosixBackend {

    /** The provider id. */
    static final String ID = "linux";

    LinuxBackend(PosixBackend.NativeLayer libc) {
        super(ID, libc);
    }

    /** glibc's {@code on_exit(_exit)}; see {@link LinuxLibC#installExitGuard()}. {@code null} on musl. */
    @Override
    public String installExitGuard() {
        return LinuxLibC.installExitGuard();
    }
}
