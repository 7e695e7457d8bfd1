package dev.callgate.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import dev.callgate.CallGate;
import dev.callgate.CallbackGroup;
import dev.callgate.CallbackRoute;
import dev.callgate.CallbackStats;
import dev.callgate.GatedCallback;
import dev.callgate.GatedHandle;
import dev.callgate.Policy;
import dev.callgate.fixtures.PosixThreads;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@link CallbackGroup} holds a JNA callback and an FFM upcall ({@link GatedHandle}), and its
 * close is one barrier for both: real pthreads call each, through JNA's {@code pthread_create} for
 * the JNA callback and an FFM downcall for the upcall.
 */
class GroupOfBothKindsTest {

    private static final int THREADS_EACH = 3;

    static final AtomicInteger STARTED = new AtomicInteger();
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger FINISHED = new AtomicInteger();
    /** Bodies wait here until both callbacks are closed, so close() has bodies of both kinds to wait for. */
    static volatile CountDownLatch bothClosed;

    @ParameterizedTest
    @EnumSource(CallbackRoute.class)
    void closingTheGroupClosesItsJnaCallbackAndItsFfmUpcallAsOneBarrier(CallbackRoute route) throws Throwable {
        STARTED.set(0);
        RUNNING.set(0);
        FINISHED.set(0);
        bothClosed = new CountDownLatch(1);
        CallbackGroup group = CallGate.group("both").policy(Policy.ALLOW);
        GatedCallback<PosixThreads.StartRoutine> jna = group.builder(PosixThreads.StartRoutine.class,
                (PosixThreads.StartRoutine) arg -> {
                    body();
                    return arg;
                }).name("jna").route(route).defaultValue(new Pointer(77)).build();
        assertEquals(route, jna.route(), jna::routeReason);
        MethodHandle target = MethodHandles.lookup().findStatic(GroupOfBothKindsTest.class, "upcallBody",
                Natives.START_ROUTINE.toMethodType());
        GatedUpcall ffm = FfmCallGate.builder(target, Natives.START_ROUTINE).name("both/ffm").policy(Policy.ALLOW)
                .defaultValue(MemorySegment.ofAddress(99)).build();
        assertSame(ffm, group.add(ffm));
        group.add(ffm); // again: changes nothing
        assertEquals(List.of(jna, ffm), group.handles());
        assertEquals(List.of(jna), group.members(), "members() stays the JNA members, as before");

        MemorySegment[] upcallThreads = new MemorySegment[THREADS_EACH];
        for (int i = 0; i < THREADS_EACH; i++) {
            PosixThreads.start(jna.callback(), new Pointer(i + 1));
            upcallThreads[i] = Natives.startThread(ffm.stub(), MemorySegment.ofAddress(i + 1));
        }
        awaitStarted(2 * THREADS_EACH);
        Thread releaser = new Thread(() -> { // lets the bodies go only once the group closed both, before waiting
            while (jna.isOpen() || ffm.isOpen()) {
                Thread.onSpinWait();
            }
            bothClosed.countDown();
        }, "both-closed");
        releaser.start();

        assertTrue(group.close(Duration.ofMinutes(2)), "the group's close gave up: it did not close both before waiting");

        assertEquals(0, RUNNING.get(), "a body still ran when the group's close returned");
        assertEquals(2 * THREADS_EACH, FINISHED.get());
        assertFalse(jna.isOpen());
        assertFalse(ffm.isOpen());
        releaser.join();
        for (int i = 0; i < THREADS_EACH; i++) {
            assertEquals(i + 1, Natives.join(upcallThreads[i]).address());
        }
        assertEquals(new Pointer(77), PosixThreads.runAndJoin(jna.callback(), new Pointer(5)), "JNA after close");
        assertEquals(99, Natives.runOnNativeThread(ffm.stub(), MemorySegment.ofAddress(5)).address(), "FFM after close");
        assertEquals(2 * THREADS_EACH, FINISHED.get(), "no body runs after the group's close");
        assertEquals(List.of(), group.handles());
        CallbackStats counted = group.stats();
        assertEquals(2 * THREADS_EACH + 2, counted.calls(), counted::toString);
        assertEquals(2, counted.callsAfterClose(), counted::toString);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> group.add(ffm));
        assertTrue(refused.getMessage().contains("callback group both is closed"), refused.getMessage());
        ffm.release();
    }

    private static void awaitStarted(int bodies) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (STARTED.get() < bodies) {
            assertTrue(System.nanoTime() < deadline, () -> STARTED.get() + " of " + bodies + " native threads reached the body");
            Thread.onSpinWait();
        }
    }

    private static void body() {
        RUNNING.incrementAndGet();
        STARTED.incrementAndGet();
        try {
            bothClosed.await();
            Thread.sleep(20); // still running a moment after the group closed both: close() must wait for it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            FINISHED.incrementAndGet();
            RUNNING.decrementAndGet();
        }
    }

    private static MemorySegment upcallBody(MemorySegment arg) {
        body();
        return arg;
    }
}
