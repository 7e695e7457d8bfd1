package dev.callgate.spi.contract;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.callgate.spi.PosixNativeWrite;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/**
 * A real POSIX {@code pipe(2)} as a contract {@link Sink}, for the real contract runs on Linux,
 * macOS and FreeBSD. A reader thread empties the read end while writers run, so that many lines
 * never fill the kernel's pipe buffer and block the writers.
 */
public final class PosixPipeSink implements Sink {

    /** Loaded on first use, so a class path scan on Windows never binds a C library. */
    private static final class Lib {
        static final PosixTestLibC C = PosixTestLibC.load();
    }

    private final int readFd;
    private final int writeFd;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread reader;
    private volatile String readFailure;
    private boolean writeEndClosed;
    private boolean closed;

    private PosixPipeSink(int[] fds) {
        this.readFd = fds[0];
        this.writeFd = fds[1];
        this.reader = new Thread(this::readToEnd, "posix-pipe-sink-reader-" + readFd);
        reader.setDaemon(true);
        reader.start();
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

    /** Closes the write end, so the reader sees end of file, and returns all it read. */
    @Override
    public synchronized byte[] drain() throws Exception {
        closeWriteEnd();
        reader.join(TimeUnit.SECONDS.toMillis(30));
        if (reader.isAlive()) {
            throw new AssertionError("the pipe reader saw no end of file within 30 s");
        }
        if (readFailure != null) {
            throw new AssertionError(readFailure);
        }
        synchronized (received) {
            return received.toByteArray();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeWriteEnd();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the flag; the read end is closed regardless
        }
        Lib.C.close(readFd);
    }

    private void closeWriteEnd() {
        if (!writeEndClosed) {
            writeEndClosed = true;
            Lib.C.close(writeFd);
        }
    }

    private void readToEnd() {
        byte[] buffer = new byte[65536];
        NativeLong capacity = new NativeLong(buffer.length);
        while (true) {
            long n = Lib.C.read(readFd, buffer, capacity).longValue();
            if (n > 0) {
                synchronized (received) {
                    received.write(buffer, 0, (int) n);
                }
            } else if (n == 0) {
                return; // every write end is closed
            } else {
                int errno = Native.getLastError();
                if (errno != PosixNativeWrite.EINTR) {
                    readFailure = "read(2) on the pipe failed, errno " + errno;
                    return;
                }
            }
        }
    }
}
