package dev.callgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.callgate.agent.programs.PlainJnaProgram;
import dev.callgate.agent.support.Child;
import dev.callgate.testsupport.ChildJvmResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The unmodified plain-JNA program in child JVMs, with and without the agent. */
class AgentEndToEndIT {

    private static final String PROGRAM = PlainJnaProgram.class.getName();
    private static final String FOREIGN = "callgate: callback Worker on thread not created by the JVM";

    @Test
    void withoutTheAgentJnaMakesAJavaThreadPerCallAndSaysNothing() {
        ChildJvmResult r = Child.program().run(PROGRAM, "pool", "calls=2000", "exit=3");
        assertEquals(3, r.exitCode(), r::describe);
        assertEquals(2000, r.number("calls"), r::describe);
        assertTrue(r.number("javaThreads") > 100, r::describe);
        assertTrue(r.stderrLinesWith("callgate").isEmpty(), r::describe);
    }

    @Test
    void interfaceMappedCallbackIsGatedOnceAndItsThreadKept() {
        ChildJvmResult r = Child.program().withAgent(null).run(PROGRAM, "pool", "calls=2000", "exit=3");
        assertGatedOnOneKeptThread(r);
    }

    @Test
    void debugPropertyNamesEachInstrumentedJnaClass() {
        ChildJvmResult r = Child.program().withAgent(null).jvmOption("-Dcallgate.agent.debug=true")
                .run(PROGRAM, "pool", "calls=20", "exit=3");
        assertEquals(3, r.exitCode(), r::describe);
        assertEquals(List.of("callgate-agent: instrumenting com.sun.jna.CallbackReference",
                "callgate-agent: instrumenting com.sun.jna.CallbackReference$DefaultCallbackProxy"),
                r.stderrLinesWith("instrumenting"), r::describe);
    }

    @Test
    void directMappedCallbackIsGatedOnceAndItsThreadKept() {
        ChildJvmResult r = Child.program().withAgent(null).run(PROGRAM, "direct", "calls=2000", "exit=3");
        assertGatedOnOneKeptThread(r);
    }

    @Test
    void directLeaveKeepsJnaDirectDispatchUngated() {
        ChildJvmResult r = Child.program().withAgent("direct=leave").run(PROGRAM, "direct", "calls=500", "exit=3");
        assertEquals(3, r.exitCode(), r::describe);
        assertTrue(r.stderrLinesWith("callgate").isEmpty(), r::describe);
        assertTrue(r.number("javaThreads") > 10, r::describe);
        assertEquals(0, r.number("gatedCalls"), () -> "the agent is loaded but gates nothing\n" + r.describe());
    }

    @Test
    void throwingCallbackIsContainedWithOneLine() {
        ChildJvmResult r = Child.program().withAgent(null).run(PROGRAM, "pool", "calls=500", "throw", "exit=3");
        assertEquals(3, r.exitCode(), r::describe);
        assertEquals(500, r.number("calls"), r::describe);
        List<String> thrown = r.stderrLinesWith("callgate: callback Worker threw java.lang.IllegalStateException: worker failed");
        assertEquals(1, thrown.size(), r::describe);
        assertTrue(thrown.get(0).endsWith("returned nothing to native code (said once per exception class)"), r::describe);
        assertFalse(r.stderr().contains("\tat "), "no stack trace reaches JNA's handler\n" + r.describe());
    }

    @Test
    void rejectPolicyReturnsTheDefaultWithoutRunningTheBody() {
        ChildJvmResult r = Child.program().withAgent("policy=reject").run(PROGRAM, "pool", "calls=300", "exit=3");
        assertEquals(3, r.exitCode(), r::describe);
        assertEquals(0, r.number("calls"), r::describe);
        List<String> lines = r.stderrLinesWith(FOREIGN);
        assertEquals(1, lines.size(), r::describe);
        assertTrue(lines.get(0).contains("not run, returned nothing to native code (policy REJECT"), r::describe);
    }

    @Test
    void excludedCallbackIsLeftAsJnaMadeIt() {
        ChildJvmResult r = Child.program().withAgent("exclude=dev.callgate.agent.programs.")
                .run(PROGRAM, "pool", "calls=500", "exit=3");
        assertEquals(3, r.exitCode(), r::describe);
        assertTrue(r.stderrLinesWith("callgate").isEmpty(), r::describe);
        assertTrue(r.number("javaThreads") > 10, r::describe);
        assertEquals(0, r.number("gatedCalls"), () -> "the agent is loaded but gates nothing\n" + r.describe());
    }

    @Test
    void jvmThreadCallbackThroughQsortIsNotForeign() {
        ChildJvmResult r = Child.program().withAgent(null).run(PROGRAM, "qsort", "calls=20000");
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.number("calls") >= 20000, r::describe);
        assertTrue(r.stderrLinesWith("callgate").isEmpty(), r::describe);
        assertEquals(r.number("calls"), r.number("gatedCalls"), () -> "every comparison passed the gate\n" + r.describe());
        assertEquals(0, r.number("gatedForeignCalls"), r::describe);
    }

    @Test
    void badOptionsLeaveTheApplicationUnchanged() {
        ChildJvmResult r = Child.program().withAgent("policy=sometimes").run(PROGRAM, "pool", "calls=200", "exit=3");
        assertEquals(3, r.exitCode(), r::describe);
        assertEquals(List.of("callgate-agent: option policy=sometimes is not understood; policy takes allow,"
                + " warn-once, warn, reject, abort; callbacks are not gated"), r.stderrLinesWith("callgate"), r::describe);
    }

    @Test
    void agentJarWorksOnTemurin25WithoutUnsafeWarnings() {
        Path java25 = Child.temurin25();
        assumeTrue(java25 != null, "Temurin 25 is not installed at /usr/lib/jvm/temurin-25-jdk-amd64");
        ChildJvmResult r = Child.program().java(java25).jvmOption("--enable-native-access=ALL-UNNAMED").withAgent(null)
                .run(PROGRAM, "pool", "calls=2000", "exit=3");
        assertGatedOnOneKeptThread(r);
        assertFalse(r.stderr().contains("WARNING"), r::describe);
    }

    @Test
    void agentDemoPrintsWhatItGated() {
        ChildJvmResult r = Child.program().withAgent(null).run(AgentDemo.class.getName(), "500");
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stdout().contains("agent: gated 500 callbacks"), r::describe);
        assertEquals(1, r.stderrLinesWith("on thread not created by the JVM").size(), r::describe);
    }

    private static void assertGatedOnOneKeptThread(ChildJvmResult r) {
        assertEquals(3, r.exitCode(), r::describe);
        assertEquals(2000, r.number("calls"), r::describe);
        List<String> lines = r.stderrLinesWith(FOREIGN);
        assertEquals(1, lines.size(), r::describe);
        assertEquals(1, r.stderrLinesWith("callgate").size(), r::describe);
        assertEquals(1, r.number("javaThreads"), r::describe);
        assertTrue(r.value("threadNames").matches("callgate-foreign-\\d+\\(daemon\\);"), r::describe);
    }
}
