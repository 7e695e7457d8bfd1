package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callgate.ffm.FfmChild;
import dev.callgate.testsupport.ChildJvmResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * How the application set up its JVM changes no line: the route switched off keeps callbacks on
 * JNA's route without a word; so does a JVM without {@code --enable-native-access}, whose standard
 * error holds only what JNA itself prints. A bad route value stops the first build with a message naming it.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class SilentJnaRouteTest {

    @Test
    void routeJnaPropertyIsSilent() throws Exception {
        ChildJvmResult r = FfmChild.run(JnaChildScenarios.class, true, List.of("-Dcallgate.route=jna"), "route");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("route=JNA sorted=[1, 2, 3]\nreason=-Dcallgate.route=jna turns the FFM route off\n", r.stdout(),
                r::toString);
        assertEquals(List.of(), r.stderrLinesStarting("callgate"), r::toString);
    }

    @Test
    void withNativeAccessTheSameChildTakesTheFfmRoute() throws Exception {
        ChildJvmResult r = FfmChild.run(JnaChildScenarios.class, true, List.of(), "route");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("route=FFM sorted=[1, 2, 3]\n"), r::toString);
        assertEquals(List.of(), r.stderrLines(), r::toString);
    }

    /**
     * Without {@code --enable-native-access}, on the class path: callgate-ffm shares the unnamed
     * module with JNA, and JNA's own {@code System.load} (made before any route is chosen) makes the
     * JDK warn and then count the module as native-access enabled. callgate does not take that for
     * the application's consent: JNA's route, and standard error is exactly what plain JNA prints.
     */
    @Test
    void withoutNativeAccessJnaRouteAndNothingIsPrintedBeyondJnasOwnWarning() throws Exception {
        ChildJvmResult plain = FfmChild.run(JnaChildScenarios.class, false, List.of(), "plain");
        ChildJvmResult gated = FfmChild.run(JnaChildScenarios.class, false, List.of(), "route");
        assertEquals(0, gated.exitCode(), gated::toString);
        assertTrue(plain.stderr().contains("java.lang.System::load has been called by com.sun.jna.Native"), plain::toString);
        assertTrue(gated.stdout().startsWith("route=JNA sorted=[1, 2, 3]\nreason=native access is not enabled for"
                + " callgate-ffm; add --enable-native-access=ALL-UNNAMED"), gated::toString);
        assertEquals(plain.stderr(), gated.stderr(), () -> "plain JNA:\n" + plain + "\ncallgate:\n" + gated);
    }

    /** An executable jar's manifest ({@code Enable-Native-Access: ALL-UNNAMED}) is the application's consent too. */
    @Test
    void anExecutableJarWhoseManifestEnablesNativeAccessTakesTheFfmRoute() throws Exception {
        ChildJvmResult enabled = FfmChild.runJar(JnaChildScenarios.class, true, "route");
        assertTrue(enabled.stdout().startsWith("route=FFM sorted=[1, 2, 3]\n"), enabled::toString);
        ChildJvmResult plain = FfmChild.runJar(JnaChildScenarios.class, false, "route");
        assertTrue(plain.stdout().startsWith("route=JNA sorted=[1, 2, 3]\n"), plain::toString);
    }

    @Test
    void aBadRouteValueIsRefusedByName() throws Exception {
        ChildJvmResult r = FfmChild.run(JnaChildScenarios.class, true, List.of("-Dcallgate.route=ffmm"), "route");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("refused: "), r::toString);
        assertTrue(r.stdout().contains("callgate.route") && r.stdout().contains("ffmm"), r::toString);
        assertTrue(r.stdout().contains("jna"), () -> "says what is accepted: " + r);
    }
}
