package dev.callgate.os.plan9sim;

import java.io.IOException;

/**
 * Where the simulated {@code /dev/cons} sends what is written to it: the host's stderr
 * ({@link HostStderrConsole}, the default) or a buffer ({@link CapturedConsole}, for tests and
 * demos). Swap it with {@link Plan9Kernel#setConsole(ConsoleSink)}.
 *
 * <p>The kernel calls {@link #write} under its console lock, one call per {@code pwrite}, so an
 * implementation sees whole writes in order and needs no lock of its own.
 */
@FunctionalInterface
public interface ConsoleSink {

    /**
     * Takes {@code buf[0..n)} whole. Runs on the diagnostic path: should not allocate.
     *
     * @throws IOException if the bytes could not be delivered; the {@code pwrite} then fails with
     *     "i/o error"
     */
    void write(byte[] buf, int n) throws IOException;
}
