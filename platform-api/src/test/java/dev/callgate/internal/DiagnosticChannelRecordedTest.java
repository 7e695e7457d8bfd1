package dev.callgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.RecordingBackend;
import dev.callgate.spi.NativeMessage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bound on how long a callback thread waits for its diagnostic, against a recorded write that
 * blocks like {@code write(2)} to a pipe whose reader stopped reading.
 */
class DiagnosticChannelRecordedTest {

    private static final long BOUND = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * What a loaded machine may add to a bounded wait before the thread runs again. The stalled
     * write never returns while the test holds it, so any finite wait shows the bound at work.
     */
    private static final long SCHEDULING_MARGIN = TimeUnit.SECONDS.toNanos(1);

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
            assertTrue(waited < BOUND + SCHEDULING_MARGIN,
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

        // The channel writes again once the write returns. A loaded machine may not run the writer
        // thread within the bound, so the line is offered until it is written: a dropped offer is
        // never written, which the list of lines checks too.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (channel.write(os.stderr(), NativeMessage.encode("callgate: after")) != DiagnosticChannel.Outcome.WRITTEN) {
            assertTrue(System.nanoTime() < deadline, "the channel wrote nothing for 30 s after the write returned");
        }
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
     * with 8 threads on a 2-core machine it dropped most lines at once. A stress run: 160,000 lines
     * take a minute on a loaded 2-core machine, so it runs with -Pstress.
     */
    @Test
    @Tag("stress")
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

    /**
     * More callers than slots while the writer thread is held, but for less than the bound. The
     * bound is the largest the property allows, so that the writer is held for less of it however
     * slowly a loaded machine starts 300 threads; what is asserted is the promise, not a speed.
     */
    @Test
    void callersBeyondTheRingWaitForASlotWithinTheBound() throws InterruptedException {
        long bound = TimeUnit.SECONDS.toNanos(60);
        DiagnosticChannel patient = new DiagnosticChannel(bound);
        os.stall();
        long held = System.nanoTime();
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
        held = System.nanoTime() - held;
        for (Thread caller : callers) {
            caller.join();
        }
        assertTrue(held < bound, "the test's premise: the writer was held for less than the bound");
        assertEquals(0, dropped.sum(), "a full ring behind a writer held for less than the bound drops nothing");
        assertEquals(300, os.stderrLines().size());
    }

    /**
     * Callers waiting behind a stalled writer thread sleep until the bound (or the writer's
     * unpark) instead of polling: hundreds of them polling each millisecond starved a loaded
     * 2-core machine, so that it took 10 s to start 300 threads and lines were dropped that
     * nothing stopped. The CPU time the waiting callers burn is counted, not the wall time.
     */
    @Test
    void callersWaitingForAStalledWriterBurnNoCpu() throws InterruptedException {
        DiagnosticChannel patient = new DiagnosticChannel(TimeUnit.MILLISECONDS.toNanos(1_500));
        os.stall();
        int callerCount = 300; // 256 wait for their line, 44 for a slot
        CountDownLatch done = new CountDownLatch(callerCount);
        LongAdder cpuNanos = new LongAdder();
        LongAdder outcomes = new LongAdder();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < callerCount; i++) {
            NativeMessage line = NativeMessage.encode("callgate: waiting " + i);
            started(() -> {
                long before = threads.getCurrentThreadCpuTime();
                patient.write(os.stderr(), line);
                cpuNanos.add(threads.getCurrentThreadCpuTime() - before);
                outcomes.increment();
                done.countDown();
            });
        }
        assertTrue(done.await(60, TimeUnit.SECONDS), "every caller returned");
        os.release();
        assertEquals(callerCount, outcomes.sum());
        // Measured on 2 cores: polling each millisecond (each 50 µs for a full ring) cost these callers
        // 2.9 s of CPU; sleeping until the bound costs 0.1-0.2 s, with two busy loops competing too.
        long millis = TimeUnit.NANOSECONDS.toMillis(cpuNanos.sum());
        assertTrue(millis < 800, callerCount + " callers waiting 1.5 s for a stalled writer used " + millis + " ms of CPU");
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
