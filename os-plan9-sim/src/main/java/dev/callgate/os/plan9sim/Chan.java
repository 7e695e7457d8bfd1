package dev.callgate.os.plan9sim;

import java.io.IOException;

/**
 * An open file: what a descriptor refers to, as Plan 9's {@code Chan}. It holds the file, the
 * access it was opened with, and the current offset that {@code pread}/{@code pwrite} at offset
 * -1 use and advance. Descriptors made by {@code dup} or by opening {@code /fd/N} share one
 * {@code Chan}, and so its offset.
 *
 * <p>Its lock stands for the {@code Lock} in Plan 9's {@code Chan}: a simulated kernel lock.
 */
final class Chan {

    final FileNode node;
    final int access;
    private long offset;

    Chan(FileNode node, int access) {
        this.node = node;
        this.access = access;
    }

    /**
     * Takes {@code n} bytes of the offset for a write, as Plan 9's {@code write()} does before it
     * calls the device: concurrent writers get disjoint ranges of the file.
     *
     * @return the offset at which the caller writes
     */
    synchronized long reserve(int n) {
        long at = offset;
        offset += n;
        return at;
    }

    /** Gives back what a short write did not use. */
    synchronized void giveBack(int n) {
        offset -= n;
    }

    synchronized long offset() {
        return offset;
    }

    /** Runs a read at the current offset and advances it by what was read, as one step. */
    synchronized int readAtOffset(byte[] buf, int n) throws IOException {
        int got = node.read(buf, n, offset);
        offset += got;
        return got;
    }
}
