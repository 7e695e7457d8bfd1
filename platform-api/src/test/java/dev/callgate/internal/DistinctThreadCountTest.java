package dev.callgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A gate's count of distinct foreign thread ids: exact up to the limit, then an estimate in bounded
 * memory however many ids come (a library that makes a thread per task, up to {@code pid_max}).
 */
class DistinctThreadCountTest {

    @Test
    void exactUpToTheLimitWhateverTheRepeats() {
        DistinctThreadCount count = new DistinctThreadCount();
        for (int round = 0; round < 3; round++) {
            for (long id = 1; id <= DistinctThreadCount.EXACT_LIMIT; id++) {
                count.add(100_000 + id);
            }
        }
        assertEquals(DistinctThreadCount.EXACT_LIMIT, count.count());
        assertEquals(DistinctThreadCount.EXACT_LIMIT, count.exactSize());
    }

    @Test
    void pastTheLimitTheSetStopsGrowingAndTheEstimateStaysClose() {
        DistinctThreadCount count = new DistinctThreadCount();
        int[] checkpoints = {1_100, 5_000, 50_000, 400_000, 4_194_304}; // the last: Linux's largest pid_max
        long id = 0;
        for (int distinct : checkpoints) {
            while (id < distinct) {
                count.add(++id);
                count.add(id); // a thread attached once per call comes again with the same id
            }
            long estimate = count.count();
            double error = Math.abs(estimate - distinct) / (double) distinct;
            assertTrue(error < 0.10, () -> distinct + " distinct ids estimated as " + estimate);
            assertTrue(count.exactSize() <= DistinctThreadCount.EXACT_LIMIT, () -> "the set holds " + count.exactSize());
        }
    }

    @Test
    void manyThreadsAddingAtOnceNeverOverfillTheSet() throws Exception {
        DistinctThreadCount count = new DistinctThreadCount();
        int threads = 8;
        int each = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> adders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long base = (long) t * each;
            Thread adder = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long i = 0; i < each; i++) {
                    count.add(base + i);
                    count.add(i); // ids every thread shares: 0..each-1
                }
            });
            adder.start();
            adders.add(adder);
        }
        start.countDown();
        for (Thread adder : adders) {
            adder.join();
        }
        long distinct = (long) threads * each; // the shared ids are the first thread's own
        assertTrue(count.exactSize() <= DistinctThreadCount.EXACT_LIMIT, () -> "the set holds " + count.exactSize());
        double error = Math.abs(count.count() - distinct) / (double) distinct;
        assertTrue(error < 0.10, () -> distinct + " distinct ids estimated as " + count.count());
    }
}
