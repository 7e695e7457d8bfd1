package dev.callgate.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.CallGate;
import dev.callgate.CallbackGroup;
import dev.callgate.GatedCallback;
import dev.callgate.Policy;
import dev.callgate.fixtures.GLibThreadPool;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Real GLib pool threads whose bodies close their own callback, their group, or each other's
 * callback at the same moment (a barrier inside the bodies makes them overlap): every close()
 * returns, and a close() from a Java thread outside every body still waits for each body, here
 * bodies that go on for 200 ms after their own close() returned. A pool is freed only once its
 * bodies have returned: freeing joins the workers, so after a deadlock the test would hang instead
 * of failing.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class SelfClosingBodiesTest {

    private static final int WORKERS = 4;
    private static final long GENEROUS_SECONDS = 30;

    /** Counts the bodies that run, and lets them all close at once. */
    private static final class Bodies {
        final CyclicBarrier allInside;
        final CountDownLatch allClosed;
        final AtomicInteger running = new AtomicInteger();

        Bodies(int parties) {
            allInside = new CyclicBarrier(parties);
            allClosed = new CountDownLatch(parties);
        }

        GLibThreadPool.GFunc closing(Runnable close) {
            return (data, user) -> {
                running.incrementAndGet();
                try {
                    allInside.await(GENEROUS_SECONDS, TimeUnit.SECONDS);
                    close.run();
                    allClosed.countDown();
                    Thread.sleep(200); // the body goes on after its own close() returned
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    running.decrementAndGet();
                }
            };
        }

        void assertAllClosedThenCloseFromOutside(Runnable outsideClose) throws InterruptedException {
            assertTrue(allClosed.await(GENEROUS_SECONDS, TimeUnit.SECONDS),
                    "bodies closing at once did not all return within " + GENEROUS_SECONDS + " s: deadlock");
            outsideClose.run();
            assertEquals(0, running.get(), "close() from a Java thread returned while a body still ran");
        }
    }

    @Test
    void poolThreadsThatAllCloseTheirOwnCallbackAtOnceAllReturn() throws Exception {
        Bodies bodies = new Bodies(WORKERS);
        AtomicReference<GatedCallback<GLibThreadPool.GFunc>> self = new AtomicReference<>();
        self.set(CallGate.builder(GLibThreadPool.GFunc.class, bodies.closing(() -> self.get().close()))
                .name("end-of-stream").policy(Policy.ALLOW).build());
        GLibThreadPool pool = GLibThreadPool.start(self.get().callback(), WORKERS);
        for (long i = 1; i <= WORKERS; i++) {
            pool.push(i);
        }
        bodies.assertAllClosedThenCloseFromOutside(() -> self.get().close());
        pool.close();
        assertFalse(self.get().isOpen());
    }

    @Test
    void bodiesOfTwoMembersThatCloseTheirGroupAtOnceAllReturn() throws Exception {
        Bodies bodies = new Bodies(WORKERS);
        CallbackGroup media = CallGate.group("media").policy(Policy.ALLOW);
        GLibThreadPool.GFunc body = bodies.closing(media::close);
        GatedCallback<GLibThreadPool.GFunc> video = media.builder(GLibThreadPool.GFunc.class, body).name("video").build();
        GatedCallback<GLibThreadPool.GFunc> audio = media.builder(GLibThreadPool.GFunc.class, body).name("audio").build();
        GLibThreadPool videoPool = GLibThreadPool.start(video.callback(), WORKERS / 2);
        GLibThreadPool audioPool = GLibThreadPool.start(audio.callback(), WORKERS / 2);
        for (long i = 1; i <= WORKERS / 2; i++) {
            videoPool.push(i);
            audioPool.push(i);
        }
        bodies.assertAllClosedThenCloseFromOutside(media::close);
        videoPool.close();
        audioPool.close();
        assertFalse(video.isOpen());
        assertFalse(audio.isOpen());
    }

    @Test
    void aBodyOfXClosingYWhileABodyOfYClosesXBothReturn() throws Exception {
        Bodies bodies = new Bodies(2);
        AtomicReference<GatedCallback<GLibThreadPool.GFunc>> x = new AtomicReference<>();
        AtomicReference<GatedCallback<GLibThreadPool.GFunc>> y = new AtomicReference<>();
        x.set(CallGate.builder(GLibThreadPool.GFunc.class, bodies.closing(() -> y.get().close()))
                .name("x").policy(Policy.ALLOW).build());
        y.set(CallGate.builder(GLibThreadPool.GFunc.class, bodies.closing(() -> x.get().close()))
                .name("y").policy(Policy.ALLOW).build());
        GLibThreadPool xPool = GLibThreadPool.start(x.get().callback(), 1);
        GLibThreadPool yPool = GLibThreadPool.start(y.get().callback(), 1);
        xPool.push(1);
        yPool.push(1);
        bodies.assertAllClosedThenCloseFromOutside(() -> {
            x.get().close();
            y.get().close();
        });
        xPool.close();
        yPool.close();
    }

    @Test
    void anOutsideCloseRacingTheSelfClosersStillWaitsForEveryBody() throws Exception {
        Bodies bodies = new Bodies(WORKERS);
        AtomicReference<GatedCallback<GLibThreadPool.GFunc>> self = new AtomicReference<>();
        self.set(CallGate.builder(GLibThreadPool.GFunc.class, bodies.closing(() -> self.get().close()))
                .name("raced").policy(Policy.ALLOW).build());
        ExecutorService outside = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "outside-closer");
            t.setDaemon(true);
            return t;
        });
        GLibThreadPool pool = GLibThreadPool.start(self.get().callback(), WORKERS);
        for (long i = 1; i <= WORKERS; i++) {
            pool.push(i);
        }
        while (bodies.running.get() < WORKERS) {
            Thread.onSpinWait();
        }
        Future<Integer> runningWhenClosed = outside.submit(() -> { // closes while the bodies do
            self.get().close();
            return bodies.running.get();
        });
        try {
            assertEquals(0, runningWhenClosed.get(GENEROUS_SECONDS, TimeUnit.SECONDS),
                    "an outside close() returned while a body still ran");
        } catch (TimeoutException e) {
            throw new AssertionError("deadlock: the outside close() did not return", e);
        }
        pool.close();
        outside.shutdown();
    }
}
