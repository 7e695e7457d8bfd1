package dev.callgate.os.plan9sim;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * The simulated {@code /dev/cons}: every write goes whole, in one call, to its {@link Sink}, by
 * default the host's standard error through an unbuffered {@link FileOutputStream} on
 * {@link FileDescriptor#err} (not {@code System.err}, whose {@code PrintStream} locks, buffers and
 * may have been replaced). Its lock stands for the Plan 9 kernel's console lock: it keeps writes
 * from many threads whole, and is part of the simulated kernel, not of callgate's write path.
 *
 * <p>Test seam: {@link #stall()} makes the console block every write until {@link #release()},
 * as a console whose reader stopped reading does, so that a bound on how long a callback waits for
 * a diagnostic can be tested against it.
 */
final class Plan9Console {

    /** Where the console's bytes go; called under the console lock, one call per write. */
    @FunctionalInterface
    interface Sink {
        /** Takes {@code buf[0..n)} whole; an exception fails the write with "i/o error". */
        void write(byte[] buf, int n) throws IOException;
    }

    private final Object consoleLock = new Object();
    private final Object stallLock = new Object();
    private volatile Sink sink;
    private boolean stalled; // guarded by stallLock
    private int blockedWriters; // guarded by stallLock

    Plan9Console(Sink sink) {
        this.sink = sink;
    }

    /** A console on the host's standard error. */
    static Plan9Console onHostStderr() {
        FileOutputStream stderr = new FileOutputStream(FileDescriptor.err); // never closed: fd 2 is not ours
        return new Plan9Console((buf, n) -> stderr.write(buf, 0, n));
    }

    /** Sends every later write to {@code sink}. */
    void setSink(Sink sink) {
        this.sink = sink;
    }

    /** Blocks every later write, from entry, until {@link #release()}. */
    void stall() {
        synchronized (stallLock) {
            stalled = true;
        }
    }

    /** Lets blocked and later writes through. */
    void release() {
        synchronized (stallLock) {
            stalled = false;
            stallLock.notifyAll();
        }
    }

    /** How many writes are blocked by {@link #stall()} right now. */
    int blockedWriters() {
        synchronized (stallLock) {
            return blockedWriters;
        }
    }

    /** Writes {@code buf[0..n)} whole, after any stall. */
    void write(byte[] buf, int n) throws IOException {
        awaitRelease();
        synchronized (consoleLock) {
            sink.write(buf, n);
        }
    }

    private void awaitRelease() throws IOException {
        synchronized (stallLock) {
            if (!stalled) {
                return;
            }
            blockedWriters++;
            try {
                while (stalled) {
                    stallLock.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                blockedWriters--;
            }
        }
    }
}
