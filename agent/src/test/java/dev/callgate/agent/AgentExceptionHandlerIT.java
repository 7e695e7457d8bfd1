package dev.callgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.agent.programs.HandlerProgram;
import dev.callgate.agent.support.Child;
import dev.callgate.agent.support.Child.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The application's own JNA callback exception handler under the agent: called as without it (same
 * count, same callback and exception), each time after callgate's line and counter.
 */
class AgentExceptionHandlerIT {

    private static final String PROGRAM = HandlerProgram.class.getName();

    @Test
    void theHandlerIsCalledAsWithoutTheAgent() {
        Result without = Child.program().run(PROGRAM, "exit=3");
        assertEquals(3, without.exitCode(), without::describe);
        assertEquals(2, without.number("handlerCalls"), without::describe);
        assertEquals("true", without.value("sameArguments"), without::describe);

        Result with = Child.program().withAgent(null).run(PROGRAM, "exit=3");
        assertEquals(3, with.exitCode(), with::describe);
        assertEquals("ok", with.value("plain"), with::describe);
        assertEquals(without.number("handlerCalls"), with.number("handlerCalls"), with::describe);
        assertEquals("true", with.value("sameArguments"), with::describe);
        assertEquals("1,2", with.value("exceptionsSeenByHandler"), with::describe); // the counter came first
        List<String> lines = with.stderr().lines().toList();
        assertBefore(lines, "callgate: callback Failing threw java.lang.IllegalStateException: compare failed",
                "handler: compare failed", with);
        assertBefore(lines, "callgate: callback FailingTick threw java.lang.IllegalStateException: tick failed",
                "handler: tick failed", with);
    }

    /** JNA's default handler only logs: the gate's line is the one report, as for any contained exception. */
    @Test
    void withoutAHandlerOfItsOwnJnasDefaultLogIsNotAdded() {
        Result without = Child.program().run(PROGRAM, "noHandler");
        assertEquals(2, without.linesWith("JNA: Callback").size(), without::describe);

        Result with = Child.program().withAgent(null).run(PROGRAM, "noHandler");
        assertEquals(0, with.exitCode(), with::describe);
        assertEquals(0, with.linesWith("JNA: Callback").size(), with::describe);
        assertEquals(1, with.linesWith("callgate: callback Failing threw").size(), with::describe);
        assertEquals(1, with.linesWith("callgate: callback FailingTick threw").size(), with::describe);
    }

    /** A handler that throws: its exception stops in the agent (one line), nothing reaches native code. */
    @Test
    void aHandlerThatThrowsIsContained() {
        Result r = Child.program().withAgent(null).run(PROGRAM, "handlerThrows", "exit=4");
        assertEquals(4, r.exitCode(), r::describe);
        assertEquals("ok", r.value("plain"), r::describe);
        assertEquals(2, r.number("handlerCalls"), r::describe);
        assertEquals("true", r.value("sameArguments"), r::describe);
        List<String> contained = r.linesWith("callgate-agent: the callback exception handler");
        assertEquals(1, contained.size(), r::describe);
        assertTrue(contained.get(0).contains(" threw java.lang.IllegalStateException: the handler itself failed for"
                + " callback Failing; contained, so that it does not reach native code (said once)"), r::describe);
        assertEquals(0, r.linesWith("JNA: error").size(), r::describe);
        assertEquals(0, r.linesWith("Exception in thread").size(), r::describe);
    }

    private static void assertBefore(List<String> lines, String first, String then, Result r) {
        int a = indexOf(lines, first);
        int b = indexOf(lines, then);
        assertTrue(a >= 0 && b > a, () -> "expected \"" + first + "\" before \"" + then + "\"\n" + r.describe());
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        return -1;
    }
}
