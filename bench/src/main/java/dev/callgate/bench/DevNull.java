package dev.callgate.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * A write-only file descriptor on {@code /dev/null}, opened with libc {@code open(2)}, so that
 * callgate's diagnostic writer can be measured (and gated callbacks can warn) without filling the
 * benchmark's output. Java gives no public way to read the descriptor of a
 * {@link java.io.FileOutputStream}, hence the two mapped calls.
 */
final class DevNull implements AutoCloseable {

    /** {@code O_WRONLY}: 1 on Linux, macOS and FreeBSD. */
    private static final int O_WRONLY = 1;

    /** The two POSIX calls needed to hold a descriptor of our own. */
    interface PosixFiles extends Library {
        /**
         * {@code int open(const char *pathname, int flags, ...)}: opens the file and returns the
         * lowest unused descriptor, or -1 with {@code errno} set. The variadic {@code mode}
         * argument is read only with {@code O_CREAT} or {@code O_TMPFILE}, so it is not mapped.
         */
        int open(String pathname, int flags);

        /** {@code int close(int fd)}: releases the descriptor; 0, or -1 with {@code errno} set. */
        int close(int fd);
    }

    private static final PosixFiles LIBC = Native.load(Platform.C_LIBRARY_NAME, PosixFiles.class);

    private final int fd;
    private boolean closed;

    private DevNull(int fd) {
        this.fd = fd;
    }

    /** Opens {@code /dev/null} for writing. */
    static DevNull open() {
        int fd = LIBC.open("/dev/null", O_WRONLY);
        if (fd < 0) {
            throw new IllegalStateException("open(\"/dev/null\", O_WRONLY) failed with errno " + Native.getLastError()
                    + "; the benchmarks need a writable /dev/null (run them on a POSIX host, outside a sandbox"
                    + " that hides /dev)");
        }
        return new DevNull(fd);
    }

    /** The descriptor, for {@link dev.callgate.spi.OsBackend#writerTo(long)}. */
    int fd() {
        return fd;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LIBC.close(fd);
        }
    }
}
