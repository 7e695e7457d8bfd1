package dev.callgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.tools.attach.VirtualMachine;
import dev.callgate.agent.programs.PlainJnaProgram;
import dev.callgate.agent.support.Child;
import dev.callgate.agent.support.Child.Result;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        Result r = attachAndRun(Child.program());
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
        Result r = attachAndRun(Child.program().java(java25).jvmOption("--enable-native-access=ALL-UNNAMED"));
        assertTrue(r.stderr().contains("WARNING: A Java agent has been loaded dynamically"), r::describe);
    }

    private static Result attachAndRun(Child child) throws Exception {
        Process process = Child.start(child.command(PlainJnaProgram.class.getName(), "pool", "calls=1000", "wait",
                "exit=3"));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        assertTrue(ready != null && ready.startsWith("ready "), "child said " + ready);
        VirtualMachine vm = VirtualMachine.attach(ready.substring(6).strip());
        try {
            vm.loadAgent(Child.agentJar().toString(), "policy=warn-once");
        } finally {
            vm.detach();
        }
        Child.tell(process, "go");
        Result r = Child.finish(process);
        assertEquals(3, r.exitCode(), r::describe);
        List<String> attached = r.linesWith("callgate-agent: attached; JNA callbacks converted from now on are gated");
        assertEquals(1, attached.size(), r::describe);
        assertEquals(1, r.linesWith("callgate: callback Worker on thread not created by the JVM").size(), r::describe);
        assertEquals(2, r.stderr().lines().filter(l -> l.startsWith("callgate")).count(), r::describe);
        assertEquals(1000, r.number("calls"), r::describe);
        assertEquals(1, r.number("javaThreads"), r::describe);
        return r;
    }
}
