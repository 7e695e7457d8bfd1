package dev.callgate.os.plan9sim;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * The default console: the host process's standard error, written through an unbuffered
 * {@link FileOutputStream} on {@link FileDescriptor#err}, not through {@code System.err}, whose
 * {@link java.io.PrintStream} locks, buffers and may have been replaced by the application.
 */
public final class HostStderrConsole implements ConsoleSink {

    // Never closed: a stream built on FileDescriptor.err does not own the descriptor.
    private final FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);

    @Override
    public void write(byte[] buf, int n) throws IOException {
        stderr.write(buf, 0, n);
    }
}
