package dev.callgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.agent.programs.NoJnaProgram;
import dev.callgate.agent.support.Child;
import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        ChildJvmResult r = Child.program().withoutJna().run(PROGRAM, "exit=3");
        assertEquals(3, r.exitCode(), r::describe);
        assertEquals("ok", r.value("plain"), r::describe);
        assertEquals("", r.stderr(), r::describe);
    }

    @Test
    void noJnaOnTheClassPathOneLineAndTheProgramRuns() {
        ChildJvmResult r = Child.program().withoutJna().withAgent(null).run(PROGRAM, "exit=0");
        assertOneLine(r, 0, NO_JNA);
    }

    @Test
    void jnaOnlyInAChildLoaderOneLineAndTheProgramRuns() {
        ChildJvmResult r = Child.program().withoutJna().withAgent(null).run(PROGRAM, "jna=" + Child.jnaJar(), "exit=3");
        assertOneLine(r, 3, NO_JNA);
        assertEquals("child", r.value("jnaLoader"), r::describe);
    }

    /** The fleet case: the agent for every JVM in JAVA_TOOL_OPTIONS, this one without JNA. */
    @Test
    void agentInJavaToolOptionsOnAJvmWithoutJna() {
        ChildJvmResult r = Child.program().withoutJna().env("JAVA_TOOL_OPTIONS", "-javaagent:" + Child.agentJar())
                .run(PROGRAM, "exit=0");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("ok", r.value("plain"), r::describe);
        assertEquals(List.of(NO_JNA), r.stderr().lines().filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS"))
                .toList(), r::describe);
    }

    /** {@code java -version} with the agent set for every JVM: one line at most, status 0. */
    @Test
    void javaVersionWithTheAgentInJavaToolOptions() {
        ChildJvmResult r = ChildJvm.optionsOnly().jvmOptions("-version")
                .env("JAVA_TOOL_OPTIONS", "-javaagent:" + Child.agentJar()).run();
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("version \"" + Runtime.version().feature()), r::describe);
        assertEquals(List.of(NO_JNA), r.stderr().lines().filter(l -> l.startsWith("callgate")).toList(), r::describe);
    }

    /**
     * A JNA whose CallbackReference lacks what the agent hooks (a stand-in compiled here: no
     * getFunctionPointer(Callback, boolean), no getCallback(Class, Pointer, boolean), no initializers, no
     * DefaultCallbackProxy): one line,
     * the class loads and the program runs untouched.
     */
    @Test
    void unsupportedJnaOneLineAndTheProgramRuns(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("src/com/sun/jna/CallbackReference.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package com.sun.jna; public class CallbackReference {"
                + " public static Object getFunctionPointer(Object callback) { return null; } }");
        Path classes = dir.resolve("classes");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                source.toString()));
        ChildJvmResult r = Child.program().withoutJna().alsoOnClassPath(classes).withAgent(null)
                .run(PROGRAM, "load=com.sun.jna.CallbackReference", "exit=3");
        assertOneLine(r, 3, "callgate-agent: JNA (unknown version) is not supported; it lacks what the agent hooks"
                + " (missing: class com/sun/jna/Callback, class com/sun/jna/Callback$UncaughtExceptionHandler, class"
                + " com/sun/jna/CallbackThreadInitializer, class com/sun/jna/Native, class com/sun/jna/Pointer, class"
                + " com/sun/jna/CallbackProxy, class com/sun/jna/AltCallingConvention,"
                + " static CallbackReference.getFunctionPointer(Callback, boolean),"
                + " static CallbackReference.getCallback(Class, Pointer, boolean), static Map"
                + " CallbackReference.initializers, class com/sun/jna/CallbackReference$DefaultCallbackProxy), so JNA"
                + " is left alone and callbacks are not gated; use a JNA release that has them (every one from 3.5.0"
                + " to 5.19.1 does), or leave -javaagent out");
        assertEquals("com.sun.jna.CallbackReference", r.value("loaded"), r::describe);
    }

    /** Without its trailing dot the prefix matched nothing: every callback went ungated without a word. */
    @Test
    void packageWithoutItsTrailingDotOneLineAndTheProgramRuns() {
        ChildJvmResult r = Child.program().withAgent("include=com.example").run(PROGRAM, "exit=0");
        assertOneLine(r, 0, "callgate-agent: option include=com.example names no class (a class's simple name"
                + " starts with an upper-case letter) and would match no callback; for the package write"
                + " include=com.example. with the trailing dot; callbacks are not gated");
    }

    @Test
    void badOptionWithoutJnaOneLineAndTheProgramRuns() {
        ChildJvmResult r = Child.program().withoutJna().withAgent("policy=sometimes").run(PROGRAM, "exit=0");
        assertOneLine(r, 0, "callgate-agent: option policy=sometimes is not understood; policy takes allow,"
                + " warn-once, warn, reject, abort; callbacks are not gated");
    }

    @Test
    void unknownKeyWithJnaOneLineAndTheProgramRuns() {
        ChildJvmResult r = Child.program().withAgent("colour=red").run(PROGRAM, "exit=0");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("ok", r.value("plain"), r::describe);
        List<String> lines = r.stderrLinesWith("callgate");
        assertEquals(1, lines.size(), r::describe);
        assertTrue(lines.get(0).startsWith("callgate-agent: unknown option \"colour\"; keys: policy,"), r::describe);
        assertEquals(1, r.stderr().lines().count(), r::describe);
    }

    @Test
    void typoedCallgatePropertyOneLineAndTheProgramRuns() {
        ChildJvmResult r = Child.program().withAgent(null).jvmOption("-Dcallgate.exitgaurd=off").run(PROGRAM, "exit=0");
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("ok", r.value("plain"), r::describe);
        List<String> lines = r.stderr().lines().toList();
        assertEquals(1, lines.size(), r::describe);
        assertTrue(lines.get(0).startsWith("callgate-agent: a bad system property: -Dcallgate.exitgaurd=off:"), r::describe);
        assertTrue(lines.get(0).contains("did you mean callgate.exitGuard?"), r::describe);
        assertTrue(lines.get(0).endsWith("; callbacks are not gated"), r::describe);
    }

    private static void assertOneLine(ChildJvmResult r, int exit, String line) {
        assertEquals(exit, r.exitCode(), r::describe);
        assertEquals("ok", r.value("plain"), r::describe);
        assertEquals(List.of(line), r.stderr().lines().toList(), r::describe);
    }
}
