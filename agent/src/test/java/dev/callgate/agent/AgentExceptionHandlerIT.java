package dev.callgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.agent.programs.HandlerProgram;
import dev.callgate.agent.support.Child;
import dev.callgate.testsupport.ChildJvmResult;
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
        ChildJvmResult without = Child.program().run(PROGRAM, "exit=3");
        assertEquals(3, without.exitCode(), without::describe);
        assertEquals(2, without.number("handlerCalls"), without::describe);
        assertEquals("true", without.value("sameArguments"), without::describe);

        ChildJvmResult with = Child.program().withAgent(null).run(PROGRAM, "exit=3");
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
        ChildJvmResult without = Child.program().run(PROGRAM, "noHandler");
        assertEquals(2, without.stderrLinesWith("JNA: Callback").size(), without::describe);

        ChildJvmResult with = Child.program().withAgent(null).run(PROGRAM, "noHandler");
        assertEquals(0, with.exitCode(), with::describe);
        assertEquals(0, with.stderrLinesWith("JNA: Callback").size(), with::describe);
        assertEquals(1, with.stderrLinesWith("callgate: callback Failing threw").size(), with::describe);
        assertEquals(1, with.stderrLinesWith("callgate: callback FailingTick threw").size(), with::describe);
    }

    /** A handler that throws: its exception stops in the agent (one line), nothing reaches native code. */
    @Test
    void aHandlerThatThrowsIsContained() {
        ChildJvmResult r = Child.program().withAgent(null).run(PROGRAM, "handlerThrows", "exit=4");
        assertEquals(4, r.exitCode(), r::describe);
        assertEquals("ok", r.value("plain"), r::describe);
        assertEquals(2, r.number("handlerCalls"), r::describe);
        assertEquals("true", r.value("sameArguments"), r::describe);
        List<String> contained = r.stderrLinesWith("callgate-agent: the callback exception handler");
        assertEquals(1, contained.size(), r::describe);
        assertTrue(contained.get(0).contains(" threw java.lang.IllegalStateException: the handler itself failed for"
                + " callback Failing; contained, so that it does not reach native code (said once)"), r::describe);
        assertEquals(0, r.stderrLinesWith("JNA: error").size(), r::describe);
        assertEquals(0, r.stderrLinesWith("Exception in thread").size(), r::describe);
    }

    private static void assertBefore(List<String> lines, String first, String then, ChildJvmResult r) {
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
