package dev.callgate.os.plan9sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.spi.DiagnosticWriter;
import dev.callgate.spi.NativeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** /dev/cons: whole writes from many threads, and a console that stalls until released. */
class Plan9ConsoleTest {

    private final CapturedSink captured = new CapturedSink();
    private final Plan9Console console = new Plan9Console(captured);
    private final Plan9SimBackend backend = new Plan9SimBackend(console);

    @Test
    void eachPwriteReachesTheSinkWholeInOneCall() throws Exception {
        List<String> calls = new ArrayList<>(); // unsynchronized on purpose: only the console lock keeps calls apart
        console.setSink((buf, n) -> calls.add(new String(buf, 0, n, StandardCharsets.UTF_8)));
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        Set<String> lines = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            NativeMessage line = NativeMessage.encode("thread " + t + " " + "ab".repeat(30 + t));
            lines.add(new String(line.sharedBytes(), StandardCharsets.UTF_8));
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 100; i++) {
                    backend.stderr().write(line);
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

    @Test
    void aStalledConsoleBlocksAWriterUntilReleased() throws Exception {
        DiagnosticWriter stderr = backend.stderr();
        console.stall();
        CountDownLatch done = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            stderr.write(NativeMessage.encode("callgate: held by the console"));
            done.countDown();
        });
        writer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (console.blockedWriters() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, console.blockedWriters(), "the writer is blocked in the console");
        assertTrue(!done.await(100, TimeUnit.MILLISECONDS), "the write did not return while stalled");
        assertEquals("", captured.text());
        console.release();
        assertTrue(done.await(10, TimeUnit.SECONDS), "released, the write returns");
        assertEquals("callgate: held by the console\n", captured.text());
        assertEquals(0, console.blockedWriters());
    }
}
