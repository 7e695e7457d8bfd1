package dev.callgate.it.support;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A file opened with libc {@code open(2)}, whose file descriptor a test hands to
 * {@code OsBackend.writerTo(fd)} so callgate's diagnostics land where the test can read them back,
 * through the same native write that reaches fd 2 in production. A file rather than a pipe: a
 * pipe would block the writing callback once 64 KiB were unread.
 */
public final class DiagnosticsFile implements AutoCloseable {

    /**
     * Linux's generic {@code open} flags (x86, x86-64, arm, aarch64, riscv; alpha, mips, parisc and
     * sparc differ): O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC. O_APPEND makes each
     * {@code write} land whole at the end, however many threads write.
     */
    private static final int WRITE_APPEND_FLAGS = 01 | 0100 | 01000 | 02000 | 02000000;

    /** The libc file functions. */
    interface LibCFiles extends Library {
        /**
         * {@code int open(const char *pathname, int flags, mode_t mode)}: opens (and with O_CREAT
         * creates, with permission bits {@code mode}) a file.
         *
         * @return the new file descriptor, or -1 with errno set
         */
        int open(String pathname, int flags, int mode);

        /**
         * {@code int close(int fd)}: releases the file descriptor.
         *
         * @return 0, or -1 with errno set
         */
        int close(int fd);
    }

    private static final LibCFiles LIBC = Native.load(Platform.C_LIBRARY_NAME, LibCFiles.class);

    private final Path path;
    private final int fd;
    private boolean closed;

    private DiagnosticsFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * Creates (or empties) {@code path} and opens it for appending.
     *
     * @throws AssertionError with errno if {@code open} fails
     */
    public static DiagnosticsFile create(Path path) {
        int fd = LIBC.open(path.toString(), WRITE_APPEND_FLAGS, 0600);
        if (fd < 0) {
            throw new AssertionError("open(" + path + ") failed, errno " + Native.getLastError());
        }
        return new DiagnosticsFile(path, fd);
    }

    /** The file descriptor, for {@code OsBackend.writerTo}. */
    public long fd() {
        return fd;
    }

    /** Every line written so far. */
    public List<String> lines() {
        try {
            return Files.readString(path, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read diagnostics back from " + path, e);
        }
    }

    /** Closes the descriptor; the file stays readable. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LIBC.close(fd);
        }
    }
}
