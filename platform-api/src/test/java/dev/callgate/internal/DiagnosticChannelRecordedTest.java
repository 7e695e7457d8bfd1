package dev.callgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.RecordingBackend;
import dev.callgate.spi.NativeMessage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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

    @Test
    void theBoundComesFromThePropertyAndBadValuesSayWhatToDo() {
        assertEquals(TimeUnit.MILLISECONDS.toNanos(DiagnosticChannel.DEFAULT_TIMEOUT_MILLIS),
                DiagnosticChannel.shared().timeoutNanos());
    }
}
