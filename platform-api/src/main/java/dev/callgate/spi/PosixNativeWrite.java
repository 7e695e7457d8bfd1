package dev.callgate.spi;

import com.sun.jna.Native;

/**
 * {@link NativeWrite} over a POSIX {@code write(2)}, shared by the Linux, macOS and FreeBSD
 * backends (the OpenJDK {@code sun.nio.fs} habit: shared Unix code, thin per-OS overlays). Each
 * OS module binds {@code write} from its own C library and hands it over as a {@link Syscall}
 * that takes the buffer as a native address, so that continuing a partial write needs no new
 * {@link com.sun.jna.Pointer} object.
 *
 * @since 1.0
 */
public final class PosixNativeWrite implements NativeWrite {

    /** {@code EINTR}: 4 on Linux, macOS and FreeBSD alike. */
    public static final int EINTR = 4;

    /**
     * {@code ssize_t write(int fd, const void *buf, size_t count)}, the buffer given by address.
     *
     * @since 1.0
     */
    @FunctionalInterface
    public interface Syscall {
        /** Returns the bytes written, or -1 with {@code errno} set. */
        long write(int fd, long address, long count);
    }

    private final Syscall syscall;

    public PosixNativeWrite(Syscall syscall) {
        this.syscall = syscall;
    }

    @Override
    public long write(long target, NativeMessage message, int offset, int count) {
        // A descriptor is a C int: out of range, -1 fails with EBADF instead of wrapping to another one.
        int fd = target < 0 || target > Integer.MAX_VALUE ? -1 : (int) target;
        return syscall.write(fd, message.address() + offset, count);
    }

    /** JNA keeps {@code errno} per thread right after each native call. */
    @Override
    public int lastError() {
        return Native.getLastError();
    }

    @Override
    public boolean isInterrupted(int error) {
        return error == EINTR;
    }
}
