package dev.callgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.RecordingBackend;
import dev.callgate.spi.NativeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on how long a callback thread waits for its diagnostic, against a recorded write that
 * blocks like {@code write(2)} to a pipe whose reader stopped reading.
 */
class DiagnosticChannelRecordedTest {

    private static final long BOUND = TimeUnit.MILLISECONDS.toNanos(20);

    private final RecordingBackend os = new RecordingBackend();
    private final DiagnosticChannel channel = new DiagnosticChannel(BOUND);

    @AfterEach
    void release() {
        os.release();
    }

    @Test
    void aLineIsWrittenWholeAndReportedWritten() {
        assertEquals(DiagnosticChannel.Outcome.WRITTEN, channel.write(os.stderr(), NativeMessage.encode("callgate: one")));
        assertEquals(java.util.List.of("callgate: one"), os.stderrLines());
    }

    @Test
    void aStalledWriteHoldsTheCallerNoLongerThanTheBound() {
        os.stall();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            DiagnosticChannel.Outcome outcome = channel.write(os.stderr(), NativeMessage.encode("callgate: line " + i));
            long waited = System.nanoTime() - started;

            assertEquals(DiagnosticChannel.Outcome.DROPPED, outcome);
            assertTrue(waited < BOUND + TimeUnit.MILLISECONDS.toNanos(200),
                    "waited " + TimeUnit.NANOSECONDS.toMillis(waited) + " ms for a stalled write");
        }
        assertEquals(1, os.writeCalls(), "only the first line reached the blocked write; the others never started");
    }

    @Test
    void linesNotStartedInTimeAreNeverWrittenAndTheOneUnderWayIsWrittenWhole() throws Exception {
        os.stall();
        channel.write(os.stderr(), NativeMessage.encode("callgate: under way"));
        channel.write(os.stderr(), NativeMessage.encode("callgate: given up"));
        os.release();

        assertEquals(DiagnosticChannel.Outcome.WRITTEN, channel.write(os.stderr(), NativeMessage.encode("callgate: after")));
        assertEquals(java.util.List.of("callgate: under way", "callgate: after"), os.stderrLines());
    }

    @Test
    void whenTheRingIsFullLinesAreDroppedAtOnce() {
        os.stall();
        long started = System.nanoTime();
        int dropped = 0;
        for (int i = 0; i < 600; i++) { // more than the ring holds: a writer stuck for good
            if (channel.write(os.stderr(), NativeMessage.encode("callgate: flood " + i), 0)
                    == DiagnosticChannel.Outcome.DROPPED) {
                dropped++;
            }
        }
        assertEquals(600, dropped);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos());
    }

    /**
     * A caller frees its slot only once it has read its outcome, so a caller the scheduler has not
     * run yet holds a slot while the others go round the ring. That full ring is no stuck writer:
     * with 8 threads on a 2-core machine it dropped most lines at once.
     */
    @Test
    void manyCallersOnFewCoresLoseNoLineWhileTheWriterKeepsUp() throws InterruptedException {
        DiagnosticChannel patient = new DiagnosticChannel(TimeUnit.SECONDS.toNanos(10));
        NativeMessage line = NativeMessage.encode("callgate: busy");
        LongAdder[] outcomes = {new LongAdder(), new LongAdder(), new LongAdder()};
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(started(() -> {
                for (int k = 0; k < 20_000; k++) {
                    outcomes[patient.write(os.stderr(), line).ordinal()].increment();
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertEquals(0, outcomes[DiagnosticChannel.Outcome.DROPPED.ordinal()].sum(), "dropped");
        assertEquals(160_000, outcomes[DiagnosticChannel.Outcome.WRITTEN.ordinal()].sum(), "written");
    }

    /** More callers than slots while the writer thread is held, but for less than the bound. */
    @Test
    void callersBeyondTheRingWaitForASlotWithinTheBound() throws InterruptedException {
        DiagnosticChannel patient = new DiagnosticChannel(TimeUnit.SECONDS.toNanos(10));
        os.stall();
        CountDownLatch calling = new CountDownLatch(300);
        LongAdder dropped = new LongAdder();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            NativeMessage line = NativeMessage.encode("callgate: caller " + i);
            callers.add(started(() -> {
                calling.countDown();
                if (patient.write(os.stderr(), line) == DiagnosticChannel.Outcome.DROPPED) {
                    dropped.increment();
                }
            }));
        }
        calling.await();
        Thread.sleep(300); // every caller is in write(): the first 256 hold slots, the rest wait
        os.release();
        for (Thread caller : callers) {
            caller.join();
        }
        assertEquals(0, dropped.sum(), "a full ring behind a writer held for less than the bound drops nothing");
        assertEquals(300, os.stderrLines().size());
    }

    private static Thread started(Runnable body) {
        Thread thread = new Thread(body, "diagnostic-caller");
        thread.start();
        return thread;
    }

    @Test
    void theBoundComesFromThePropertyAndBadValuesSayWhatToDo() {
        assertEquals(TimeUnit.MILLISECONDS.toNanos(DiagnosticChannel.DEFAULT_TIMEOUT_MILLIS),
                DiagnosticChannel.shared().timeoutNanos());
    }
}
