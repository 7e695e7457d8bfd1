package dev.callgate;

import com.sun.jna.Pointer;
import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link OsBackend} that records instead of calling the OS: every write lands in an in-memory
 * sink per target, and {@link #abort()} is counted instead of ending the process. Its write can be
 * made to block like {@code write(2)} on a pipe whose reader stopped reading ({@link #stall()}).
 * Tests that use it carry "Recorded" in their class name, so no report mistakes them for a run
 * against a real OS.
 */
public final class RecordingBackend implements OsBackend {

    /** The target of {@link #stderr()}, as on POSIX. */
    public static final long STDERR = 2;

    private final Map<Long, ByteArrayOutputStream> sinks = new ConcurrentHashMap<>();
    private final AtomicInteger aborts = new AtomicInteger();
    private final AtomicInteger writeCalls = new AtomicInteger();
    private volatile CountDownLatch stall; // non-null: every write blocks until it opens
    private final NativeWrite nativeWrite = new RecordingWrite();
    private final DiagnosticWriter stderr = new DiagnosticWriter(nativeWrite, STDERR);

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
        return new DiagnosticWriter(nativeWrite, target);
    }

    /** A made-up id that differs per thread, as the OS's would. */
    @Override
    public long currentNativeThreadId() {
        return 100_000 + Thread.currentThread().getId();
    }

    /** Counts the call; a test process must survive a policy that would abort. */
    @Override
    public void abort() {
        aborts.incrementAndGet();
    }

    /** From now on every write blocks until {@link #release()}. */
    public void stall() {
        stall = new CountDownLatch(1);
    }

    /** Lets blocked and later writes through. */
    public void release() {
        CountDownLatch s = stall;
        stall = null;
        if (s != null) {
            s.countDown();
        }
    }

    /** Native write calls made so far, blocked ones included. */
    public int writeCalls() {
        return writeCalls.get();
    }

    /** How often {@link #abort()} was called. */
    public int abortCalls() {
        return aborts.get();
    }

    /** Everything written to {@code target}, decoded as UTF-8. */
    public String written(long target) {
        ByteArrayOutputStream sink = sinks.get(target);
        if (sink == null) {
            return "";
        }
        synchronized (sink) {
            return sink.toString(StandardCharsets.UTF_8);
        }
    }

    /** The lines written to {@link #STDERR}, without their newlines. */
    public List<String> stderrLines() {
        return written(STDERR).lines().toList();
    }

    /**
     * Copies the bytes from the message's native memory, not its heap copy, so that a line whose
     * native bytes are wrong shows up in the recording.
     */
    private final class RecordingWrite implements NativeWrite {
        @Override
        public long write(long target, NativeMessage message, int offset, int count) {
            writeCalls.incrementAndGet();
            CountDownLatch blocked = stall;
            if (blocked != null) {
                try {
                    blocked.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = new Pointer(message.address()).getByteArray(offset, count);
            ByteArrayOutputStream sink = sinks.computeIfAbsent(target, t -> new ByteArrayOutputStream());
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
}
