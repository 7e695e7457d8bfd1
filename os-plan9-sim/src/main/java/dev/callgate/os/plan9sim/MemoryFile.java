package dev.callgate.os.plan9sim;

import java.util.Arrays;

/**
 * A regular file held in memory. Its lock stands for the lock a Plan 9 file server takes around
 * one write: a write lands whole at its offset, whatever other writers do at the same time.
 */
final class MemoryFile implements FileNode {

    private byte[] data;
    private int length;

    MemoryFile(byte[] initial) {
        this.data = initial.clone();
        this.length = initial.length;
    }

    @Override
    public synchronized int read(byte[] buf, int n, long offset) {
        if (offset >= length) {
            return 0;
        }
        int count = (int) Math.min(n, length - offset);
        System.arraycopy(data, (int) offset, buf, 0, count);
        return count;
    }

    @Override
    public synchronized int write(byte[] buf, int n, long offset) {
        long end = offset + n;
        if (end > Integer.MAX_VALUE - 8) {
            return 0; // beyond what a Java array holds: a file server that is full writes nothing
        }
        if (end > data.length) {
            data = Arrays.copyOf(data, (int) Math.max(end, data.length * 2L));
        }
        System.arraycopy(buf, 0, data, (int) offset, n);
        if (offset > length) {
            Arrays.fill(data, length, (int) offset, (byte) 0); // a write past the end leaves zeros, as on Plan 9
        }
        length = (int) Math.max(length, end);
        return n;
    }

    @Override
    public synchronized void truncate() {
        length = 0;
    }

    synchronized byte[] contents() {
        return Arrays.copyOf(data, length);
    }
}
