package dev.callgate.os.plan9sim;

import java.io.IOException;

/**
 * What a name in the simulated namespace leads to: an in-memory file or a device. Like a Plan 9
 * device's {@code read}/{@code write}, both take an explicit offset; the channel's own offset
 * lives in {@link Chan}. Implementations are thread-safe.
 */
interface FileNode {

    /** Reads up to {@code n} bytes at {@code offset} into {@code buf[0..n)}; 0 at the end. */
    int read(byte[] buf, int n, long offset) throws IOException;

    /** Writes {@code buf[0..n)} at {@code offset}; returns the bytes written. */
    int write(byte[] buf, int n, long offset) throws IOException;

    /** Cuts the file to zero length ({@code OTRUNC}, {@code create}); devices ignore it. */
    void truncate();
}
