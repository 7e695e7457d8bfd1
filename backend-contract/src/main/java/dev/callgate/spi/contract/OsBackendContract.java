package dev.callgate.spi.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.AbstractOsBackend;
import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import dev.callgate.spi.NativeWrite;
import dev.callgate.spi.OsBackend;
import dev.callgate.spi.OsBackendProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link OsBackend} passes. An OS module extends this class once: for real on
 * the OS it serves, or, elsewhere, over a recording fake of its native layer, in which case the
 * test class name contains {@code Recorded} so that no report mistakes it for a real run.
 */
public abstract class OsBackendContract {

    /** The provider under test. */
    protected abstract OsBackendProvider provider();

    /** The backend under test: created by {@link #provider()}, or over a recording fake. */
    protected abstract AbstractOsBackend backend();

    /** The backend's native write, which the kit chops into partial and interrupted calls. */
    private NativeWrite nativeWrite() {
        return backend().nativeWrite();
    }

    /** A fresh place to write to and read back from. */
    protected abstract Sink openSink() throws Exception;

    /** A descriptor or handle that is not open, so that a write to it fails. */
    protected abstract long badTarget();

    /** The id the provider must report. */
    protected abstract String expectedId();

    /** Real {@code os.name} values the provider must serve. */
    protected abstract List<String> servedOsNames();

    /** Real {@code os.name} values the provider must reject. */
    protected abstract List<String> rejectedOsNames();

    /**
     * The error code the native layer reports for a call interrupted by a signal ({@code EINTR}),
     * or empty where writes are not interrupted (Windows).
     */
    protected abstract OptionalInt interruptedError();

    /** The {@code os.arch} used when asking the provider about {@link #servedOsNames()}. */
    protected String osArch() {
        return "amd64";
    }

    @Test
    void writesTheExactBytesOfALine() throws Exception {
        NativeMessage message = NativeMessage.encode("callgate: contract line \u00e9\u4e2d 0123456789");
        try (Sink sink = openSink()) {
            DiagnosticWriter writer = backend().writerTo(sink.target());
            assertTrue(writer.write(message), "write reported failure, last error " + writer.lastFailure());
            assertArrayEquals(message.sharedBytes(), sink.drain());
        }
    }

    @Test
    void completesPartialWrites() throws Exception {
        NativeMessage message = NativeMessage.encode("a line long enough to arrive in several partial writes of 7 bytes");
        AtomicInteger calls = new AtomicInteger();
        NativeWrite chopped = new Chopped(nativeWrite(), 7, 0, 0, calls);
        try (Sink sink = openSink()) {
            DiagnosticWriter writer = new DiagnosticWriter(chopped, sink.target());
            assertTrue(writer.write(message));
            assertArrayEquals(message.sharedBytes(), sink.drain());
            assertEquals((message.length() + 6) / 7, calls.get(), "one native call per 7-byte piece");
        }
    }

    @Test
    void retriesAnInterruptedWrite() throws Exception {
        OptionalInt eintr = interruptedError();
        Assumptions.assumeTrue(eintr.isPresent(), "this OS's write is not interrupted by signals");
        assertTrue(nativeWrite().isInterrupted(eintr.getAsInt()));
        NativeMessage message = NativeMessage.encode("callgate: written after two interruptions");
        AtomicInteger calls = new AtomicInteger();
        NativeWrite interrupted = new Chopped(nativeWrite(), Integer.MAX_VALUE, 2, eintr.getAsInt(), calls);
        try (Sink sink = openSink()) {
            DiagnosticWriter writer = new DiagnosticWriter(interrupted, sink.target());
            assertTrue(writer.write(message));
            assertArrayEquals(message.sharedBytes(), sink.drain());
            assertEquals(3, calls.get(), "two interrupted calls, then one that wrote the line");
        }
    }

    @Test
    void reportsAWriteToABadTargetInsteadOfThrowing() {
        DiagnosticWriter writer = backend().writerTo(badTarget());
        assertFalse(writer.write(NativeMessage.encode("callgate: nobody reads this")));
        assertFalse(writer.write(NativeMessage.encode("callgate: nor this")));
        assertNotEquals(0, writer.lastFailure(), "the OS error code is kept");
    }

