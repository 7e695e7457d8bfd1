package dev.callgate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.sun.jna.Structure;
import dev.callgate.Attachment;
import dev.callgate.CallGate;
import dev.callgate.CallbackStats;
import dev.callgate.Diagnostic;
import dev.callgate.DiagnosticListener;
import dev.callgate.ExceptionReporting;
import dev.callgate.Policy;
import dev.callgate.RecordingBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The one bracket the library API's JNA proxy and the java agent run a body in, over a recorded
 * backend: what the line and the agent's exception handler get, what native code gets back.
 */
class BodyBracketRecordedTest {

    public interface Op {
        int apply(int a);
    }

    /** A by-value structure JNA copies out of native memory: a default must be written there first. */
    @Structure.FieldOrder({"x", "y"})
    public static class Pair extends Structure implements Structure.ByValue {
        public int x;
        public int y;
    }

    public interface MakesPair {
        Pair make();
    }

    private final RecordingBackend os = new RecordingBackend();

    @AfterEach
    void release() {
        os.release();
    }

    private CallbackGate gate(String name) {
        return GateSpec.named(name).policy(Policy.ALLOW).attachment(Attachment.KEEP_ATTACHED)
                .exceptionReporting(ExceptionReporting.EVERY).fallbackText("-1").backend(os).gate();
    }

    @Test
    void theBodysOwnExceptionIsContainedAndToldAfterTheLineNotTheReflectiveWrapper() throws Throwable {
        CallbackGate gate = gate("thrower");
        List<Object> told = new ArrayList<>();
        BodyBracket bracket = new BodyBracket(gate, called -> -1, (target, thrown) -> {
            told.add(target);
            told.add(thrown);
            told.add(linesDealtWith(gate.stats())); // the gate's line is out (or given up on) before anyone else hears
        });
        IllegalStateException boom = new IllegalStateException("boom");
        Op body = a -> {
            throw boom;
        };

        Diagnostic heard = listening("thrower", () -> assertEquals(-1,
                bracket.call(Op.class.getMethod("apply", int.class), body, new Object[] {1})));

        assertEquals(List.of(body, boom, 1L), told);
        assertEquals(1, gate.stats().exceptions());
        assertSame(boom, heard.thrown());
        assertEquals("callgate: callback thrower threw java.lang.IllegalStateException: boom; returned -1 to native code",
                heard.line());
    }

    @Test
    void whatInvokeItselfThrowsStaysOnThisSideToo() throws Throwable {
        CallbackGate gate = gate("misfit");
        AtomicInteger ran = new AtomicInteger();
        Op body = a -> ran.incrementAndGet();

        Diagnostic heard = listening("misfit", () -> assertEquals(7, BodyBracket.returning(gate, 7).call(
                Op.class.getMethod("apply", int.class), body, new Object[] {"not an int"})));

        assertEquals(0, ran.get());
        assertEquals(1, gate.stats().exceptions());
        assertEquals(IllegalArgumentException.class, heard.thrown().getClass(), "invoke's own refusal");
    }

    /** Lines the gate wrote, gave up on or had refused: the outcome of each is counted before the call returns. */
    private static long linesDealtWith(CallbackStats stats) {
        return stats.diagnosticsWritten() + stats.diagnosticsDropped() + stats.diagnosticsFailed();
    }

    /**
     * Runs {@code action} with a listener on, and returns the first diagnostic of {@code callback}
     * (listeners hear every line, whether or not a loaded machine let it reach standard error in time).
     */
    private static Diagnostic listening(String callback, Executable action) throws Throwable {
        LinkedBlockingQueue<Diagnostic> heard = new LinkedBlockingQueue<>();
        DiagnosticListener listener = d -> {
            if (d.callback().equals(callback)) {
                heard.add(d);
            }
        };
        CallGate.addListener(listener);
        try {
            action.execute();
            Diagnostic first = heard.poll(60, TimeUnit.SECONDS);
            assertNotNull(first, "no diagnostic of " + callback + " reached the listener");
            return first;
        } finally {
            CallGate.removeListener(listener);
        }
    }

    @Test
    void aWrapperWithoutATargetIsReportedItselfNotLost() {
        // Gate.invoke used to contain getCause() unchecked: a null there lost the line (the agent's copy kept it)
        InvocationTargetException bare = new InvocationTargetException(null);
        assertSame(bare, BodyBracket.bodyThrew(bare));
        IllegalStateException body = new IllegalStateException();
        assertSame(body, BodyBracket.bodyThrew(new InvocationTargetException(body)));
    }

    @Test
    void aClosedGateRunsNoBodyAndHandsBackTheStructureWrittenToNativeMemory() throws Exception {
        CallbackGate gate = gate("pair");
        Pair fallback = new Pair();
        BodyBracket bracket = BodyBracket.returning(gate, fallback);
        AtomicInteger ran = new AtomicInteger();
        MakesPair body = () -> {
            ran.incrementAndGet();
            return new Pair();
        };
        gate.close();
        fallback.x = 4;
        fallback.y = 5; // changed after build and close: native code must still see them

        assertSame(fallback, bracket.call(MakesPair.class.getMethod("make"), body, null));

        assertEquals(0, ran.get());
        assertEquals(4, fallback.getPointer().getInt(0));
        assertEquals(5, fallback.getPointer().getInt(4));
    }

    @Test
    void theAgentsFallbackFollowsTheMethodCalled() throws Exception {
        CallbackGate gate = gate("agent");
        gate.close();
        BodyBracket bracket = new BodyBracket(gate, called -> ReturnValues.zeroFor(called.getReturnType()), null);
        Method apply = Op.class.getMethod("apply", int.class);
        Method make = MakesPair.class.getMethod("make");

        assertEquals(0, bracket.call(apply, (Op) a -> a, new Object[] {3}));
        assertNull(bracket.call(make, (MakesPair) Pair::new, null));
    }
}
