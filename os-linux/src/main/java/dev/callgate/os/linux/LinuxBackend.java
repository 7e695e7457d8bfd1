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

    /** glibc's conditional {@code on_exit} handler; see {@link LinuxExitGuard}. {@code null} on musl. */
    @Override
    public String exitGuard() {
        return LinuxExitGuard.describe();
    }

    /** Flips the handler's flag; the first {@code true} registers it (see {@link LinuxExitGuard}). */
    @Override
    public void armExitGuard(boolean armed) {
        LinuxExitGuard.arm(armed);
    }
}
