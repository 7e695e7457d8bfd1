package dev.callgate.os.plan9sim;

import java.io.IOException;

/**
 * The simulated {@code /dev/cons}. Writes go to the current {@link ConsoleSink}, ignoring the
 * offset as a stream device does; reads return end of file, since the simulator has no keyboard.
 *
 * <p>The lock stands for the Plan 9 kernel's console lock ({@code putstrn} under {@code
 * consolelock}): it is part of the simulated kernel, not of callgate's diagnostic path, and it
 * is what keeps lines written by many threads at once from interleaving on the console.
 */
final class ConsoleDevice implements FileNode {

    private final Object consoleLock = new Object();
    private volatile ConsoleSink sink;

    ConsoleDevice(ConsoleSink sink) {
        this.sink = sink;
    }

    void setSink(ConsoleSink sink) {
        this.sink = sink;
    }

    ConsoleSink sink() {
        return sink;
    }

    @Override
    public int read(byte[] buf, int n, long offset) {
        return 0;
    }

    @Override
    public int write(byte[] buf, int n, long offset) throws IOException {
        synchronized (consoleLock) {
            sink.write(buf, n);
        }
        return n;
    }

    @Override
    public void truncate() {
        // a console has no length to cut
    }
}
