package dev.callgate.spi;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One diagnostic line, encoded once as UTF-8 into native memory so that writing it later needs
 * no allocation, no encoding and no Java lock.
 *
 * <p>A line is at most {@value #MAX_BYTES} bytes including its final newline: POSIX guarantees
 * that a write of at most {@code PIPE_BUF} (512 bytes or more on every supported OS) bytes to a
 * pipe is atomic, so lines written by many threads at once never interleave. Longer text is cut
 * at a character boundary and ends in {@code "..."}. The message keeps a heap copy of its bytes
 * as well, for backends whose native write takes a Java array (Windows' {@code WriteFile} in JNA
 * Platform, the simulated Plan 9 kernel).
 *
 * <p>The native memory is freed when the message becomes unreachable (JNA's {@link Memory}
 * cleaner). Instances are immutable and safe to share between threads.
 *
 * @since 1.0
 */
public final class NativeMessage {

    /** The longest line, newline included, that is written in one piece. */
    public static final int MAX_BYTES = 512;

    private static final byte[] ELLIPSIS = "...\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    private final Memory memory;

    private NativeMessage(byte[] bytes) {
        this.bytes = bytes;
        this.memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
    }

    /**
     * Encodes {@code text} as one line: a newline is added when missing, inner line breaks are
     * replaced by spaces, and text beyond {@value #MAX_BYTES} bytes is cut.
     *
     * @throws IllegalArgumentException if {@code text} is empty
     */
    public static NativeMessage encode(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a diagnostic needs text; got " + (text == null ? "null" : "an empty string"));
        }
        String line = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        line = line.replace('\n', ' ').replace('\r', ' ');
        byte[] body = line.getBytes(StandardCharsets.UTF_8);
        if (body.length + 1 <= MAX_BYTES) {
            byte[] out = Arrays.copyOf(body, body.length + 1);
            out[body.length] = '\n';
            return new NativeMessage(out);
        }
        int keep = MAX_BYTES - ELLIPSIS.length;
        while (keep > 0 && (body[keep] & 0xC0) == 0x80) {
            keep--; // never cut inside a UTF-8 sequence
        }
        byte[] out = Arrays.copyOf(body, keep + ELLIPSIS.length);
        System.arraycopy(ELLIPSIS, 0, out, keep, ELLIPSIS.length);
        return new NativeMessage(out);
    }

    /** Number of bytes, the final newline included. */
    public int length() {
        return bytes.length;
    }

    /** The native address of the first byte, for mappings that take a pointer-sized integer. */
    public long address() {
        return Pointer.nativeValue(memory);
    }

    /**
     * The heap copy of the bytes, shared, not copied: callers must not modify it. Meant for
     * native writes that take a Java array.
     */
    public byte[] sharedBytes() {
        return bytes;
    }

    /** The line as text, without its newline. */
    @Override
    public String toString() {
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
    }
}
