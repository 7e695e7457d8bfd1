package dev.callgate.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvmResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * In child JVMs, with their real standard error and exit status: an exception from the target is
 * contained (the bare upcall ends the VM), and every policy on a GLib worker thread.
 */
class ContainmentAndPolicyTest {

    @Test
    void bareThrowingUpcallEndsTheVm() throws Exception {
        ChildJvmResult r = FfmChild.run(ChildScenarios.class, "bare-throw");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("Unrecoverable uncaught exception encountered"), r::toString);
        assertTrue(r.stdout().isEmpty(), r::toString);
    }

    @Test
    void throwingTargetIsContainedOnNativeAndJvmThreadsWithOneLine() throws Exception {
        ChildJvmResult r = FfmChild.run(ChildScenarios.class, "throw");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("alive; returned 42 42 42; exceptions=3 calls=3\n", r.stdout(), r::toString);
        assertEquals(List.of("callgate: callback boom threw java.lang.IllegalStateException: boom from the body;"
                + " returned 0x2a to native code (said once per exception class)"), r.stderrLines(), r::toString);
    }

    @ParameterizedTest(name = "{0} on a GLib worker: {1} bodies, {2} rejected, {3} line(s)")
    @CsvSource({
        "ALLOW,     200, 0,   0",
        "WARN_ONCE, 200, 0,   1",
        "WARN,      200, 0,   200",
        "REJECT,    0,   200, 1",
    })
    void policyOnGLibWorker(String policy, long bodies, long rejected, int lines) throws Exception {
        ChildJvmResult r = FfmChild.run(ChildScenarios.class, "policy", policy, "200");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("bodies=" + bodies + " calls=200 foreignCalls=200 foreignThreads=1 rejected=" + rejected + "\n",
                r.stdout(), r::toString);
        List<String> err = r.stderrLines();
        assertEquals(lines, err.size(), r::toString);
        for (String line : err) {
            assertTrue(line.matches("callgate: callback policy-" + policy
                    + " on thread not created by the JVM \\(native thread \\d+, os linux\\); .*"), line);
        }
    }

    @Test
    void abortOnGLibWorkerEndsWithSigabrtAndOneLine() throws Exception {
        ChildJvmResult r = FfmChild.run(ChildScenarios.class, "policy", "ABORT", "200");
        assertEquals(134, r.exitCode(), r::toString);
        assertEquals("", r.stdout(), r::toString);
        List<String> err = r.stderrLines();
        assertEquals(1, err.size(), r::toString);
        assertTrue(err.get(0).matches("callgate: callback policy-ABORT on thread not created by the JVM"
                + " \\(native thread \\d+, os linux\\); aborting the process \\(policy ABORT\\)"), r::toString);
    }
}
