package dev.callgate.os.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.callgate.spi.contract.Sink;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/**
 * A real pipe(2) as a contract {@link Sink}. A reader thread empties the read end while writers
 * run, so that many lines never fill the kernel's 64 KiB pipe buffer and block the writers.
 */
final class PipeSink implements Sink {

    private final int readFd;
    private final int writeFd;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread reader;
    private volatile String readFailure;
    private boolean writeEndClosed;
    private boolean closed;

    private PipeSink(int[] fds) {
        this.readFd = fds[0];
        this.writeFd = fds[1];
        this.reader = new Thread(this::readToEnd, "pipe-sink-reader-" + readFd);
        reader.setDaemon(true);
        reader.start();
    }

    static PipeSink open() {
        return new PipeSink(TestLibC.openPipe());
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
        TestLibC.close(readFd);
    }

    private void closeWriteEnd() {
        if (!writeEndClosed) {
            writeEndClosed = true;
            TestLibC.close(writeFd);
        }
    }

    private void readToEnd() {
        byte[] buffer = new byte[65536];
        while (true) {
            long n = TestLibC.read(readFd, buffer, new NativeLong(buffer.length)).longValue();
            if (n > 0) {
                synchronized (received) {
                    received.write(buffer, 0, (int) n);
                }
            } else if (n == 0) {
                return; // every write end is closed
            } else {
                int errno = Native.getLastError();
                if (errno != TestLibC.EINTR) {
                    readFailure = "read(2) on the pipe failed, errno " + errno;
                    return;
                }
            }
        }
    }
}
