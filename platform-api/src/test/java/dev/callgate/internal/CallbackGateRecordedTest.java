package dev.callgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.Attachment;
import dev.callgate.ExceptionReporting;
import dev.callgate.Policy;
import dev.callgate.RecordingBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate core over a recorded backend. A gate whose thread-origin rule accepts no bottom frame
 * takes every thread for a foreign one, which stands in here for native threads (the end-to-end
 * tests use real ones).
 */
class CallbackGateRecordedTest {

    /**
     * What a loaded machine may add to a bounded wait before the thread runs again. The stalled
     * write never returns while the test holds it, so any finite wait shows the bound at work.
     */
    private static final long SCHEDULING_MARGIN = TimeUnit.SECONDS.toNanos(1);

    private final RecordingBackend os = new RecordingBackend();

    @AfterEach
    void release() {
        os.release();
    }

    private CallbackGate gate(String name, Policy policy, boolean everyThreadForeign) {
        return new CallbackGate(name, policy, Attachment.KEEP_ATTACHED, ExceptionReporting.ONCE_PER_CLASS, "0", os,
                os.stderr(), everyThreadForeign ? frame -> false : ThreadOrigin::startedByJava);
    }

    /**
     * Runs {@code action} on a new thread and waits for it: the launcher's main thread, where
     * tests run, is a JVM thread whatever the rule says.
     */
    private static <T> T onAnotherThread(java.util.function.Supplier<T> action) {
        Object[] result = new Object[1];
        Thread t = new Thread(() -> result[0] = action.get());
        t.start();
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** Runs {@code body} through the gate the way every caller brackets it. */
    private static boolean call(CallbackGate gate, Runnable body) {
        CallbackGate.Entry entry = gate.enter();
        if (entry == null) {
            return false;
        }
        try {
            body.run();
        } catch (Throwable t) {
            gate.contain(t);
        } finally {
            gate.exit(entry);
        }
        return true;
    }

    @Test
    void closeReturnsOnlyWhenNoBodyIsRunningAndNoneStartsAfter() throws Exception {
        CallbackGate gate = gate("slow", Policy.ALLOW, false);
        int threads = 8;
        AtomicInteger running = new AtomicInteger();
        AtomicLong startedAfterClose = new AtomicLong();
        AtomicLong closedAt = new AtomicLong(Long.MAX_VALUE);
        CountDownLatch allInside = new CountDownLatch(threads);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                for (int n = 0; n < 20; n++) {
                    call(gate, () -> {
                        if (System.nanoTime() > closedAt.get()) {
                            startedAfterClose.incrementAndGet();
                        }
                        running.incrementAndGet();
                        allInside.countDown();
                        sleep(20);
                        running.decrementAndGet();
                    });
                }
            });
            t.start();
            callers.add(t);
        }
        assertTrue(allInside.await(10, TimeUnit.SECONDS));

        long started = System.nanoTime();
        assertTrue(gate.close());
        closedAt.set(System.nanoTime());
        long waited = System.nanoTime() - started;

        assertEquals(0, running.get(), "a body was still running when close() returned");
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(1), "close() waited for the running bodies");
        for (Thread t : callers) {
            t.join(10_000);
        }
        assertEquals(0, startedAfterClose.get(), "bodies that started after close() returned");
        assertTrue(gate.stats().callsAfterClose() > 0, gate.stats().toString());
    }

    @Test
    void closeFromInsideItsOwnBodyWaitsForTheOtherThreadsOnly() throws Exception {
        CallbackGate gate = gate("self-closing", Policy.ALLOW, false);
        CyclicBarrier bothInside = new CyclicBarrier(2);
        AtomicInteger otherDone = new AtomicInteger();
        Thread other = new Thread(() -> call(gate, () -> {
            await(bothInside);
            sleep(50);
            otherDone.incrementAndGet();
        }));
        other.start();
        AtomicInteger seenByCloser = new AtomicInteger(-1);
        boolean[] quiet = new boolean[1];
        Thread closer = new Thread(() -> call(gate, () -> {
            await(bothInside);
            quiet[0] = gate.close(TimeUnit.SECONDS.toNanos(10));
            seenByCloser.set(otherDone.get());
        }));
        closer.start();
        closer.join(10_000);
        other.join(10_000);

        assertFalse(closer.isAlive(), "close() from its own body deadlocked");
        assertTrue(quiet[0]);
        assertEquals(1, seenByCloser.get(), "close() returned before the other thread's body finished");
    }

    @Test
    void aBoundedCloseReportsABodyThatNeverReturns() throws Exception {
        CallbackGate gate = gate("stuck", Policy.ALLOW, false);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch unblock = new CountDownLatch(1);
        Thread stuck = new Thread(() -> call(gate, () -> {
            inside.countDown();
            await(unblock);
        }));
        stuck.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));

        assertFalse(gate.close(TimeUnit.MILLISECONDS.toNanos(50)));
        unblock.countDown();
        stuck.join(10_000);

        assertEquals(List.of("callgate: callback stuck: close() gave up after 50 ms with 1 call(s) still running"
                + " (a body blocked, or stuck in native code); later calls are not run"),
                os.stderrLines().stream().map(l -> l.replaceAll("after \\d+ ms", "after 50 ms")).toList());
        assertNull(gate.enter(), "closed all the same");
    }

    @Test
    void eachPolicySaysWhatHappenedToTheCall() {
        for (Policy policy : new Policy[] {Policy.WARN_ONCE, Policy.WARN, Policy.REJECT, Policy.ABORT}) {
            CallbackGate gate = gate("p-" + policy, policy, true);
            boolean ran = onAnotherThread(() -> call(gate, () -> {}));
            assertEquals(policy == Policy.WARN_ONCE || policy == Policy.WARN, ran, policy.toString());
        }
        List<String> lines = os.stderrLines().stream().map(l -> l.replaceAll("native thread \\d+", "native thread N")).toList();
        String thread = " on thread not created by the JVM (native thread N, os recorded)";
        assertEquals(List.of(
                "callgate: callback p-WARN_ONCE" + thread + "; ran it (policy WARN_ONCE: said once per callback)",
                "callgate: callback p-WARN" + thread + "; ran it (policy WARN)",
                "callgate: callback p-REJECT" + thread
                        + "; not run, returned 0 to native code (policy REJECT: said once, every rejection counted)",
                "callgate: callback p-ABORT" + thread + "; aborting the process (policy ABORT)"), lines);
        assertEquals(1, os.abortCalls());
    }

    @Test
    void abortWritesExactlyOneLineWhenManyThreadsRaceToIt() throws Exception {
        os.stall(); // the first line blocks in the write, so every other thread gets to ABORT meanwhile
        CallbackGate gate = gate("racing", Policy.ABORT, true);
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> racers = new ArrayList<>();
        AtomicInteger bodies = new AtomicInteger();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                await(start);
                call(gate, bodies::incrementAndGet);
            });
            t.start();
            racers.add(t);
        }
        for (Thread t : racers) {
            t.join(10_000);
            assertFalse(t.isAlive(), "a racing thread is still waiting after the (recorded) abort returned");
        }
        os.release();
        waitFor(() -> os.stderrLines().size() == 1);

        assertEquals(0, bodies.get(), "no body ran under ABORT");
        assertEquals(1, os.abortCalls(), "one abort");
        assertEquals(1, os.writeCalls(), "one line");
        assertTrue(os.stderrLines().get(0).endsWith("; aborting the process (policy ABORT)"), os.stderrLines().toString());
    }

    @Test
    void abortEndsWithinTheBoundEvenWhenStandardErrorIsStalled() {
        os.stall();
        CallbackGate gate = gate("stalled-abort", Policy.ABORT, true);
        long took = onAnotherThread(() -> {
            long started = System.nanoTime();
            call(gate, () -> {});
            return System.nanoTime() - started;
        });

        assertEquals(1, os.abortCalls());
        assertTrue(took < DiagnosticChannel.shared().timeoutNanos() + SCHEDULING_MARGIN,
                "abort came " + TimeUnit.NANOSECONDS.toMillis(took) + " ms after the call");
        assertEquals(1, gate.stats().diagnosticsDropped());
    }

    @Test
    void aWarnCallNeverWaitsLongerThanTheBoundOnAStalledStandardError() {
        os.stall();
        CallbackGate gate = gate("stalled-warn", Policy.WARN, true);
        long bound = DiagnosticChannel.shared().timeoutNanos();
        long slowest = onAnotherThread(() -> {
            long max = 0;
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                assertTrue(call(gate, () -> {}));
                max = Math.max(max, System.nanoTime() - started);
            }
            return max;
        });
        assertTrue(slowest < bound + SCHEDULING_MARGIN, "the slowest call took "
                + TimeUnit.NANOSECONDS.toMillis(slowest) + " ms");
        assertEquals(20, gate.stats().diagnosticsDropped());
        assertEquals(0, gate.stats().diagnosticsWritten());
    }

    @Test
    void exceptionsAreSaidOncePerClassOrEveryTime() {
        CallbackGate once = gate("once", Policy.ALLOW, false);
        CallbackGate every = new CallbackGate("every", Policy.ALLOW, Attachment.KEEP_ATTACHED, ExceptionReporting.EVERY,
                "0", os, os.stderr(), ThreadOrigin::startedByJava);
        for (int i = 0; i < 100; i++) {
            int n = i;
            call(once, () -> {
                throw n % 2 == 0 ? new IllegalStateException("even " + n) : new IllegalArgumentException("odd " + n);
            });
            call(every, () -> {
                throw new IllegalStateException("boom");
            });
        }
        assertEquals(100, once.stats().exceptions());
        assertEquals(2, linesSaid(once), "one line per exception class");
        assertEquals(100, every.stats().exceptions());
        assertEquals(100, linesSaid(every));
    }

    /**
     * The lines a gate set out to write: written, or dropped because the writer thread did not get
     * to them within the channel's bound (a loaded machine can take longer than that to run it).
     */
    private static long linesSaid(CallbackGate gate) {
        assertEquals(0, gate.stats().diagnosticsFailed());
        return gate.stats().diagnosticsWritten() + gate.stats().diagnosticsDropped();
    }

    @Test
    void anExceptionWhoseMessageThrowsStillGetsItsLine() {
        CallbackGate gate = gate("hostile", Policy.ALLOW, false);
        call(gate, () -> {
            throw new IllegalStateException() {
                @Override
                public String getMessage() {
                    throw new UnsupportedOperationException("no message for you");
                }
            };
        });
        assertEquals(1, os.stderrLines().size());
        String line = os.stderrLines().get(0);
        assertTrue(line.startsWith("callgate: callback hostile threw dev.callgate.internal.CallbackGateRecordedTest$"), line);
        assertTrue(line.contains(": <getMessage() threw java.lang.UnsupportedOperationException>; returned 0"), line);
        assertEquals(1, gate.stats().diagnosticsWritten());
        assertEquals(0, gate.stats().diagnosticsFailed());
    }

    @Test
    void escapesInNamesAndMessagesNeverReachTheTerminalRaw() {
        CallbackGate gate = gate("tick\u001b]0;owned\u0007", Policy.ALLOW, false);
        call(gate, () -> {
            throw new IllegalStateException("red \u001b[31m bell \u0007 nul \u0000 bs \b vt \u000b ff \f"
                    + " nel \u0085 ls \u2028 ps \u2029 rlo \u202e cr \r lf \n end");
        });
        String line = os.stderrLines().get(0);
        for (char c : line.toCharArray()) {
            assertTrue(c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f) && c != 0x2028 && c != 0x2029
                    && c != 0x202e, "raw control character U+" + Integer.toHexString(c) + " in " + line);
        }
        assertTrue(line.startsWith("callgate: callback tick\\x1b]0;owned\\x07 threw"), line);
        assertTrue(line.contains("red \\x1b[31m bell \\x07 nul \\x00 bs \\x08 vt \\x0b ff \\x0c nel \\u0085 ls \\u2028"
                + " ps \\u2029 rlo \\u202e cr \\r lf \\n end"), line);
    }

    @Test
    void aLongMessageIsShortenedAndTheTailIsKept() {
        String name = "n".repeat(128);
        CallbackGate gate = gate(name, Policy.ALLOW, false);
        call(gate, () -> {
            throw new IllegalStateException("m".repeat(2_000));
        });
        String line = os.stderrLines().get(0);
        assertTrue(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 511, line.length() + "");
        assertTrue(line.startsWith("callgate: callback " + name + " threw java.lang.IllegalStateException: mmm"), line);
        assertTrue(line.endsWith("m...; returned 0 to native code (said once per exception class)"), line);
    }

    @Test
    void longNamesKeepEachKindOfLineDistinct() {
        String name = "x".repeat(128);
        CallbackGate foreign = gate(name, Policy.WARN, true);
        onAnotherThread(() -> call(foreign, () -> {}));
        foreign.close();
        call(foreign, () -> {});
        List<String> lines = os.stderrLines();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).endsWith("; ran it (policy WARN)"), lines.get(0));
        assertTrue(lines.get(1).endsWith(" called after close; not run, returned 0 to native code"), lines.get(1));
    }

    @Test
    void aJvmThreadIsNeverForeignAndEntersWithoutALine() {
        CallbackGate gate = gate("jvm", Policy.ABORT, false);
        assertNotNull(gate.enter());
        assertEquals(0, gate.stats().foreignCalls());
        assertEquals(List.of(), os.stderrLines());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            sleep(5);
        }
        assertTrue(condition.getAsBoolean());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
