package dev.callgate.internal;

import com.sun.jna.Pointer;
import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link OsBackend} that records lines instead of writing them, and whose write can be made to
 * block like {@code write(2)} on a pipe whose reader stopped reading, until released. Abort is
 * counted, not done. Tests that use it say "Recorded" in their name.
 */
final class StallableBackend implements OsBackend {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicInteger aborts = new AtomicInteger();
    private final AtomicInteger writeCalls = new AtomicInteger();
    private volatile CountDownLatch stall; // non-null: every write blocks until it opens
    private final DiagnosticWriter stderr = new DiagnosticWriter(new StallableWrite(), 2);

    /** From now on every write blocks until {@link #release()}. */
    void stall() {
        stall = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch s = stall;
        stall = null;
        if (s != null) {
            s.countDown();
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    int aborts() {
        return aborts.get();
    }

    int writeCalls() {
        return writeCalls.get();
    }

    @Override
    public String id() {
        return "recorded";
    }

    @Override
    public DiagnosticWriter stderr() {
        return stderr;
    }

    @Override
    public DiagnosticWriter writerTo(long target) {
        return stderr;
    }

    @Override
    public long currentNativeThreadId() {
        return 500_000 + Thread.currentThread().getId();
    }

    @Override
    public void abort() {
        aborts.incrementAndGet();
    }

    private final class StallableWrite implements NativeWrite {
        @Override
        public long write(long target, NativeMessage message, int offset, int count) {
            writeCalls.incrementAndGet();
            CountDownLatch s = stall;
            if (s != null) {
                try {
                    s.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = new Pointer(message.address()).getByteArray(offset, count);
            lines.add(new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8));
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
}
