package dev.callgate.spi.contract;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.callgate.spi.PosixNativeWrite;

/**
 * A real POSIX {@code pipe(2)} as a contract {@link Sink}, for the real contract runs on Linux,
 * macOS and FreeBSD, drained by {@code read(2)} on a reader thread.
 */
public final class PosixPipeSink extends DrainingSink {

    /** Loaded on first use, so a class path scan on Windows never binds a C library. */
    private static final class Lib {
        static final PosixTestLibC C = PosixTestLibC.load();
    }

    private final int readFd;
    private final int writeFd;

    private PosixPipeSink(int[] fds) {
        this.readFd = fds[0];
        this.writeFd = fds[1];
        startReader("posix-pipe-sink-reader-" + readFd);
    }

    /** Opens a fresh pipe with its reader running. */
    public static PosixPipeSink open() {
        return new PosixPipeSink(openPipe());
    }

    /**
     * A descriptor number that was opened and then closed, for {@code badTarget()}. It is moved to
     * {@code floor} or above first: the kernel hands out the lowest free number, so another thread
     * of this JVM opening a file will not reuse it while the test writes to it.
     */
    public static int closedDescriptor(int floor) {
        int[] fds = openPipe();
        int high = Lib.C.fcntl(fds[1], PosixTestLibC.F_DUPFD, floor);
        int errno = Native.getLastError();
        Lib.C.close(fds[0]);
        Lib.C.close(fds[1]);
        if (high < 0) {
            throw new IllegalStateException("fcntl(F_DUPFD, " + floor + ") failed, errno " + errno
                    + "; raise the open-files limit (ulimit -n) above " + floor);
        }
        if (Lib.C.close(high) != 0) {
            throw new IllegalStateException("close(" + high + ") failed, errno " + Native.getLastError());
        }
        return high;
    }

    private static int[] openPipe() {
        int[] fds = new int[2];
        if (Lib.C.pipe(fds) != 0) {
            throw new IllegalStateException("pipe(2) failed, errno " + Native.getLastError()
                    + "; if it is EMFILE, raise the open-files limit (ulimit -n)");
        }
        return fds;
    }

    @Override
    public long target() {
        return writeFd;
    }

    /** {@code read(2)}, retried while a signal interrupts it. */
    @Override
    protected int readSome(byte[] buffer) throws ReadFailed {
        while (true) {
            long n = Lib.C.read(readFd, buffer, new NativeLong(buffer.length)).longValue();
            if (n >= 0) {
                return (int) n;
            }
            int errno = Native.getLastError();
            if (errno != PosixNativeWrite.EINTR) {
                throw new ReadFailed("read(2) on the pipe failed, errno " + errno);
            }
        }
    }

    @Override
    protected void closeWriteEnd() {
        Lib.C.close(writeFd);
    }

    @Override
    protected void closeReadEnd() {
        Lib.C.close(readFd);
    }
}
