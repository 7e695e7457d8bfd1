package dev.callgate.os.plan9sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** /dev/cons: where it writes, swapping the sink, failures, and whole writes from many threads. */
class ConsoleTest {

    private final CapturedConsole console = new CapturedConsole();
    private final Plan9Kernel kernel = Plan9Kernel.boot(console);
    private final Plan9Process process = kernel.spawn("test");

    @Test
    void bootingOnHostStderrUsesTheHostConsole() {
        assertTrue(Plan9Kernel.bootOnHostStderr().console() instanceof HostStderrConsole);
    }

    @Test
    void swappingTheSinkSendsLaterWritesElsewhere() {
        process.pwrite(2, Bytes.of("one\n"), 4, -1);
        CapturedConsole second = new CapturedConsole();
        kernel.setConsole(second);
        process.pwrite(2, Bytes.of("two\n"), 4, -1);
        assertEquals("one\n", console.text());
        assertEquals("two\n", second.text());
        assertEquals(second, kernel.console());
    }

    @Test
    void aNullSinkIsRefusedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kernel.setConsole(null));
        assertTrue(e.getMessage().contains("CapturedConsole"), e.getMessage());
    }

    @Test
    void aSinkThatFailsMakesTheWriteFailWithIoError() {
        kernel.setConsole((buf, n) -> {
            throw new IOException("stderr is closed");
        });
        assertEquals(-1, process.pwrite(2, Bytes.of("lost\n"), 5, -1));
        assertEquals("i/o error", process.errstr());
    }

    @Test
    void eachPwriteReachesTheSinkWholeInOneCall() throws Exception {
        // Unsynchronized on purpose: only the kernel's console lock keeps these calls apart.
        List<String> calls = new ArrayList<>();
        kernel.setConsole((buf, n) -> calls.add(Bytes.text(buf, n)));
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        Set<String> lines = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            byte[] line = Bytes.of("thread " + t + " " + "ab".repeat(30 + t) + "\n");
            lines.add(Bytes.text(line));
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 100; i++) {
                    process.pwrite(2, line, line.length, -1);
                }
            });
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(threads * 100, calls.size());
        assertTrue(lines.containsAll(calls), "every sink call carried one whole line");
    }
}
