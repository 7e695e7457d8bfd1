package dev.callgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.Attachment;
import dev.callgate.ExceptionReporting;
import dev.callgate.Policy;
import dev.callgate.RecordingBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The per-thread list of entries that {@code close()} reads stays bounded by the gates a thread
 * may still run bodies of, and gates no handle can close (the agent's) never join it.
 */
class ThreadBodiesRecordedTest {

    private final RecordingBackend os = new RecordingBackend();

    private CallbackGate gate(String name) {
        return new CallbackGate(name, Policy.ALLOW, Attachment.KEEP_ATTACHED, ExceptionReporting.ONCE_PER_CLASS, "0", os,
                os.stderr(), ThreadOrigin::startedByJava);
    }

    private CallbackGate heldGate(String name) {
        CallbackGate gate = gate(name);
        OpenCallbacks.opened(gate, gate, new Object());
        return gate;
    }

    private static void call(CallbackGate gate) {
        CallbackGate.Entry entry = gate.enter();
        if (entry != null) {
            gate.exit(entry);
        }
    }

    @Test
    void entriesOfClosedGatesDoNotPileUp() {
        int gates = 20_000;
        int[] listed = new int[1];
        Thread t = new Thread(() -> {
            for (int i = 0; i < gates; i++) {
                CallbackGate gate = heldGate("stream-" + i);
                call(gate);
                gate.close();
            }
            listed[0] = ThreadBodies.listedOnThisThread();
        });
        t.start();
        join(t);
        assertTrue(listed[0] <= 16, "entries still listed after " + gates + " closed gates: " + listed[0]);
    }

    @Test
    void openGatesStayListedAndUnheldOnesNeverJoin() {
        List<CallbackGate> open = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            open.add(heldGate("open-" + i));
        }
        int[] listed = new int[2];
        Thread t = new Thread(() -> {
            for (int i = 0; i < 1000; i++) {
                call(gate("agent-" + i)); // no handle: nobody can close it or wait for it
            }
            listed[0] = ThreadBodies.listedOnThisThread();
            open.forEach(ThreadBodiesRecordedTest::call);
            listed[1] = ThreadBodies.listedOnThisThread();
        });
        t.start();
        join(t);
        assertEquals(0, listed[0], "gates no handle holds are not listed");
        assertEquals(100, listed[1], "every open gate the thread called is listed");
        open.forEach(CallbackGate::close);
    }

    @Test
    void twoBodiesOfAGateWithoutAHandleCloseItAtOnce() throws Exception {
        CallbackGate gate = gate("unheld"); // as a test or tool builds it: still no deadlock
        CyclicBarrier bothInside = new CyclicBarrier(2);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                CallbackGate.Entry entry = gate.enter();
                try {
                    bothInside.await(30, TimeUnit.SECONDS);
                    gate.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    gate.exit(entry);
                }
            });
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(30_000);
            assertTrue(!t.isAlive(), "two self-closers of a gate without a handle deadlocked");
        }
    }

    private static void join(Thread t) {
        try {
            t.join(60_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
