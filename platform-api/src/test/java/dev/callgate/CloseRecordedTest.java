package dev.callgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Callback;
import dev.callgate.internal.OpenCallbacks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code close()} of callbacks and groups on JVM threads, over a {@link RecordingBackend}: bodies
 * that close at once never deadlock while the barrier holds for a closer outside every body;
 * bounded closes at their edges; a closed group takes no members and keeps none it closed. The
 * same on real native threads: the integration module's SelfClosingBodiesTest.
 */
@Timeout(180)
class CloseRecordedTest {

    interface Tick extends Callback {
        void tick(int n);
    }

    private static final long GENEROUS_SECONDS = 30;

    private final RecordingBackend os = new RecordingBackend();

    private GatedCallback<Tick> gated(Tick body) {
        return CallGate.builder(Tick.class, body).backend(os).diagnostics(os.stderr()).build();
    }

    private GatedCallback<Tick> member(CallbackGroup group, Tick body) {
        return group.builder(Tick.class, body).backend(os).diagnostics(os.stderr()).build();
    }

    /** Starts a daemon thread per callback that calls it once, as a native pool thread would. */
    private static List<Thread> callEachOnItsOwnThread(List<GatedCallback<Tick>> callbacks) {
        List<Thread> threads = new ArrayList<>();
        for (GatedCallback<Tick> callback : callbacks) {
            Thread t = new Thread(() -> callback.callback().tick(1));
            t.setDaemon(true); // a deadlocked one must not keep the test JVM alive
            t.start();
            threads.add(t);
        }
        return threads;
    }

