package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.CallGate;
import dev.callgate.CallbackGroup;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.GLibThreadPool;
import dev.callgate.it.support.Waits;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code close()} is a barrier on real native threads: once it returns, no body runs and none
 * starts, so the application may free what the bodies use. Eight GLib workers run a body that takes
 * 20 ms; a pool thread closes its own callback halfway through 20,000 calls.
 */
@EnabledOnOs(OS.LINUX)
class CloseBarrierTest {

    private static final int WORKERS = 8;

    @Test
    void noBodyRunsOnceCloseHasReturned() {
        AtomicInteger running = new AtomicInteger();
        AtomicBoolean freed = new AtomicBoolean();
        AtomicLong usedAfterFree = new AtomicLong();
        GLibThreadPool.GFunc body = (data, user) -> {
            running.incrementAndGet();
            for (int i = 0; i < 4; i++) {
                if (freed.get()) {
                    usedAfterFree.incrementAndGet();
                }
                sleep(5);
            }
            running.decrementAndGet();
        };
        GatedCallback<GLibThreadPool.GFunc> gated = CallGate.builder(GLibThreadPool.GFunc.class, body)
                .name("decoder").policy(Policy.ALLOW).build();
        try (GLibThreadPool pool = GLibThreadPool.start(gated.callback(), WORKERS)) {
            for (long i = 1; i <= 400; i++) {
                pool.push(i);
            }
            Waits.until(Duration.ofSeconds(30), () -> running.get() >= 2, "bodies running", running::toString);

            gated.close();
            int stillRunning = running.get();
            freed.set(true); // what the application does next: free the decoder the bodies use

            assertEquals(0, stillRunning, "bodies still running when close() returned");
        }
        assertEquals(0, usedAfterFree.get(), "bodies that touched freed state");
        assertTrue(gated.stats().callsAfterClose() > 0, gated.stats()::toString);
    }

    @Test
    void aPoolThreadClosingItsOwnCallbackStopsEveryLaterCall() {
        int calls = 20_000;
        AtomicLong bodies = new AtomicLong();
        AtomicLong bodiesWhenCloseReturned = new AtomicLong(-1);
        GatedCallback<?>[] self = new GatedCallback<?>[1];
        GLibThreadPool.GFunc body = (data, user) -> {
            if (bodies.incrementAndGet() == calls / 2) {
                self[0].close(); // from inside its own body: waits for the other workers only
                bodiesWhenCloseReturned.set(bodies.get());
            }
        };
        GatedCallback<GLibThreadPool.GFunc> gated = CallGate.builder(GLibThreadPool.GFunc.class, body)
                .name("self-closing").policy(Policy.ALLOW).build();
        self[0] = gated;
        try (GLibThreadPool pool = GLibThreadPool.start(gated.callback(), 4)) {
            for (long i = 1; i <= calls; i++) {
                pool.push(i);
            }
        }
        assertFalse(gated.isOpen());
        // Other workers may run bodies until close() is called; once it has returned, none starts.
        assertEquals(bodiesWhenCloseReturned.get(), bodies.get(), "bodies that started after close() returned");
        assertTrue(bodies.get() >= calls / 2 && bodies.get() < calls, "bodies run: " + bodies.get());
        assertEquals(calls, bodies.get() + gated.stats().callsAfterClose(), gated.stats()::toString);
    }

    @Test
    void aGroupClosesAllItsMembersAsOneBarrier() {
        AtomicInteger running = new AtomicInteger();
        GLibThreadPool.GFunc slow = (data, user) -> {
            running.incrementAndGet();
            sleep(20);
            running.decrementAndGet();
        };
        CallbackGroup media = CallGate.group("media").policy(Policy.ALLOW);
        GatedCallback<GLibThreadPool.GFunc> video = media.builder(GLibThreadPool.GFunc.class, slow).name("video").build();
        GatedCallback<GLibThreadPool.GFunc> audio = media.wrap(GLibThreadPool.GFunc.class, slow);
        try (GLibThreadPool videoPool = GLibThreadPool.start(video.callback(), 4);
                GLibThreadPool audioPool = GLibThreadPool.start(audio.callback(), 4)) {
            for (long i = 1; i <= 100; i++) {
                videoPool.push(i);
                audioPool.push(i);
            }
            Waits.until(Duration.ofSeconds(30), () -> running.get() >= 2, "bodies running", running::toString);

            assertTrue(media.close(Duration.ofSeconds(30)));
            assertEquals(0, running.get(), "a member's body still ran after the group closed");
        }
        assertEquals("media/video", video.name());
        assertEquals("media/GFunc", audio.name());
        assertFalse(video.isOpen());
        assertFalse(audio.isOpen());
        assertEquals(video.stats().plus(audio.stats()), media.stats());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
