package dev.callgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.VirtualMachine;
import dev.callgate.agent.programs.PlainJnaProgram;
import dev.callgate.agent.programs.ReuseProgram;
import dev.callgate.agent.support.Child;
import dev.callgate.testsupport.ChildJvmResult;
import dev.callgate.testsupport.RunningChild;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent loaded into a running JVM with the JDK's attach API. The child has loaded JNA and
 * converted one callback before the attach (so JNA's classes are retransformed), then waits on
 * stdin; the callback it converts after the attach is gated.
 */
class AgentAttachIT {

    @Test
    void attachedAgentGatesCallbacksConvertedAfterTheAttach() throws Exception {
        ChildJvmResult r = attachAndRun(Child.program());
        if (Runtime.version().feature() < 21) {
            assertTrue(r.stderr().lines().noneMatch(l -> l.startsWith("WARNING")), r::describe);
        } else { // the build's own JDK is 21+: it warns about the dynamically loaded agent
            assertTrue(r.stderr().contains("WARNING: A Java agent has been loaded dynamically"), r::describe);
        }
    }

    /** JDK 21+ warns about a dynamically loaded agent unless -XX:+EnableDynamicAgentLoading; the agent works either way. */
    @Test
    void onTemurin25TheJdkWarnsAboutTheDynamicAgentAndTheGateWorks() throws Exception {
        Path java25 = Child.temurin25();
        assumeTrue(java25 != null, "Temurin 25 is not installed at /usr/lib/jvm/temurin-25-jdk-amd64");
        ChildJvmResult r = attachAndRun(Child.program().java(java25).jvmOption("--enable-native-access=ALL-UNNAMED"));
        assertTrue(r.stderr().contains("WARNING: A Java agent has been loaded dynamically"), r::describe);
    }

    /**
     * A bad option fails {@code loadAgent} on the attaching side (the JDK reports only that the agent
     * failed to initialize; the target's stderr has the line, inside the JDK's own report), the
     * target runs on ungated, and a later attach with good options installs the agent as usual.
     */
    @Test
    void badOptionMakesLoadAgentFailAndTheTargetRunsOn() throws Exception {
        RunningChild child = Child.program().start(PlainJnaProgram.class.getName(), "pool", "calls=1000", "wait",
                "exit=3");
        String pid = readyPid(child);
        for (String bad : List.of("policy=sometimes", "include=com.example")) {
            assertThrows(AgentInitializationException.class, () -> load(pid, bad), bad);
        }
        load(pid, "policy=warn-once");
        ChildJvmResult r = go(child);
        assertGatedRun(r);
        assertEquals(1, r.stderrLinesWith("java.lang.IllegalArgumentException: callgate-agent: option policy=sometimes is"
                + " not understood; policy takes allow, warn-once, warn, reject, abort; callbacks are not gated").size(),
                r::describe);
        assertEquals(1, r.stderrLinesWith("java.lang.IllegalArgumentException: callgate-agent: option include=com.example"
                + " names no class").size(), r::describe);
    }

    /**
     * A callback JNA converted before the attach: calls through the pointer native code kept stay
     * ungated until the application passes the callback to native code again; from then on every call
     * is gated, through the old pointer too, which JNA keeps (the same trampoline). A callback
     * converted for a direct-mapped function before the attach keeps its one pointer.
     */
    @Test
    void aCallbackConvertedBeforeTheAttachIsGatedOncePassedAgain() throws Exception {
        RunningChild child = Child.program().start(ReuseProgram.class.getName());
        load(readyPid(child), "policy=warn-once");
        ChildJvmResult r = go(child);
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals(0, r.number("oldPointer"), r::describe);
        assertEquals(5, r.number("passedAgain"), r::describe);
        assertEquals(10, r.number("oldPointerAfter"), r::describe);
        assertEquals(20, r.number("calls"), r::describe);
        assertEquals("true", r.value("samePointer"), r::describe);
        assertEquals("true", r.value("sameDirectPointer"), r::describe); // stays direct, so native code sees one pointer
        assertEquals(1, r.stderrLinesWith("a callback converted before is gated once the application passes it to native"
                + " code again").size(), r::describe);
        assertEquals(1, r.stderrLinesWith("callgate: callback Reused on thread not created by the JVM").size(), r::describe);
    }

    private static ChildJvmResult attachAndRun(Child program) throws Exception {
        RunningChild child = program.start(PlainJnaProgram.class.getName(), "pool", "calls=1000", "wait", "exit=3");
        load(readyPid(child), "policy=warn-once");
        ChildJvmResult r = go(child);
        assertGatedRun(r);
        assertEquals(2, r.stderr().lines().filter(l -> l.startsWith("callgate")).count(), r::describe);
        return r;
    }

    private static void assertGatedRun(ChildJvmResult r) {
        assertEquals(3, r.exitCode(), r::describe);
        List<String> attached = r.stderrLinesWith("callgate-agent: attached; JNA callbacks converted from now on are gated");
        assertEquals(1, attached.size(), r::describe);
        assertEquals(1, r.stderrLinesWith("callgate: callback Worker on thread not created by the JVM").size(), r::describe);
        assertEquals(1000, r.number("calls"), r::describe);
        assertEquals(1, r.number("javaThreads"), r::describe);
    }

    /** The pid the child prints once it is ready for the attach (its first stdout line). */
    private static String readyPid(RunningChild child) throws Exception {
        return child.awaitLine("ready ", Duration.ofSeconds(120)).substring(6).strip();
    }

    /** Tells the child to go on, and waits for it to end. */
    private static ChildJvmResult go(RunningChild child) {
        try (child) {
            child.send("go");
            return child.awaitResult();
        }
    }

    private static void load(String pid, String options) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        try {
            vm.loadAgent(Child.agentJar().toString(), options);
        } finally {
            vm.detach();
        }
    }
}
