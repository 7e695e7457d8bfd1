package dev.callgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Callback;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * platform-api alone (no callgate-ffm on its test path), on whatever JDK runs it: every callback
 * takes JNA's route, says why, and writes no line, so nothing changes for an application that
 * does not add callgate-ffm or runs JDK 17 to 21.
 */
class RouteWithoutFfmTest {

    interface IntOp extends Callback {
        int apply(int a, int b);
    }

    private final RecordingBackend os = new RecordingBackend();

    @Test
    void withoutCallgateFfmACallbackTakesJnaRouteSilentlyAndSaysWhy() {
        try (GatedCallback<IntOp> gate = CallGate.builder(IntOp.class, (a, b) -> a + b).backend(os)
                .diagnostics(os.stderr()).build()) {
            assertEquals(CallbackRoute.JNA, gate.route());
            String why = Runtime.version().feature() < 22 ? "JDK " + Runtime.version().feature()
                    + "; the FFM route needs JDK 22 or later"
                    : "callgate-ffm is not on the class or module path; add it for the FFM route";
            assertTrue(gate.routeReason().startsWith(why), gate.routeReason());
            assertEquals(5, gate.callback().apply(2, 3)); // JNA's route as before: the gated proxy
            assertEquals(List.of(), os.stderrLines());
        }
    }

    @Test
    void askingForJnaRouteIsTheReasonGiven() {
        try (GatedCallback<IntOp> gate = CallGate.builder(IntOp.class, (a, b) -> a * b).route(CallbackRoute.JNA)
                .backend(os).diagnostics(os.stderr()).build()) {
            assertEquals(CallbackRoute.JNA, gate.route());
            assertTrue(gate.routeReason().contains("route(CallbackRoute.JNA)"), gate.routeReason());
            assertEquals(List.of(), os.stderrLines());
        }
    }
}