    private static void assertAllReturn(List<Thread> threads, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GENEROUS_SECONDS);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            assertFalse(t.isAlive(), what + ": a body's close() did not return within " + GENEROUS_SECONDS + " s");
        }
    }

    @Test
    void bodiesThatCloseTheirOwnCallbackAtOnceAllReturn() throws Exception {
        int bodies = 4;
        CyclicBarrier allInside = new CyclicBarrier(bodies);
        AtomicInteger closed = new AtomicInteger();
        @SuppressWarnings("unchecked")
        GatedCallback<Tick>[] self = new GatedCallback[1];
        self[0] = gated(n -> {
            await(allInside);
            self[0].close();
            closed.incrementAndGet();
        });

        assertAllReturn(callEachOnItsOwnThread(List.of(self[0], self[0], self[0], self[0])), "four self-closers");
        assertEquals(bodies, closed.get());
        assertFalse(self[0].isOpen());
    }

    @Test
    void aCloserOutsideEveryBodyStillWaitsForBodiesThatClosedThemselves() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        CountDownLatch bothClosed = new CountDownLatch(2);
        AtomicInteger running = new AtomicInteger();
        @SuppressWarnings("unchecked")
        GatedCallback<Tick>[] self = new GatedCallback[1];
        self[0] = gated(n -> {
            running.incrementAndGet();
            await(bothInside);
            self[0].close();
            bothClosed.countDown();
            sleep(200); // the body goes on after its own close() returned
            running.decrementAndGet();
        });
        List<Thread> threads = callEachOnItsOwnThread(List.of(self[0], self[0]));
        assertTrue(bothClosed.await(GENEROUS_SECONDS, TimeUnit.SECONDS), "the self-closers deadlocked");

        self[0].close(); // from the test thread, inside no body: the barrier
        assertEquals(0, running.get(), "close() from outside returned while a body still ran");
        assertAllReturn(threads, "self-closers");
    }

    @Test
    void bodiesOfTwoMembersThatCloseTheirGroupAtOnceBothReturnAndTheGroupIsABarrier() throws Exception {
        CallbackGroup group = CallGate.group("pair");
        CyclicBarrier bothInside = new CyclicBarrier(2);
        CountDownLatch bothClosed = new CountDownLatch(2);
        AtomicInteger running = new AtomicInteger();
        Tick body = n -> {
            running.incrementAndGet();
            await(bothInside);
            group.close();
            bothClosed.countDown();
            sleep(200);
            running.decrementAndGet();
        };
        GatedCallback<Tick> x = member(group, body);
        GatedCallback<Tick> y = member(group, body);
        List<Thread> threads = callEachOnItsOwnThread(List.of(x, y));
        assertTrue(bothClosed.await(GENEROUS_SECONDS, TimeUnit.SECONDS), "two group closers deadlocked");

        group.close();
        assertEquals(0, running.get(), "the group's close() from outside returned while a member's body ran");
        assertAllReturn(threads, "group closers");
        assertFalse(x.isOpen());
        assertFalse(y.isOpen());
    }

    @Test
    void aBodyOfXClosingYWhileABodyOfYClosesXBothReturn() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        AtomicReference<GatedCallback<Tick>> x = new AtomicReference<>();
        AtomicReference<GatedCallback<Tick>> y = new AtomicReference<>();
        AtomicInteger running = new AtomicInteger();
        x.set(gated(n -> {
            running.incrementAndGet();
            await(bothInside);
            y.get().close();
            sleep(100);
            running.decrementAndGet();
        }));
        y.set(gated(n -> {
            running.incrementAndGet();
            await(bothInside);
            x.get().close();
            sleep(100);
            running.decrementAndGet();
        }));
        List<Thread> threads = callEachOnItsOwnThread(List.of(x.get(), y.get()));
        assertAllReturn(threads, "X closing Y while Y closes X");
        x.get().close();
        y.get().close();
        assertEquals(0, running.get());
    }

    @Test
    void aSelfCloserStillWaitsForABodyThatIsNotClosing() throws Exception {
        CountDownLatch otherInside = new CountDownLatch(1);
        AtomicBoolean otherDone = new AtomicBoolean();
        AtomicBoolean sawOtherDone = new AtomicBoolean();
        @SuppressWarnings("unchecked")
        GatedCallback<Tick>[] self = new GatedCallback[1];
        self[0] = gated(n -> {
            if (n == 1) {
                otherInside.countDown();
                sleep(300);
                otherDone.set(true);
            } else {
                await(otherInside);
                self[0].close();
                sawOtherDone.set(otherDone.get());
            }
        });
        Thread other = new Thread(() -> self[0].callback().tick(1));
        Thread closer = new Thread(() -> self[0].callback().tick(2));
        other.start();
        closer.start();
        assertAllReturn(List.of(other, closer), "self-closer and a plain body");
        assertTrue(sawOtherDone.get(), "a body's close() returned before another thread's ordinary body finished");
    }

    @Test
    void boundedCloseAtItsEdges() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch unblock = new CountDownLatch(1);
        GatedCallback<Tick> stuck = gated(n -> {
            inside.countDown();
            await(unblock);
        });
        Thread t = callEachOnItsOwnThread(List.of(stuck)).get(0);
        assertTrue(inside.await(GENEROUS_SECONDS, TimeUnit.SECONDS));

        for (Duration noWait : List.of(Duration.ofMillis(-1), Duration.ZERO, Duration.ofSeconds(Long.MIN_VALUE))) {
            assertFalse(returnsWithin10s("close(" + noWait + ")", () -> stuck.close(noWait)),
                    "close(" + noWait + ") must look once and say a call still runs");
        }
        assertFalse(stuck.isOpen(), "closed whatever happens");
        // try-with-resources after a bounded close that gave up: at most that bound (zero) again
        returnsWithin10s("close() after a give-up", () -> {
            stuck.close();
            return true;
        });

        unblock.countDown();
        t.join(TimeUnit.SECONDS.toMillis(GENEROUS_SECONDS));
        assertTrue(stuck.close(Duration.ofSeconds(Long.MAX_VALUE)), "a huge Duration saturates, and it is quiet now");
        assertTrue(stuck.close(Duration.ZERO));
        stuck.close();
    }

    @Test
    void closeAfterATimedOutCloseWaitsAtMostThatBoundAgain() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch unblock = new CountDownLatch(1);
        CallbackGroup group = CallGate.group("stuck");
        GatedCallback<Tick> stuck = member(group, n -> {
            inside.countDown();
            await(unblock);
        });
        Thread t = callEachOnItsOwnThread(List.of(stuck)).get(0);
        assertTrue(inside.await(GENEROUS_SECONDS, TimeUnit.SECONDS));
        try {
            assertFalse(stuck.close(Duration.ofMillis(200)));
            long started = System.nanoTime();
            returnsWithin10s("close() after close(200 ms) gave up", () -> {
                stuck.close();
                return true;
            });
            long waited = System.nanoTime() - started;
            assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(150), "waited the bound again: " + waited);

            assertFalse(group.close(Duration.ofMillis(100)), "the group waits for its stuck member");
            returnsWithin10s("the group's close() after its close(100 ms) gave up", () -> {
                group.close();
                return true;
            });
            // one line per give-up: close(200 ms), close(), the group's close(100 ms), the group's close()
            assertEquals(4, os.stderrLines().stream().filter(l -> l.contains("close() gave up")).count(),
                    os.stderrLines()::toString);
        } finally {
            unblock.countDown();
        }
        t.join(TimeUnit.SECONDS.toMillis(GENEROUS_SECONDS));
        group.close();
        assertEquals(List.of(), group.members());
    }

    @Test
    void aHugeDurationClosesAndWaitsWithoutOverflow() {
        GatedCallback<Tick> idle = gated(n -> {});
        assertTrue(idle.close(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)));
        assertFalse(idle.isOpen());
        CallbackGroup group = CallGate.group("huge");
        member(group, n -> {});
        assertTrue(group.close(Duration.ofSeconds(Long.MAX_VALUE)));
        assertFalse(group.isOpen());
    }

    @Test
    void aClosedGroupRefusesNewMembersAndSaysToMakeANewGroup() {
        CallbackGroup group = CallGate.group("vlc");
        GatedCallback.Builder<Tick> early = group.builder(Tick.class, n -> {}).backend(os).diagnostics(os.stderr());
        group.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.builder(Tick.class, n -> {}));
        assertTrue(e.getMessage().contains("callback group vlc is closed"), e.getMessage());
        assertTrue(e.getMessage().contains("CallGate.group(\"vlc\")"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> group.wrap(Tick.class, n -> {}));
        assertThrows(IllegalStateException.class, early::build, "a builder made before close() builds nothing after");
        assertEquals(List.of(), group.members());
    }

    @Test
    void noMemberBuiltWhileTheGroupClosesRunsABodyAfterCloseReturned() throws Exception {
        for (int round = 0; round < 200; round++) {
            CallbackGroup group = CallGate.group("race");
            AtomicBoolean closeReturned = new AtomicBoolean();
            AtomicLong bodiesAfterClose = new AtomicLong();
            ConcurrentLinkedQueue<GatedCallback<Tick>> built = new ConcurrentLinkedQueue<>();
            Tick body = n -> {
                if (closeReturned.get()) {
                    bodiesAfterClose.incrementAndGet();
                }
            };
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> builders = new ArrayList<>();
            for (int b = 0; b < 2; b++) {
                Thread t = new Thread(() -> {
                    await(go);
                    while (true) {
                        GatedCallback<Tick> m;
                        try {
                            m = member(group, body);
                        } catch (IllegalStateException refused) {
                            return;
                        }
                        built.add(m);
                        m.callback().tick(1); // native code calls it as soon as it has it
                    }
                });
                t.start();
                builders.add(t);
            }
            go.countDown();
            Thread.sleep(0, 200_000);
            group.close();
            closeReturned.set(true);
            for (GatedCallback<Tick> m : built) {
                assertFalse(m.isOpen(), "round " + round + ": a member still open after the group's close() returned");
            }
            for (Thread t : builders) {
                t.join(TimeUnit.SECONDS.toMillis(GENEROUS_SECONDS));
            }
            for (GatedCallback<Tick> m : built) {
                m.callback().tick(2);
                assertFalse(m.isOpen(), "round " + round + ": a member open after close()");
            }
            assertEquals(0, bodiesAfterClose.get(), "round " + round + ": bodies that ran after the group's close()");
        }
    }

    @Test
    void aGroupOfPerStreamMembersKeepsOnlyTheOpenOnesAndCountsThemAll() {
        int members = 100_000;
        CallbackGroup group = CallGate.group("streams");
        int openBefore = OpenCallbacks.openCount();
        GatedCallback<Tick> keeper = member(group, n -> {});
        for (int i = 0; i < members; i++) {
            GatedCallback<Tick> stream = member(group, n -> {});
            stream.callback().tick(i);
            stream.close();
        }
        assertEquals(List.of(keeper), group.members(), "members() lists the open members");
        assertTrue(group.listed() <= 16, "the group still lists " + group.listed() + " members");
        assertTrue(OpenCallbacks.openCount() <= openBefore + 1, "open gates: " + OpenCallbacks.openCount());
        assertEquals(members, group.stats().calls(), "closed members stay in the group's counts");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GENEROUS_SECONDS);
        while (group.liveCounted() > members / 2 && System.nanoTime() < deadline) {
            System.gc(); // collected members fold into the group's retired counts
            sleep(50);
        }
        assertTrue(group.liveCounted() <= members / 2, "counters still held live: " + group.liveCounted());
        assertEquals(members, group.stats().calls(), "counts survive the members' collection");
        group.close();
    }

    /** What {@code close} returns, on a daemon thread: one that waits for ever fails the test, not hangs it. */
    private static boolean returnsWithin10s(String what, BooleanSupplier close) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(close.getAsBoolean());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not return within 10 s");
        } catch (ExecutionException e) {
            throw new AssertionError(what + " threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(GENEROUS_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
