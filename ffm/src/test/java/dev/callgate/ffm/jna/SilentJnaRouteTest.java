package dev.callgate.ffm.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * How the application set up its JVM changes no line: the route switched off keeps callbacks on
 * JNA's route without a word; without {@code --enable-native-access} standard error holds only
 * what JNA itself prints. A bad route value stops the first build with a message naming it.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class SilentJnaRouteTest {

    @Test
    void routeJnaPropertyIsSilent() throws Exception {
        JnaChildJvm.Result r = JnaChildJvm.run(true, List.of("-Dcallgate.route=jna"), "route");
        assertEquals(0, r.exitStatus(), r::toString);
        assertEquals("route=JNA sorted=[1, 2, 3]\nreason=-Dcallgate.route=jna turns the FFM route off\n", r.stdout(),
                r::toString);
        assertEquals(List.of(), r.callgateLines(), r::toString);
    }

    @Test
    void withNativeAccessTheSameChildTakesTheFfmRoute() throws Exception {
        JnaChildJvm.Result r = JnaChildJvm.run(true, List.of(), "route");
        assertEquals(0, r.exitStatus(), r::toString);
        assertTrue(r.stdout().startsWith("route=FFM sorted=[1, 2, 3]\n"), r::toString);
        assertEquals(List.of(), r.stderrLines(), r::toString);
    }

    /**
     * Without {@code --enable-native-access}, on the class path: callgate-ffm shares the unnamed
     * module with JNA, and JNA's own {@code System.load} (made by the OS backend before any route is
     * chosen) is the one restricted call the JDK warns about; the JDK then counts the module as
     * native-access enabled, so the FFM route is taken and none of its restricted calls warns again.
     * Standard error is exactly what plain JNA prints.
     */
    @Test
    void withoutNativeAccessNothingIsPrintedBeyondJnasOwnWarning() throws Exception {
        JnaChildJvm.Result plain = JnaChildJvm.run(false, List.of(), "plain");
        JnaChildJvm.Result gated = JnaChildJvm.run(false, List.of(), "route");
        assertEquals(0, gated.exitStatus(), gated::toString);
        assertTrue(plain.stderr().contains("java.lang.System::load has been called by com.sun.jna.Native"), plain::toString);
        assertTrue(gated.stdout().startsWith("route=FFM sorted=[1, 2, 3]\n"), gated::toString);
        assertEquals(plain.stderr(), gated.stderr(), () -> "plain JNA:\n" + plain + "\ncallgate:\n" + gated);
    }

    @Test
    void aBadRouteValueIsRefusedByName() throws Exception {
        JnaChildJvm.Result r = JnaChildJvm.run(true, List.of("-Dcallgate.route=ffmm"), "route");
        assertEquals(0, r.exitStatus(), r::toString);
        assertTrue(r.stdout().startsWith("refused: "), r::toString);
        assertTrue(r.stdout().contains("callgate.route") && r.stdout().contains("ffmm"), r::toString);
        assertTrue(r.stdout().contains("jna"), () -> "says what is accepted: " + r);
    }
}
