package dev.callgate.spi.contract;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/**
 * A pipe as a contract {@link Sink}, with a reader thread that empties the read end while writers
 * run, so that many lines never fill the pipe buffer and block the writers. A subclass supplies
 * the OS calls: one read, and closing each end; it calls {@link #startReader(String)} last in its
 * constructor, once those calls have what they need.
 */
public abstract class DrainingSink implements Sink {

    /** The buffer each read fills; the size of a typical pipe buffer. */
    protected static final int READ_BUFFER_SIZE = 65536;

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private Thread reader;
    private volatile String readFailure;
    private boolean writeEndClosed;
    private boolean closed;

    /** Subclasses open the pipe, then call {@link #startReader(String)}. */
    protected DrainingSink() {
    }

    /**
     * Reads once from the read end into {@code buffer}.
     *
     * @return the bytes read, or 0 at end of file (every write end closed)
     * @throws ReadFailed when the read fails for another reason than a retryable interruption
     */
    protected abstract int readSome(byte[] buffer) throws ReadFailed;

    /** Closes the write end; called at most once. */
    protected abstract void closeWriteEnd();

    /** Closes the read end; called once, after the reader has stopped or given up. */
    protected abstract void closeReadEnd();

    /** A read from the pipe failed; the message names the call and its error code. */
    protected static final class ReadFailed extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param message the failed call and its error code */
        public ReadFailed(String message) {
            super(message);
        }
    }

    /** Starts the daemon thread that reads until end of file. */
    protected final void startReader(String threadName) {
        reader = new Thread(this::readToEnd, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    /** Closes the write end, so the reader sees end of file, and returns all it read. */
    @Override
    public final synchronized byte[] drain() throws Exception {
        closeWriteEndOnce();
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
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeWriteEndOnce();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the flag; the read end is closed regardless
        }
        closeReadEnd();
    }

    private void closeWriteEndOnce() {
        if (!writeEndClosed) {
            writeEndClosed = true;
            closeWriteEnd();
        }
    }

    private void readToEnd() {
        byte[] buffer = new byte[READ_BUFFER_SIZE];
        try {
            int n;
            while ((n = readSome(buffer)) > 0) {
                synchronized (received) {
                    received.write(buffer, 0, n);
                }
            }
        } catch (ReadFailed e) {
            readFailure = e.getMessage();
        }
    }
}