    @Test
    void eightThreadsNeverInterleaveWithinALine() throws Exception {
        int threads = 8;
        int linesEach = 200;
        List<NativeMessage> messages = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            String text = "callgate: thread " + t + " says " + "xyz".repeat(20 + t * 7);
            messages.add(NativeMessage.encode(text));
            expected.add(text);
        }
        try (Sink sink = openSink()) {
            DiagnosticWriter writer = backend().writerTo(sink.target());
            CountDownLatch start = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                NativeMessage mine = messages.get(t);
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < linesEach; i++) {
                            if (!writer.write(mine)) {
                                throw new AssertionError("write failed: " + writer.lastFailure());
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "contract-writer-" + t);
                workers.add(worker);
                worker.start();
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            String all = new String(sink.drain(), StandardCharsets.UTF_8);
            String[] lines = all.split("\n", -1);
            assertEquals(threads * linesEach + 1, lines.length, "every line arrived, each ending in a newline");
            assertEquals("", lines[lines.length - 1]);
            for (int i = 0; i < lines.length - 1; i++) {
                assertTrue(expected.contains(lines[i]), "line " + i + " is interleaved or torn: " + lines[i]);
            }
        }
    }

    @Test
    void nativeThreadIdIsStableWithinAThreadAndDiffersBetweenThreads() throws Exception {
        OsBackend backend = backend();
        long here = backend.currentNativeThreadId();
        assertEquals(here, backend.currentNativeThreadId());
        assertTrue(here != 0 && here != -1, "a real thread id, got " + here);
        AtomicLong there = new AtomicLong();
        AtomicLong thereAgain = new AtomicLong();
        Thread other = new Thread(() -> {
            there.set(backend.currentNativeThreadId());
            thereAgain.set(backend.currentNativeThreadId());
        });
        other.start();
        other.join();
        assertEquals(there.get(), thereAgain.get());
        assertNotEquals(here, there.get());
    }

    @Test
    void providerReportsItsIdAndTheOsNamesItServes() {
        OsBackendProvider provider = provider();
        assertEquals(expectedId(), provider.id());
        assertEquals(expectedId(), backend().id());
        assertTrue(provider.artifact().startsWith("dev.callgate:callgate-os-"), provider.artifact());
        for (String name : servedOsNames()) {
            assertTrue(provider.match(name, osArch()).serves(), expectedId() + " must serve os.name " + name);
        }
        for (String name : rejectedOsNames()) {
            var match = provider.match(name, osArch());
            assertFalse(match.serves(), expectedId() + " must reject os.name " + name);
            assertFalse(match.reason().isBlank(), "a rejection says why");
        }
    }

    /** The backend's native write, cut into pieces of at most {@code piece} bytes, after some interruptions. */
    private static final class Chopped implements NativeWrite {
        private final NativeWrite real;
        private final int piece;
        private final int errorCode;
        private final AtomicInteger interruptionsLeft;
        private final AtomicInteger calls;
        private final ThreadLocal<Integer> injected = new ThreadLocal<>();

        Chopped(NativeWrite real, int piece, int interruptions, int errorCode, AtomicInteger calls) {
            this.real = real;
            this.piece = piece;
            this.errorCode = errorCode;
            this.interruptionsLeft = new AtomicInteger(interruptions);
            this.calls = calls;
        }

        @Override
        public long write(long target, NativeMessage message, int offset, int count) {
            calls.incrementAndGet();
            if (interruptionsLeft.getAndDecrement() > 0) {
                injected.set(errorCode);
                return -1;
            }
            injected.remove();
            return real.write(target, message, offset, Math.min(piece, count));
        }

        @Override
        public int lastError() {
            Integer code = injected.get();
            return code != null ? code : real.lastError();
        }

        @Override
        public boolean isInterrupted(int error) {
            return real.isInterrupted(error);
        }
    }
}
