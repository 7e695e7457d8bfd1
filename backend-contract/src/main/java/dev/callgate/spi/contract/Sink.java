package dev.callgate.spi.contract;

/**
 * Somewhere a backend can write to, and a way to read back every byte that arrived: a pipe with a
 * reader on a real OS, a recorded buffer for a fake native layer.
 */
public interface Sink extends AutoCloseable {

    /** The descriptor or handle value to pass to {@code OsBackend.writerTo}. */
    long target();

    /**
     * Every byte written to {@link #target()} so far, in arrival order. Called after all writers
     * have returned; an implementation over a pipe closes its write end and reads to the end.
     */
    byte[] drain() throws Exception;

    @Override
    void close();
}
