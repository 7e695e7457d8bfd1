package dev.callgate.os.plan9sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A console that keeps every byte written to it, for tests and demos. */
public final class CapturedConsole implements ConsoleSink {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @Override
    public synchronized void write(byte[] buf, int n) {
        captured.write(buf, 0, n);
    }

    /** Every byte written so far, in order. */
    public synchronized byte[] bytes() {
        return captured.toByteArray();
    }

    /** Every byte written so far, decoded as UTF-8. */
    public synchronized String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }
}
