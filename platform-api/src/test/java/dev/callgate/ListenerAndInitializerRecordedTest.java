package dev.callgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Callback;
import dev.callgate.internal.ForeignThreadInitializer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The opt-in listener gets every kind of line, on callgate's listener thread, never the callback's;
 * one that throws does not stop the next diagnostic.
 */
class ListenerAndInitializerRecordedTest {

    interface IntOp extends Callback {
        int apply(int a);
    }

    private final RecordingBackend os = new RecordingBackend();

    @Test
    void aListenerReceivesEachLineOffTheCallbackThread() throws Exception {
        BlockingQueue<Diagnostic> received = new LinkedBlockingQueue<>();
        BlockingQueue<Thread> listenerThreads = new LinkedBlockingQueue<>();
        DiagnosticListener listener = d -> {
            listenerThreads.add(Thread.currentThread());
            received.add(d);
        };
        DiagnosticListener broken = d -> {
            throw new IllegalStateException("a broken listener");
        };
        CallGate.addListener(broken);
        CallGate.addListener(listener);
        try {
            GatedCallback<IntOp> gate = CallGate.builder(IntOp.class, (IntOp) a -> {
                throw new IllegalArgumentException("bad " + a);
            }).name("listened").backend(os).diagnostics(os.stderr()).build();
            gate.callback().apply(1);
            gate.close();
            gate.callback().apply(2);

            Diagnostic threw = received.poll(10, TimeUnit.SECONDS);
            Diagnostic afterClose = received.poll(10, TimeUnit.SECONDS);
            assertEquals(DiagnosticKind.EXCEPTION, threw.kind());
            assertEquals("listened", threw.callback());
            assertTrue(threw.thrown() instanceof IllegalArgumentException);
            assertEquals(os.stderrLines().get(0), threw.line(), "the listener gets the line standard error got");
            assertEquals(DiagnosticKind.AFTER_CLOSE, afterClose.kind());
            assertNull(afterClose.thrown());
            Thread first = listenerThreads.poll(1, TimeUnit.SECONDS);
            assertEquals("callgate-listeners", first.getName());
            assertNotEquals(Thread.currentThread(), first);
        } finally {
            assertTrue(CallGate.removeListener(listener));
            assertTrue(CallGate.removeListener(broken));
        }
        assertEquals(0, CallGate.listenerDrops());
    }

    /** Counts what it hears; says it equals every other one, so only identity tells two apart. */
    private static final class Tally implements DiagnosticListener {
        final BlockingQueue<Diagnostic> heard = new LinkedBlockingQueue<>();

        @Override
        public void onDiagnostic(Diagnostic diagnostic) {
            heard.add(diagnostic);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Tally;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    @Test
    void aListenerAddedTwiceHearsEachLineOnceAndAnEqualOneIsStillItsOwn() throws Exception {
        Tally twice = new Tally();
        Tally equalButOther = new Tally();
        CallGate.addListener(twice);
        CallGate.addListener(twice);
        CallGate.addListener(equalButOther);
        try {
            GatedCallback<IntOp> gate = CallGate.builder(IntOp.class, (IntOp) a -> {
                throw new IllegalArgumentException("bad " + a);
            }).name("listened-twice").backend(os).diagnostics(os.stderr()).build();
            gate.callback().apply(1);
            gate.close();
            gate.callback().apply(2); // a second line: the queue is in order, so the first's copies came before it

            assertEquals(DiagnosticKind.EXCEPTION, twice.heard.poll(10, TimeUnit.SECONDS).kind());
            assertEquals(DiagnosticKind.AFTER_CLOSE, twice.heard.poll(10, TimeUnit.SECONDS).kind(),
                    "the listener added twice got the first line twice");
            assertEquals(DiagnosticKind.EXCEPTION, equalButOther.heard.poll(10, TimeUnit.SECONDS).kind(),
                    "an equal listener is another instance and gets its own copy");
            assertEquals(DiagnosticKind.AFTER_CLOSE, equalButOther.heard.poll(10, TimeUnit.SECONDS).kind());
            assertTrue(twice.heard.isEmpty() && equalButOther.heard.isEmpty(), () -> twice.heard + " " + equalButOther.heard);
            assertTrue(CallGate.removeListener(twice));
            assertEquals(false, CallGate.removeListener(twice), "removed once, it is gone");
            assertTrue(CallGate.removeListener(equalButOther), "removing one never removes an equal other");
        } finally {
            while (CallGate.removeListener(twice)) { // leave no listener behind for the other tests
            }
            CallGate.removeListener(equalButOther);
        }
    }

    @Test
    void theApplicationsInitializerNamesForeignThreads() {
        com.sun.jna.CallbackThreadInitializer mine = new com.sun.jna.CallbackThreadInitializer(false, false, "decoder",
                new ThreadGroup("media"));
        ForeignThreadInitializer chained = new ForeignThreadInitializer(os, Attachment.KEEP_ATTACHED, mine);
        assertEquals("decoder", chained.getName(null));
        assertEquals("media", chained.getThreadGroup(null).getName());
        assertTrue(chained.isDaemon(null), "callgate's threads are daemons whatever the application's says");
        assertEquals(false, chained.detach(null));

        ForeignThreadInitializer own = new ForeignThreadInitializer(os, Attachment.DETACH_AFTER_EACH_CALL, null);
        assertTrue(own.getName(null).startsWith("callgate-foreign-"));
        assertEquals(ForeignThreadInitializer.GROUP, own.getThreadGroup(null));
        assertEquals(true, own.detach(null));
        assertEquals(List.of(), os.stderrLines());
    }
}
