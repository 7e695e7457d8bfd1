package dev.callgate.ffm.jna;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import dev.callgate.GatedCallback;
import dev.callgate.internal.GateSpec;
import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.NativeWrite;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A diagnostic writer that keeps what the gate writes, copied from the line's native memory, so a
 * test reads one callback's lines exactly (the real standard error is shared by every test).
 */
final class RecordedLines implements NativeWrite {

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final DiagnosticWriter writer = new DiagnosticWriter(this, 2);

    /** Builds {@code builder}'s callback with its diagnostics written here. */
    <T extends Callback> GatedCallback<T> build(GatedCallback.Builder<T> builder) {
        return GateSpec.diagnosticsTo(writer, builder::build);
    }

    /** The lines written so far, without their newlines. */
    List<String> lines() {
        synchronized (sink) {
            return sink.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Override
    public long write(long target, NativeMessage message, int offset, int count) {
        byte[] bytes = new Pointer(message.address()).getByteArray(offset, count);
        synchronized (sink) {
            sink.write(bytes, 0, bytes.length);
        }
        return count;
    }

    @Override
    public int lastError() {
        return 0;
    }

    @Override
    public boolean isInterrupted(int error) {
        return false;
    }
}
