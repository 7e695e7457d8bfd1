package dev.callgate.os.plan9sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A console sink that keeps every byte written to it. */
final class CapturedSink implements Plan9Console.Sink {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @Override
    public synchronized void write(byte[] buf, int n) {
        captured.write(buf, 0, n);
    }

    synchronized byte[] bytes() {
        return captured.toByteArray();
    }

    synchronized String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }
}
