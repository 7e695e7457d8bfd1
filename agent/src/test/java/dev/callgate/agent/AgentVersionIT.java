package dev.callgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.agent.programs.PlainJnaProgram;
import dev.callgate.agent.support.Child;
import dev.callgate.testsupport.ChildJvm;
import dev.callgate.testsupport.ChildJvmResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent jar names its version: on its start line when asked, and run as a program. */
class AgentVersionIT {

    private static final String VERSION = System.getProperty("test.callgate.version");

    @Test
    void verboseStartLineNamesTheVersionAndTheOptions() {
        ChildJvmResult r = Child.program().withAgent("verbose=true,policy=warn").run(PlainJnaProgram.class.getName(), "pool",
                "calls=20", "exit=3");
        assertEquals(3, r.exitCode(), r::describe);
        assertEquals(List.of("callgate-agent " + VERSION + ": started (policy WARN, attachment KEEP_ATTACHED,"
                + " exceptions ONCE_PER_CLASS)"), r.stderrLinesWith("callgate-agent"), r::describe);
    }

    @Test
    void withoutVerboseTheAgentStartsSilently() {
        ChildJvmResult r = Child.program().withAgent(null).run(PlainJnaProgram.class.getName(), "pool", "calls=20", "exit=3");
        assertEquals(3, r.exitCode(), r::describe);
        assertEquals(List.of(), r.stderrLinesWith("callgate-agent"), r::describe);
    }

    /** {@code java -jar callgate-agent.jar}, with no JNA anywhere: the version and the usage, status 0. */
    @Test
    void runningTheJarPrintsTheVersionAndHowToUseTheAgent() {
        ChildJvmResult r = ChildJvm.jar(Child.agentJar()).run();
        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("", r.stderr(), r::describe);
        assertTrue(r.stdout().startsWith("callgate-agent " + VERSION + "\nusage: java -javaagent:callgate-agent.jar"),
                r::describe);
        for (String option : List.of("policy=", "attachment=", "exceptions=", "include=", "exclude=", "direct=", "route=",
                "verbose=")) {
            assertTrue(r.stdout().contains(option), () -> "usage names " + option + "\n" + r.describe());
        }
    }
}
