package dev.callgate.os.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;

/**
 * Test-only C functions that set up real descriptors for the backend to write to: pipes, a read
 * end to drain, and descriptors that are known to be closed. Not part of callgate.
 */
final class TestLibC {

    /** {@code F_DUPFD}: duplicate to the lowest free descriptor at or above the argument. */
    static final int F_DUPFD = 0;

    /** {@code EBADF} from {@code asm-generic/errno-base.h}. */
    static final int EBADF = 9;

    /** {@code EINTR} from {@code asm-generic/errno-base.h}. */
    static final int EINTR = 4;

    static {
        Native.register(TestLibC.class, NativeLibrary.getInstance("c"));
    }

    private TestLibC() {}

    /**
     * <b>pipe</b> - create a pipe. {@code int pipe(int pipefd[2]);} fills {@code fds[0]} (read
     * end) and {@code fds[1]} (write end); returns 0, or -1 with {@code errno} set.
     */
    static native int pipe(int[] fds);

    /**
     * <b>read</b> - read from a file descriptor.
     * {@code ssize_t read(int fd, void *buf, size_t count);} returns the bytes read, 0 at end of
     * file, or -1 with {@code errno} set. {@code NativeLong} has the width of {@code size_t} on
     * Linux, 32- or 64-bit.
     */
    static native NativeLong read(int fd, byte[] buf, NativeLong count);

    /** <b>close</b> - close a file descriptor. {@code int close(int fd);} returns 0 or -1. */
    static native int close(int fd);

    /**
     * <b>fcntl</b> with {@code F_DUPFD}: {@code int fcntl(int fd, int cmd, int arg);} returns the
     * new descriptor or -1.
     */
    static native int fcntl(int fd, int cmd, int arg);

    /**
     * <b>gnu_get_libc_version</b> - the glibc version, such as {@code "2.36"}.
     * {@code const char *gnu_get_libc_version(void);}
     */
    static native String gnu_get_libc_version();

    /** Opens a pipe, failing the test with errno when the kernel refuses. */
    static int[] openPipe() {
        int[] fds = new int[2];
        if (pipe(fds) != 0) {
            throw new IllegalStateException("pipe(2) failed, errno " + Native.getLastError());
        }
        return fds;
    }

    /**
     * A descriptor number that was opened and then closed. It is moved high (at or above
     * {@code floor}) first: the kernel hands out the lowest free number, so another thread of
     * this JVM opening a file will not reuse it while the test writes to it.
     */
    static int closedDescriptor(int floor) {
        int[] fds = openPipe();
        int high = fcntl(fds[1], F_DUPFD, floor);
        int errno = Native.getLastError();
        close(fds[0]);
        close(fds[1]);
        if (high < 0) {
            throw new IllegalStateException("fcntl(F_DUPFD, " + floor + ") failed, errno " + errno
                    + "; raise the open-files limit (ulimit -n) above " + floor);
        }
        if (close(high) != 0) {
            throw new IllegalStateException("close(" + high + ") failed, errno " + Native.getLastError());
        }
        return high;
    }
}
