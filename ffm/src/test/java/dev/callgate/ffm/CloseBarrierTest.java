package dev.callgate.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.Policy;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** close() is a barrier for calls from native threads; the stub outlives it until release(). */
class CloseBarrierTest {

    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger FINISHED = new AtomicInteger();
    static final AtomicInteger STARTED = new AtomicInteger();
    static volatile CountDownLatch gateOpen = new CountDownLatch(0);

    @Test
    void closeReturnsOnlyWhenNoNativeThreadRunsTheBodyAndLaterCallsGetTheDefault() throws Throwable {
        RUNNING.set(0);
        FINISHED.set(0);
        STARTED.set(0);
        MethodHandle target = MethodHandles.lookup().findStatic(CloseBarrierTest.class, "slowBody",
                Natives.START_ROUTINE.toMethodType());
        GatedUpcall up = FfmCallGate.builder(target, Natives.START_ROUTINE).name("barrier").policy(Policy.ALLOW)
                .defaultValue(MemorySegment.ofAddress(99)).build();
        MemorySegment[] threads = new MemorySegment[8];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Natives.startThread(up.stub(), MemorySegment.ofAddress(i + 1));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (STARTED.get() < threads.length) { // every body is under way before close()
            assertTrue(System.nanoTime() < deadline, "8 native threads did not all reach the body");
            Thread.onSpinWait();
        }
        up.close();
        assertEquals(0, RUNNING.get(), "a body still ran when close() returned");
        assertEquals(8, FINISHED.get());
        for (int i = 0; i < threads.length; i++) {
            assertEquals(i + 1, Natives.join(threads[i]).address());
        }

        MemorySegment after = Natives.runOnNativeThread(up.stub(), MemorySegment.ofAddress(1));
        assertEquals(99, after.address(), "a call after close() gets the default value");
        assertEquals(8, FINISHED.get(), "the body does not run after close()");
        assertEquals(1, up.stats().callsAfterClose());
        assertFalse(up.isOpen());

        up.release();
        assertTrue(up.isReleased());
        assertThrows(IllegalStateException.class, up::stub);
        up.release(); // idempotent
    }

    @Test
    void closeWithTimeoutGivesUpOnABlockedBodyAndReleaseNeedsClose() throws Throwable {
        RUNNING.set(0);
        STARTED.set(0);
        gateOpen = new CountDownLatch(1);
        MethodHandle target = MethodHandles.lookup().findStatic(CloseBarrierTest.class, "blockedBody",
                Natives.START_ROUTINE.toMethodType());
        GatedUpcall up = FfmCallGate.builder(target, Natives.START_ROUTINE).name("blocked").policy(Policy.ALLOW).build();
        assertThrows(IllegalStateException.class, up::release);
        MemorySegment thread = Natives.startThread(up.stub(), MemorySegment.NULL);
        while (STARTED.get() < 1) {
            Thread.onSpinWait();
        }
        assertFalse(up.close(Duration.ofMillis(50)), "close(50 ms) must give up on a blocked body");
        gateOpen.countDown();
        Natives.join(thread);
        assertTrue(up.close(Duration.ofSeconds(5)));
        up.release();
    }

    @Test
    void releaseRefusesWhileACallIsInsideTheStubAfterATimedOutClose() throws Throwable {
        STARTED.set(0);
        gateOpen = new CountDownLatch(1);
        MethodHandle target = MethodHandles.lookup().findStatic(CloseBarrierTest.class, "blockedBody",
                Natives.START_ROUTINE.toMethodType());
        GatedUpcall up = FfmCallGate.builder(target, Natives.START_ROUTINE).name("inside").policy(Policy.ALLOW).build();
        MemorySegment thread = Natives.startThread(up.stub(), MemorySegment.NULL);
        try {
            while (STARTED.get() < 1) {
                Thread.onSpinWait();
            }
            assertFalse(up.close(Duration.ofMillis(50)));
            IllegalStateException e = assertThrows(IllegalStateException.class, up::release);
            assertTrue(e.getMessage().contains("upcall inside still has 1 call(s) inside its stub"), e.getMessage());
            assertTrue(e.getMessage().contains("Wait until close(Duration) returns true"), e.getMessage());
            assertFalse(up.isReleased());

            long started = System.nanoTime();
            up.close(); // try-with-resources after the bounded close: at most 50 ms again, not for ever
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "close() after a give-up waited on");
            assertThrows(IllegalStateException.class, up::release);
        } finally {
            gateOpen.countDown();
        }
        Natives.join(thread); // the call left the stub
        assertTrue(up.close(Duration.ZERO));
        up.release();
        assertTrue(up.isReleased());
    }

    @Test
    void closeTakesEveryDurationAndNullIsTheParameterName() throws Throwable {
        MethodHandle target = MethodHandles.lookup().findStatic(CloseBarrierTest.class, "slowBody",
                Natives.START_ROUTINE.toMethodType());
        GatedUpcall up = FfmCallGate.builder(target, Natives.START_ROUTINE).name("edges").build();
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> up.close(null)).getMessage());
        assertTrue(up.isOpen(), "a null timeout changes nothing");
        assertTrue(up.close(Duration.ofSeconds(Long.MAX_VALUE)), "saturated, no ArithmeticException");
        assertTrue(up.close(Duration.ofMillis(-1)));
        assertFalse(up.isOpen());
        up.release();
    }

    private static MemorySegment slowBody(MemorySegment arg) throws InterruptedException {
        RUNNING.incrementAndGet();
        STARTED.incrementAndGet();
        try {
            Thread.sleep(20);
        } finally {
            FINISHED.incrementAndGet();
            RUNNING.decrementAndGet();
        }
        return arg;
    }

    private static MemorySegment blockedBody(MemorySegment arg) throws InterruptedException {
        STARTED.incrementAndGet();
        gateOpen.await();
        return arg;
    }
}
