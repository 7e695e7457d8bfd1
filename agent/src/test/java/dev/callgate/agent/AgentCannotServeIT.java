package dev.callgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.agent.programs.NoJnaProgram;
import dev.callgate.agent.support.Child;
import dev.callgate.agent.support.Child.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JVMs the agent cannot serve: each runs to its own end with its own exit status, as without the
 * agent, and stderr holds exactly one callgate-agent line and nothing else.
 */
class AgentCannotServeIT {

    private static final String PROGRAM = NoJnaProgram.class.getName();
    private static final String NO_JNA = "callgate-agent: no JNA on the system class path; the agent uses the"
            + " application's JNA and brings none, so callbacks are not gated in this JVM; put JNA's jar on the"
            + " class path (-cp), or leave -javaagent out of JVMs that do not load JNA from it";

    @Test
    void withoutTheAgentTheProgramRunsAndSaysNothing() {
        Result r = Child.program().withoutJna().run(PROGRAM, "exit=3");
        assertEquals(3, r.exitCode(), r::describe);
        assertEquals("ok", r.value("plain"), r::describe);
        assertEquals("", r.stderr(), r::describe);
    }

    @Test
    void noJnaOnTheClassPathOneLineAndTheProgramRuns() {
        Result r = Child.program().withoutJna().withAgent(null).run(PROGRAM, "exit=0");
        assertOneLine(r, 0, NO_JNA);
    }

    @Test
    void jnaOnlyInAChildLoaderOneLineAndTheProgramRuns() {
        Result r = Child.program().withoutJna().withAgent(null).run(PROGRAM, "jna=" + Child.jnaJar(), "exit=3");
        assertOneLine(r, 3, NO_JNA);
        assertEquals("child", r.value("jnaLoader"), r::describe);
    }

    /** The fleet case: the agent for every JVM in JAVA_TOOL_OPTIONS, this one without JNA. */
    @Test
    void agentInJavaToolOptionsOnAJvmWithoutJna() {
        Result r = Child.program().withoutJna().env("JAVA_TOOL_OPTIONS", "-javaagent:" + Child.agentJar())
                .run(PROGRAM, "exit=0");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("ok", r.value("plain"), r::describe);
        assertEquals(List.of(NO_JNA), r.stderr().lines().filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS"))
                .toList(), r::describe);
    }

    @Test
    void badOptionWithoutJnaOneLineAndTheProgramRuns() {
        Result r = Child.program().withoutJna().withAgent("policy=sometimes").run(PROGRAM, "exit=0");
        assertOneLine(r, 0, "callgate-agent: option policy=sometimes is not understood; policy takes allow,"
                + " warn-once, warn, reject, abort; callbacks are not gated");
    }

    @Test
    void unknownKeyWithJnaOneLineAndTheProgramRuns() {
        Result r = Child.program().withAgent("colour=red").run(PROGRAM, "exit=0");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("ok", r.value("plain"), r::describe);
        List<String> lines = r.linesWith("callgate");
        assertEquals(1, lines.size(), r::describe);
        assertTrue(lines.get(0).startsWith("callgate-agent: unknown option \"colour\"; keys: policy,"), r::describe);
        assertEquals(1, r.stderr().lines().count(), r::describe);
    }

    private static void assertOneLine(Result r, int exit, String line) {
        assertEquals(exit, r.exitCode(), r::describe);
        assertEquals("ok", r.value("plain"), r::describe);
        assertEquals(List.of(line), r.stderr().lines().toList(), r::describe);
    }
}
