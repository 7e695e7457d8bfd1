package dev.callgate.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.testsupport.ChildJvmResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FfmDemo in a child JVM: the report on stdout, the one WARN_ONCE line on stderr. */
class FfmDemoTest {

    @Test
    void demoReportsForeignCallsAndThreadsAndWritesOneLine() throws Exception {
        ChildJvmResult r = FfmChild.run(FfmDemo.class, "--calls", "500", "--threads", "2");
        assertEquals(0, r.exitCode(), r::toString);
        List<String> out = List.of(r.stdout().split("\n"));
        assertEquals("backend: linux", out.get(0), r::toString);
        assertEquals("foreign calls: 500", out.get(1), r::toString);
        assertTrue(out.get(2).matches("foreign threads: [12]"), r::toString);
        List<String> err = r.stderrLines();
        assertEquals(1, err.size(), r::toString);
        assertTrue(err.get(0).matches("callgate: callback ffm-demo-tick on thread not created by the JVM"
                + " \\(native thread \\d+, os linux\\); ran it \\(policy WARN_ONCE: said once per callback\\)"), r::toString);
    }

    @Test
    void aMistypedPolicyIsRefusedWithTheNearestName() throws Exception {
        ChildJvmResult r = FfmChild.run(FfmDemo.class, "--policy", "warn-onse");
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals(List.of("FfmDemo: policy=warn-onse is not understood; policy takes allow, warn-once, warn, reject,"
                + " abort; did you mean warn-once?; usage: FfmDemo [--calls N] [--threads K]"
                + " [--policy allow|warn-once|warn|reject|abort]"), r.stderrLines(), r::toString);
    }
}
