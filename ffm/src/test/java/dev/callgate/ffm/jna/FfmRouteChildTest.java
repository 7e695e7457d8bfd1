package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.ffm.FfmChild;
import dev.callgate.testsupport.ChildJvmResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The FFM route's promises that end or outlive a JVM, in child JVMs with their real standard error
 * and exit status: ABORT, exceptions that never reach FFM's VM exit, calls during shutdown, the
 * exit guard.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class FfmRouteChildTest {

    @Test
    void abortEndsTheProcessWithTheGatesLine() throws Exception {
        ChildJvmResult r = FfmChild.run(JnaChildScenarios.class, true, List.of(), "abort");
        assertEquals(134, r.exitCode(), r::toString);
        assertEquals("route=FFM\n", r.stdout(), r::toString);
        List<String> lines = r.stderrLinesStarting("callgate");
        assertEquals(1, lines.size(), r::toString);
        assertTrue(lines.get(0).matches("callgate: callback child-abort on thread not created by the JVM"
                + " \\(native thread \\d+, os linux\\); aborting the process \\(policy ABORT\\)"), r::toString);
    }

    @Test
    void exceptionsNeverReachTheStub() throws Exception {
        ChildJvmResult r = FfmChild.run(JnaChildScenarios.class, true, List.of(), "throw");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("alive; routes FFM FFM FFM; pthread got 42; exceptions 2 1 true\n", r.stdout(), r::toString);
        assertFalse(r.stderr().contains("Unrecoverable uncaught exception"), r::toString);
        assertEquals(3, r.stderrLinesStarting("callgate").size(), r::toString);
    }

    @Test
    void callsDuringShutdownGetTheDefault() throws Exception {
        ChildJvmResult r = FfmChild.run(JnaChildScenarios.class, true, List.of(), "shutdown");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("routes FFM FFM sorted before: [1, 2, 3]\nin the hook, once shutdown was seen: bodies 0; sort during"
                + " shutdown true; pthread got 7, during shutdown 1\n", r.stdout(), r::toString);
        assertEquals(List.of("callgate: callback child-shutdown-sort called during JVM shutdown; not run, returned 0 to"
                + " native code", "callgate: callback child-shutdown-pthread called during JVM shutdown; not run, returned"
                + " native@0x7 to native code"), r.stderrLinesStarting("callgate"), r::toString);
    }

    @Test
    void aKeptAttachedWorkerArmsTheExitGuard() throws Exception {
        ChildJvmResult r = FfmChild.run(JnaChildScenarios.class, true, List.of(), "exit-guard");
        assertEquals(0, r.exitCode(), r::toString);
        List<String> out = r.stdout().lines().toList();
        assertTrue(out.get(0).startsWith("before: auto: standing by"), r::toString);
        assertEquals("route=FFM", out.get(1), r::toString);
        assertTrue(out.get(2).startsWith("worker alive: auto: armed now: 1 kept-attached foreign thread(s) alive"),
                r::toString);
    }
}
