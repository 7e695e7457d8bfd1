package dev.callgate.spi.contract;

import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a recording fake of a native layer writes into: open descriptors or handles, each keeping
 * every byte written to it. A write copies from a native address and is whole (atomic), like a
 * pipe write of at most {@code PIPE_BUF}, but may take fewer bytes than asked after
 * {@link #limitBytesPerCall(int)}, like a nearly full pipe.
 */
public final class RecordedTargets {

    /** A {@link Sink} over a recorded target, whose bytes are read back without a checked exception. */
    public interface RecordedSink extends Sink {
        @Override
        byte[] drain();
    }

    private final Map<Long, ByteArrayOutputStream> open = new ConcurrentHashMap<>();
    private volatile int maxBytesPerCall = Integer.MAX_VALUE;

    /** Opens {@code target}, empty. */
    public void open(long target) {
        open.put(target, new ByteArrayOutputStream());
    }

    /**
     * Copies up to {@code count} bytes from {@code address} to {@code target}.
     *
     * @return the bytes taken, or -1 when {@code target} is not open
     */
    public int write(long target, long address, long count) {
        ByteArrayOutputStream file = open.get(target);
        if (file == null) {
            return -1;
        }
        int taken = (int) Math.min(count, maxBytesPerCall);
        byte[] bytes = new Pointer(address).getByteArray(0, taken);
        synchronized (file) {
            file.write(bytes, 0, taken);
        }
        return taken;
    }

    /** Makes every later write take at most {@code bytes} bytes. */
    public void limitBytesPerCall(int bytes) {
        maxBytesPerCall = bytes;
    }

    /** Everything written to {@code target} so far; {@code target} must be open. */
    public byte[] written(long target) {
        ByteArrayOutputStream file = open.get(target);
        synchronized (file) {
            return file.toByteArray();
        }
    }

    /** {@code target}, opened now, as a {@link Sink}; closing it closes the target, so later writes fail. */
    public RecordedSink openSink(long target) {
        open(target);
        return new RecordedSink() {
            @Override
            public long target() {
                return target;
            }

            @Override
            public byte[] drain() {
                return written(target);
            }

            @Override
            public void close() {
                open.remove(target);
            }
        };
    }
}
